// Commitments and licences as the billing layer consumes them, already validated and
// resolved by the scenario loader: reservations, savings plans, capacity reservations and
// per-group OS/licence. Plain data; times are seconds from the scenario start (t = 0).
// The rules that apply them live in src/billing/commitments/ (docs/commitments.md).

export const COMMITMENT_TERMS = ['1y', '3y'] as const;
export type CommitmentTerm = (typeof COMMITMENT_TERMS)[number];

/** Hours in a term, as Azure prices it: term price / hours = price per hour. */
export const TERM_HOURS: Readonly<Record<CommitmentTerm, number>> = { '1y': 8760, '3y': 26280 };

/** Price per hour of a commitment given as a term total (upfront or the sum of monthly payments). */
export function hourlyFromTermTotal(termTotal: number, term: CommitmentTerm): number {
  return termTotal / TERM_HOURS[term];
}

export type OsType = 'linux' | 'windows';

/** What a group's VMs pay for software on top of compute. */
export interface LicenceSpec {
  os: OsType;
  /** `Windows_Server` = Azure Hybrid Benefit: no Windows software meter. */
  licenseType: 'Windows_Server' | null;
  /** The Windows software meter, per vCPU per billed hour (used for Windows without Hybrid Benefit). */
  windowsPerVcpuHour: number;
}

export const LINUX_LICENCE: LicenceSpec = { os: 'linux', licenseType: null, windowsPerVcpuHour: 0 };

/** Reserved VM Instances: quantity Q covers up to Q instance-hours of its size per clock hour. */
export interface ReservationSpec {
  /** Unique among all commitments; reports and FOCUS rows name it (CommitmentDiscountId). */
  name: string;
  /**
   * The reserved size (ArmSkuName). null when the reservation was given for a flexibility
   * group: then quantity counts normalized units (ratio 1) of that group.
   */
  size: string | null;
  /** The flexibility group covered when instanceSizeFlexibility is on (the loader fills it from the ratio table); else null. */
  flexibilityGroup: string | null;
  instanceSizeFlexibility: boolean;
  region: string;
  /** Instances of `size` (or normalized units of the group); > 0, may be fractional only for normalized units. */
  quantity: number;
  term: CommitmentTerm;
  /** Price per hour of one unit (one instance of `size`, or one normalized unit). */
  pricePerHour: number;
  /** Group names whose VMs it may cover; null = shared (every group). */
  scope: string[] | null;
  /** Active over [startSeconds, endSeconds); endSeconds may be Infinity. */
  startSeconds: number;
  endSeconds: number;
}

/** A plan rate for one size (optionally one region): the plan's price per hour of that size. */
export interface SavingsPlanRate {
  size: string;
  /** null = any region. */
  region: string | null;
  pricePerHour: number;
}

/** Savings plan for compute: a fixed spend per hour, consumed at per-size plan rates. */
export interface SavingsPlanSpec {
  name: string;
  /** Spend committed per hour (currency units). */
  hourlyCommitment: number;
  term: CommitmentTerm;
  /** Explicit plan rates; they win over `discount`. */
  rates: SavingsPlanRate[];
  /** For sizes without a rate: plan rate = pay-as-you-go x (1 - discount); null = such sizes are not covered. */
  discount: number | null;
  scope: string[] | null;
  startSeconds: number;
  endSeconds: number;
}

/** On-demand capacity reservation: quantity units of a size in a region (optionally a zone), billed used or not. */
export interface CapacityReservationSpec {
  name: string;
  size: string;
  region: string;
  /** null = regional: VMs in any zone of the region consume it. */
  zone: string | null;
  quantity: number;
  /** Groups whose VMs consume its units; null = any matching VM. */
  scope: string[] | null;
  startSeconds: number;
  endSeconds: number;
}

export interface CommitmentsSpec {
  reservations: ReservationSpec[];
  savingsPlans: SavingsPlanSpec[];
  capacityReservations: CapacityReservationSpec[];
}

/** No commitments (frozen, lists included: copy before adding to it). */
export const NO_COMMITMENTS: CommitmentsSpec = Object.freeze({
  reservations: Object.freeze([]),
  savingsPlans: Object.freeze([]),
  capacityReservations: Object.freeze([]),
}) as unknown as CommitmentsSpec;

/** One line of an instance-size-flexibility ratio table (`InstanceSizeFlexibilityGroup,ArmSkuName,Ratio`). */
export interface SizeRatio {
  group: string;
  size: string;
  ratio: number;
}

/** The price book a scenario read its prices from (for reports: which prices a study used). */
export interface PriceBookRef {
  file: string;
  /** SHA-256 of the book's currency and entries (fleetsim prices import). */
  fingerprint: string;
  region: string;
  kind: 'standard' | 'devtest';
  currency: string;
  effectiveDate: string;
}

/** What a scenario resolved about prices and commitments; absent from a scenario with none of them. */
export interface PricingSpec {
  commitments: CommitmentsSpec;
  /** Rows of the instance-size-flexibility ratio table (empty unless a reservation uses flexibility). */
  ratios: SizeRatio[];
  /** The ratio file read, or null when none was needed. */
  ratioFile: string | null;
  priceBook: PriceBookRef | null;
}

/** Whether a scenario's pricing has any commitment at all (the hourly meter runs only then). */
export function hasCommitments(p: PricingSpec | undefined): boolean {
  if (!p) return false;
  const c = p.commitments;
  return c.reservations.length + c.savingsPlans.length + c.capacityReservations.length > 0;
}

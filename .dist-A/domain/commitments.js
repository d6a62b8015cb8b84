// Commitments and licences as the billing layer consumes them, already validated and
// resolved by the scenario loader: reservations, savings plans, capacity reservations and
// per-group OS/licence. Plain data; times are seconds from the scenario start (t = 0).
// The rules that apply them live in src/billing/commitments/ (docs/commitments.md).
export const COMMITMENT_TERMS = ['1y', '3y'];
/** Hours in a term, as Azure prices it: term price / hours = price per hour. */
export const TERM_HOURS = { '1y': 8760, '3y': 26280 };
/** Price per hour of a commitment given as a term total (upfront or the sum of monthly payments). */
export function hourlyFromTermTotal(termTotal, term) {
    return termTotal / TERM_HOURS[term];
}
export const LINUX_LICENCE = { os: 'linux', licenseType: null, windowsPerVcpuHour: 0 };
/** No commitments (frozen, lists included: copy before adding to it). */
export const NO_COMMITMENTS = Object.freeze({ reservations: Object.freeze([]), savingsPlans: Object.freeze([]), capacityReservations: Object.freeze([]) });
//# sourceMappingURL=commitments.js.map
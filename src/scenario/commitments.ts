// Resolution of the scenario's commitments, licences and prices (docs/commitments.md): the
// price book (`prices`), sizes priced from it, per-group OS and licence, reservations,
// savings plans and capacity reservations with their defaults, and every check beyond the
// schema: checkCommitments' (unknown sizes, groups and flexibility groups, Spot scopes,
// quantities, terms), the ratio file's lines, what the price book lacks (with the nearest
// match), regions and zones, capacity, and the hourly meter's memory bound.

import path from 'node:path';
import { InputError, InputErrors } from '../errors.js';
import { packageRoot } from '../version.js';
import {
  TERM_HOURS,
  hourlyFromTermTotal,
  type CapacityReservationSpec,
  type CommitmentsSpec,
  type CommitmentTerm,
  type GroupSpec,
  type LicenceSpec,
  type PricingSpec,
  type RegionCapacity,
  type ReservationSpec,
  type SavingsPlanRate,
  type SavingsPlanSpec,
  type SizeRatio,
  type SizeSpec,
} from '../domain/index.js';
import { checkCommitments } from './check-commitments.js';
import { readRatioCsv, type RatioTable } from '../prices/ratios.js';
import { priceFor, readPriceBook, type PriceBook, type PriceKind } from '../prices/book.js';
import { didYouMean, type DocPath } from './schema.js';
import type { Collector } from './context.js';
import { instantOf } from './context.js';
import { DEFAULT_REGION } from './vocabulary.js';
import { MAX_COMMITMENTS, MAX_HOURLY_CELLS, formatLimit } from './limits.js';
import type { RawGroupOptions, RawScenario } from './spec.js';

/** The ratio table fleetsim ships (scenarios/data/isf-ratios.csv), used when `flexibilityRatios` is not given. */
export const BUNDLED_RATIOS = path.join(packageRoot(), 'scenarios', 'data', 'isf-ratios.csv');
/** How the resolved scenario names the bundled table: the same on every machine (studies compare resolved scenarios across machines). */
const BUNDLED_RATIOS_NAME = '(bundled) scenarios/data/isf-ratios.csv';

/** The price book a scenario names, read and checked (null when it names none or it cannot be read). */
export interface PriceContext {
  book: PriceBook;
  file: string;
  region: string;
  kind: PriceKind;
}

/** `reservations[0].size` -> ['reservations', 0, 'size']. */
function docPath(p: string): DocPath {
  const out: DocPath = [];
  for (const part of p.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1]!);
    for (const i of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/** An InputError from a file the scenario names (price book, ratio table), reported at the scenario path `p`. */
function fromFile(c: Collector, p: DocPath, e: InputError): void {
  const errs = e instanceof InputErrors ? e.errors : [e];
  for (const x of errs) {
    const d = x.detail;
    c.errors.push(
      new InputError(x.problem, {
        ...d,
        hint: [d.hint, `the file is named by ${c.whereIs(p)}`].filter(Boolean).join('; '),
      }),
    );
  }
}

/** Reads the price book of `prices`, if any. */
export function resolvePriceBook(r: RawScenario, currency: string, c: Collector): PriceContext | null {
  if (!r.prices) return null;
  const file = c.dataPath(r.prices.book);
  try {
    const book = readPriceBook(file);
    if (book.currency !== currency) {
      c.add(['prices', 'book'], `the price book is in ${book.currency}, the scenario bills in ${currency}`, {
        value: r.prices.book,
        expected: `a price book in ${currency}, or billing.currency: ${book.currency}`,
        hint: `set billing: { currency: ${book.currency} }, or import pages of the ${currency} prices (currencyCode=${currency})`,
      });
    }
    const regions = [...new Set(book.entries.map((e) => e.region))];
    if (!regions.includes(r.prices.region)) {
      const guess = didYouMean(r.prices.region, regions);
      c.add(['prices', 'region'], `the price book has no prices in region \`${r.prices.region}\``, {
        value: r.prices.region,
        expected: `a region the book prices: ${regions.join(', ')}`,
        ...(guess ? { hint: `did you mean \`${guess}\`?` } : { hint: 'import the pages of that region (armRegionName eq ...)' }),
      });
      return null;
    }
    return { book, file, region: r.prices.region, kind: r.prices.kind ?? 'standard' };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    fromFile(c, ['prices', 'book'], e);
    return null;
  }
}

/** Sizes with their prices: as typed, or from the price book (Linux, the infrastructure rate). */
export function resolveSizes(r: RawScenario, prices: PriceContext | null, c: Collector): SizeSpec[] {
  return Object.entries(r.sizes).map(([name, s]): SizeSpec => ({ ...priced(name, s), ...(s.hardware !== undefined ? { hardware: s.hardware } : {}) }));
  function priced(name: string, s: RawScenario['sizes'][string]): SizeSpec {
    if (s.pricePerHour !== undefined) return { name, vcpus: s.vcpus, pricePerHour: s.pricePerHour };
    if (r.prices === undefined) {
      c.add(['sizes', name], `size \`${name}\` has no \`pricePerHour\``, {
        key: true,
        value: s,
        expected: 'pricePerHour: the compute price per VM-hour, or `prices` naming a price book',
        hint: `add pricePerHour, or prices: { book: data/prices.json, region: eastus }`,
      });
      return { name, vcpus: s.vcpus, pricePerHour: 0 };
    }
    if (!prices) return { name, vcpus: s.vcpus, pricePerHour: 0 }; // the book could not be read: reported
    try {
      const p = priceFor(prices.book, name, prices.region, 'linux', { file: prices.file, path: `sizes.${name}`, kind: prices.kind });
      return { name, vcpus: s.vcpus, pricePerHour: p.computePayg ?? p.payg };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      c.add(['sizes', name], e.problem, {
        key: true,
        value: e.value,
        expected: e.expected ?? '',
        hint: [e.hint, `price book ${prices.file}, region from ${c.whereIs(['prices', 'region'])}`].filter(Boolean).join('; '),
      });
      return { name, vcpus: s.vcpus, pricePerHour: 0 };
    }
  }
}

/** OS and licence of each group (absent fields: Linux), with the Windows meter from the group or the price book. */
export function resolveLicences(
  r: RawScenario,
  groups: GroupSpec[],
  groupIndex: Map<string, string>,
  sizes: SizeSpec[],
  prices: PriceContext | null,
  c: Collector,
): void {
  const reported = new Set<string>();
  for (const g of groups) {
    const origin = groupIndex.get(g.name);
    const m = origin ? /^(groups|traces)\[(\d+)\]$/.exec(origin) : null;
    if (!m) continue;
    const o: RawGroupOptions | undefined = m[1] === 'groups' ? r.groups?.[Number(m[2])] : r.traces?.[Number(m[2])];
    if (!o || (o.os === undefined && o.licenseType === undefined && o.windowsLicensePerVcpuHour === undefined)) continue;
    const p: DocPath = [m[1]!, Number(m[2])];
    const os = o.os ?? 'linux';
    const once = (key: string, f: () => void): void => {
      if (!reported.has(key)) {
        reported.add(key);
        f();
      }
    };
    if (os !== 'windows' && o.licenseType !== undefined) {
      once(`${origin}:lt`, () =>
        c.add([...p, 'licenseType'], '`licenseType: Windows_Server` (Hybrid Benefit) applies to Windows VMs only', {
          value: o.licenseType,
          expected: 'os: windows, or no licenseType',
          hint: 'add os: windows, or remove licenseType',
        }),
      );
    }
    let perVcpu = o.windowsLicensePerVcpuHour ?? 0;
    const needsMeter = os === 'windows' && o.licenseType !== 'Windows_Server';
    if (needsMeter && o.windowsLicensePerVcpuHour === undefined) {
      const size = sizes.find((s) => s.name === g.size);
      if (!prices) {
        if (r.prices === undefined) {
          once(`${origin}:meter`, () =>
            c.add([...p, 'os'], `Windows group \`${g.name}\` has no Windows licence price`, {
              value: os,
              expected:
                'windowsLicensePerVcpuHour (the software meter per vCPU-hour), `prices` naming a price book, or licenseType: Windows_Server (Hybrid Benefit)',
              hint: 'e.g. windowsLicensePerVcpuHour: 0.046',
            }),
          );
        }
      } else if (size) {
        try {
          const sp = priceFor(prices.book, g.size, prices.region, 'windows', { file: prices.file, path: `groups.${g.name}`, kind: prices.kind });
          if (sp.licencePerHour === null)
            throw new InputError(`no Linux price for \`${g.size}\` in \`${prices.region}\` to tell the Windows licence apart`, {
              file: prices.file,
              expected: 'Linux and Windows prices of the size',
              hint: 'import the Linux pages too, or give windowsLicensePerVcpuHour',
            });
          perVcpu = sp.licencePerHour / size.vcpus;
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          once(`${origin}:${g.size}`, () =>
            c.add([...p, 'os'], e.problem, {
              value: e.value,
              expected: e.expected ?? '',
              hint: [e.hint, 'or give windowsLicensePerVcpuHour'].filter(Boolean).join('; '),
            }),
          );
        }
      }
    }
    const licence: LicenceSpec = { os, licenseType: o.licenseType ?? null, windowsPerVcpuHour: perVcpu };
    g.licence = licence;
  }
}

interface CommitmentEnv {
  startMs: number;
  horizon: number;
  sizes: SizeSpec[];
  groups: GroupSpec[];
  capacity: RegionCapacity[];
  prices: PriceContext | null;
}

/** Resolves reservations, savings plans and capacity reservations; undefined when the scenario has none of them and no price book. */
export function resolvePricing(r: RawScenario, env: CommitmentEnv, c: Collector): PricingSpec | undefined {
  const rawR = r.reservations ?? [],
    rawS = r.savingsPlans ?? [],
    rawC = r.capacityReservations ?? [];
  if (!rawR.length && !rawS.length && !rawC.length && !env.prices && r.flexibilityRatios === undefined) return undefined;
  const before = c.errors.length;
  const groupRegions = [...new Set(env.groups.map((g) => g.region))];
  const knownRegions = env.capacity.length ? env.capacity.map((x) => x.name) : [DEFAULT_REGION];
  const regionOf = (given: string | undefined, p: DocPath, what: string): string => {
    if (given === undefined) {
      if (groupRegions.length === 1) return groupRegions[0]!;
      if (groupRegions.length > 1)
        c.add([...p, 'region'], `${what} has no \`region\`, and the groups are in several regions`, { expected: `region: one of ${groupRegions.join(', ')}` });
      return knownRegions[0]!;
    }
    if (!knownRegions.includes(given)) {
      const guess = didYouMean(given, knownRegions);
      c.add([...p, 'region'], `unknown region \`${given}\` in ${what}`, {
        value: given,
        expected: env.capacity.length
          ? `one of the regions under capacity.regions: ${knownRegions.join(', ')}`
          : `\`${DEFAULT_REGION}\` (or no region): capacity is not modelled, so every group is in region \`${DEFAULT_REGION}\``,
        hint: guess
          ? `did you mean \`${guess}\`?`
          : env.capacity.length
            ? undefined
            : `the Azure region of the prices is \`prices.region\`; remove \`region\` here`,
      });
    }
    return given;
  };
  const window = (
    o: { start?: number | string; end?: number | string },
    p: DocPath,
    termHours: number | null,
  ): { startSeconds: number; endSeconds: number } => {
    const start = o.start === undefined ? 0 : (instantOf(o.start, [...p, 'start'], env.startMs, c) ?? 0);
    const end =
      o.end === undefined ? (termHours === null ? Infinity : start + termHours * 3600) : (instantOf(o.end, [...p, 'end'], env.startMs, c) ?? Infinity);
    return { startSeconds: start, endSeconds: end };
  };
  const bookPrice = (size: string, p: DocPath, field: 'reservation1y' | 'reservation3y' | 'savingsPlan1y' | 'savingsPlan3y', what: string): number | null => {
    const pc = env.prices;
    if (!pc) return null;
    try {
      const sp = priceFor(pc.book, size, pc.region, 'linux', { file: pc.file, path: formatDoc(p), kind: 'standard' });
      const v = sp[field];
      if (v === null) {
        c.add(p, `the price book has no ${what} price for \`${size}\` in \`${pc.region}\``, {
          value: size,
          expected: `a ${field} entry for ${size} in ${pc.region} (${pc.file})`,
          hint: 'import the reservation/savings-plan pages too (api-version 2023-01-01-preview for savings plans), or give the price',
        });
      }
      return v;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      c.add(p, e.problem, { value: e.value, expected: e.expected ?? '', hint: e.hint });
      return null;
    }
  };

  // The ratio table, only when some reservation has instance size flexibility.
  const needsRatios = rawR.some((x) => x.instanceSizeFlexibility !== false);
  let ratios: RatioTable | null = null;
  let ratioFile: string | null = null;
  let ratioFailed = false;
  if (needsRatios || r.flexibilityRatios !== undefined) {
    ratioFile = r.flexibilityRatios === undefined ? BUNDLED_RATIOS : c.dataPath(r.flexibilityRatios);
    try {
      ratios = readRatioCsv(ratioFile);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      ratioFailed = true;
      fromFile(c, r.flexibilityRatios === undefined ? ['reservations'] : ['flexibilityRatios'], e);
    }
  }

  const reservations: ReservationSpec[] = rawR.map((x, i) => {
    const p: DocPath = ['reservations', i];
    const flex = x.instanceSizeFlexibility ?? true;
    const term = x.term as CommitmentTerm;
    let flexibilityGroup: string | null = x.flexibilityGroup ?? null;
    if (flex && flexibilityGroup === null && x.size !== undefined && ratios) flexibilityGroup = ratios.of(x.size)?.group ?? null;
    let pricePerHour: number | null = null;
    if (x.pricePerHour !== undefined && x.termPrice !== undefined) {
      c.add([...p, 'termPrice'], 'reservation gives both `pricePerHour` and `termPrice`', {
        key: true,
        value: { pricePerHour: x.pricePerHour, termPrice: x.termPrice },
        expected: 'one of them',
      });
    }
    if (x.pricePerHour !== undefined) pricePerHour = x.pricePerHour;
    else if (x.termPrice !== undefined) pricePerHour = hourlyFromTermTotal(x.termPrice, term);
    else {
      // Per normalized unit for a group reservation: the price of the group's ratio-1 size.
      let size = x.size;
      if (size === undefined && flexibilityGroup !== null && ratios) {
        const unit = ratios.sizesOf(flexibilityGroup).find((s) => s.ratio === 1);
        size = unit?.size;
      }
      if (size !== undefined && !env.sizes.some((q) => q.name === size)) {
        // an unknown size: checkCommitments reports it
      } else if (!env.prices) {
        if (r.prices === undefined)
          c.add(p, `reservation \`${x.name ?? `reservation-${i}`}\` has no price`, {
            expected: 'pricePerHour (per instance-hour) or termPrice (the term total), or `prices` naming a price book',
            hint: 'e.g. pricePerHour: 0.1133 or termPrice: 992.3',
          });
      } else if (size === undefined) {
        c.add(p, 'cannot price a flexibility-group reservation from the price book: the group has no size of ratio 1', {
          expected: 'pricePerHour per normalized unit',
        });
      } else {
        const v = bookPrice(
          size,
          [...p, x.size === undefined ? 'flexibilityGroup' : 'size'],
          term === '1y' ? 'reservation1y' : 'reservation3y',
          `${term} reservation`,
        );
        if (v !== null) pricePerHour = v;
      }
    }
    return {
      name: x.name ?? `reservation-${i}`,
      size: x.size ?? null,
      flexibilityGroup: flex ? flexibilityGroup : (x.flexibilityGroup ?? null),
      instanceSizeFlexibility: flex,
      region: regionOf(x.region, p, `reservation \`${x.name ?? `reservation-${i}`}\``),
      quantity: x.quantity,
      term,
      pricePerHour: pricePerHour ?? 0,
      scope: x.scope ? [...x.scope] : null,
      ...window(x, p, TERM_HOURS[term]),
    };
  });

  const savingsPlans: SavingsPlanSpec[] = rawS.map((x, i) => {
    const p: DocPath = ['savingsPlans', i];
    const term = x.term as CommitmentTerm;
    const rates: SavingsPlanRate[] = Object.entries(x.rates ?? {}).map(([size, pricePerHour]) => ({ size, region: null, pricePerHour }));
    if (env.prices) {
      // The book's plan rates for every size not given one (in the groups' regions: the book's region prices them).
      const field = term === '1y' ? 'savingsPlan1y' : 'savingsPlan3y';
      for (const s of env.sizes) {
        if (rates.some((q) => q.size === s.name)) continue;
        try {
          const sp = priceFor(env.prices.book, s.name, env.prices.region, 'linux', { kind: 'standard' });
          const v = sp[field];
          if (v !== null && v > 0) rates.push({ size: s.name, region: null, pricePerHour: v });
        } catch (e) {
          if (!(e instanceof InputError)) throw e; // a size the book lacks: reported with the sizes, or priced by hand
        }
      }
    }
    return {
      name: x.name ?? `savings-plan-${i}`,
      hourlyCommitment: x.hourlyCommitment,
      term,
      rates,
      discount: x.discount ?? null,
      scope: x.scope ? [...x.scope] : null,
      ...window(x, p, TERM_HOURS[term]),
    };
  });

  const capacityReservations: CapacityReservationSpec[] = rawC.map((x, i) => {
    const p: DocPath = ['capacityReservations', i];
    const region = regionOf(x.region, p, `capacity reservation \`${x.name ?? `capacity-reservation-${i}`}\``);
    const zone = x.zone === undefined ? null : String(x.zone);
    const cap = env.capacity.find((q) => q.name === region);
    if (zone !== null && !cap?.zones.some((z) => z.name === zone)) {
      const zones = cap?.zones.map((z) => z.name) ?? [];
      c.add([...p, 'zone'], `unknown zone \`${zone}\` in capacity reservation`, {
        value: x.zone,
        expected: zones.length ? `one of the zones of ${region}: ${zones.join(', ')}` : `a zone declared under capacity.regions.${region}.zones`,
      });
    }
    return {
      name: x.name ?? `capacity-reservation-${i}`,
      size: x.size,
      region,
      zone,
      quantity: x.quantity,
      scope: x.scope ? [...x.scope] : null,
      ...window(x, p, null),
    };
  });
  const commitments: CommitmentsSpec = { reservations, savingsPlans, capacityReservations };

  // Capacity: what the capacity reservations hold must fit in their region (and zone).
  const vcpusOf = (size: string): number | undefined => env.sizes.find((s) => s.name === size)?.vcpus;
  for (const region of env.capacity) {
    const pools: Array<{ zone: string | null; vcpus: number | null }> = [
      { zone: null, vcpus: region.vcpus },
      ...region.zones.map((z) => ({ zone: z.name, vcpus: z.vcpus })),
    ];
    for (const pool of pools) {
      if (pool.vcpus === null) continue;
      let held = 0;
      capacityReservations.forEach((cr) => {
        if (cr.region !== region.name || (pool.zone !== null && cr.zone !== pool.zone)) return;
        held += cr.quantity * (vcpusOf(cr.size) ?? 0);
      });
      if (held > pool.vcpus) {
        const at = capacityReservations.findIndex((cr) => cr.region === region.name && (pool.zone === null || cr.zone === pool.zone));
        c.add(
          ['capacityReservations', at, 'quantity'],
          `capacity reservations hold more vCPUs than ${pool.zone === null ? `region \`${region.name}\`` : `zone \`${pool.zone}\` of \`${region.name}\``} has`,
          {
            value: held,
            expected: `at most ${formatLimit(pool.vcpus)} vCPUs (capacity.regions.${region.name}${pool.zone === null ? '' : `.zones.${pool.zone}`})`,
            hint: 'lower the quantities or raise the capacity',
          },
        );
      }
    }
  }

  // A ratio file that could not be read is reported already: check the rest as if without flexibility.
  const checked = ratioFailed
    ? {
        ...commitments,
        reservations: reservations.map((x) => ({
          ...x,
          instanceSizeFlexibility: x.size === null,
          flexibilityGroup: x.size === null ? x.flexibilityGroup : null,
        })),
      }
    : commitments;
  for (const prob of checkCommitments(checked, {
    sizes: env.sizes.map((s) => s.name),
    groups: env.groups.map((g) => ({ name: g.name, spot: g.spot !== null })),
    ...(ratios ? { ratios } : {}),
  })) {
    c.add(docPath(prob.path), prob.problem, { value: prob.value, expected: prob.expected, ...(prob.hint ? { hint: prob.hint } : {}) });
  }
  const n = reservations.length + savingsPlans.length + capacityReservations.length;
  // The hourly meter keys usage by group and size: VMs that change size are not metered yet.
  const resize = (r.schedules ?? []).findIndex((x) => x.operation === 'resize');
  if (n > 0 && resize >= 0) {
    c.add(['schedules', resize, 'operation'], 'commitments and resize schedules together are not supported yet', {
      value: 'resize',
      expected: 'either reservations / savings plans / capacity reservations, or resize schedules',
      hint: 'a resized VM would change the size its hours are reserved for; model the sizes as separate groups instead',
    });
  }
  if (n > MAX_COMMITMENTS) {
    c.add(['reservations'], `the scenario has ${formatLimit(n)} commitments, more than fleetsim's limit`, {
      value: n,
      expected: `at most ${formatLimit(MAX_COMMITMENTS)} reservations, savings plans and capacity reservations in all`,
      hint: 'see "Limits" in the README',
    });
  }
  if (n > 0 && Number.isFinite(env.horizon)) {
    const hours = Math.ceil(env.horizon / 3600) + 1;
    const keys = env.groups.length + capacityReservations.length;
    if (hours * keys > MAX_HOURLY_CELLS) {
      c.add(['reservations'], 'too many clock hours x groups for the hourly commitment meter', {
        value: `${formatLimit(hours)} hours x ${formatLimit(keys)} groups`,
        expected: `clock hours of the horizon x (groups + capacity reservations) at most ${formatLimit(MAX_HOURLY_CELLS)}`,
        hint: 'shorten the horizon or merge groups; see "Limits" in the README',
      });
    }
  }
  if (c.errors.length > before) return { commitments, ratios: [], ratioFile, priceBook: null };
  const usedRatios: SizeRatio[] = ratios && reservations.some((x) => x.instanceSizeFlexibility) ? [...ratios.rows] : [];
  const pc = env.prices;
  return {
    commitments,
    ratios: usedRatios,
    ratioFile: usedRatios.length ? (r.flexibilityRatios === undefined ? BUNDLED_RATIOS_NAME : ratioFile) : null,
    priceBook: pc
      ? { file: pc.file, fingerprint: pc.book.fingerprint, region: pc.region, kind: pc.kind, currency: pc.book.currency, effectiveDate: pc.book.effectiveDate }
      : null,
  };
}

function formatDoc(p: DocPath): string {
  return p.map((x, i) => (typeof x === 'number' ? `[${x}]` : i ? `.${x}` : x)).join('');
}

// The semantic checks of commitments that the scenario loader needs beyond its schema:
// unknown sizes, groups and flexibility groups (with a did-you-mean), commitments on Spot
// groups, negative quantities, terms that end before the commitment does, names used
// twice. Paths are relative to the scenario root (`reservations[0].size`); the loader adds
// the file and line and turns each problem into an InputError.
import type { CommitmentsSpec, SizeRatio } from '../domain/index.js';
import { TERM_HOURS } from '../domain/index.js';
import { didYouMean } from '../prices/suggest.js';
import { ratioTable, type RatioTable } from '../prices/ratios.js';

export interface CommitmentProblem {
  path: string;
  problem: string;
  value: unknown;
  expected: string;
  hint?: string;
}

export interface CheckContext {
  /** Size names the scenario defines. */
  sizes: readonly string[];
  groups: ReadonlyArray<{ name: string; spot: boolean }>;
  ratios?: RatioTable | readonly SizeRatio[];
}

export function checkCommitments(cm: CommitmentsSpec, ctx: CheckContext): CommitmentProblem[] {
  const out: CommitmentProblem[] = [];
  const ratios = ctx.ratios === undefined ? ratioTable([]) : 'of' in ctx.ratios ? ctx.ratios : ratioTable(ctx.ratios);
  const groupNames = ctx.groups.map((g) => g.name);
  const spotGroups = new Set(ctx.groups.filter((g) => g.spot).map((g) => g.name));
  const push = (path: string, problem: string, value: unknown, expected: string, hint?: string): void => {
    out.push({ path, problem, value, expected, ...(hint ? { hint } : {}) });
  };
  const guess = (word: string, among: readonly string[]): string | undefined => {
    const g = didYouMean(word, among);
    return g ? `did you mean \`${g}\`?` : undefined;
  };
  const size = (path: string, s: string): void => {
    if (!ctx.sizes.includes(s))
      push(
        path,
        `unknown size \`${s}\``,
        s,
        `one of the sizes defined under \`sizes\`: ${ctx.sizes.join(', ')}`,
        guess(s, ctx.sizes) ?? 'add the size under `sizes`',
      );
  };
  const quantity = (path: string, q: number, whole: boolean): void => {
    // 0 is allowed: a commitment of nothing, the natural first point of a sweep over quantities.
    if (!Number.isFinite(q) || q < 0 || (whole && !Number.isInteger(q))) push(path, 'bad quantity', q, whole ? 'a whole number >= 0' : 'a number >= 0');
  };
  const scope = (path: string, sc: string[] | null, what: string): void => {
    if (sc === null) return;
    if (sc.length === 0) push(path, 'empty scope', sc, 'group names, or no scope for shared');
    sc.forEach((g, j) => {
      if (!groupNames.includes(g)) push(`${path}[${j}]`, `unknown group \`${g}\``, g, `one of the groups: ${groupNames.join(', ')}`, guess(g, groupNames));
      else if (spotGroups.has(g))
        push(
          `${path}[${j}]`,
          `${what} scoped to Spot group \`${g}\``,
          g,
          'a group of regular (non-Spot) VMs',
          `${what}s never cover Spot VMs: remove \`${g}\` from the scope`,
        );
    });
  };
  const window = (path: string, start: number, end: number, termHours: number | null): void => {
    if (!(end > start)) push(`${path}.end`, 'ends before it starts', { start, end }, 'an end after the start');
    else if (termHours !== null && end !== Infinity && end - start > termHours * 3600 + 1e-6) {
      push(
        `${path}.end`,
        'lasts longer than its term',
        { start, end },
        `at most ${termHours.toLocaleString('en-US')} h after the start`,
        'a renewal is a second commitment: add one that starts where this term ends',
      );
    }
  };
  const names = new Map<string, string>();
  const name = (path: string, n: string): void => {
    const first = names.get(n);
    if (first !== undefined)
      push(`${path}.name`, `commitment name \`${n}\` used twice`, n, `a name no other commitment has (\`${first}\` has it)`, 'rename one of them');
    else names.set(n, path);
  };

  cm.reservations.forEach((r, i) => {
    const p = `reservations[${i}]`;
    name(p, r.name);
    if (r.size === null && r.flexibilityGroup === null)
      push(p, 'reservation without a size or flexibility group', null, 'a `size`, or a `flexibilityGroup` with quantity in normalized units');
    if (r.size !== null) size(`${p}.size`, r.size);
    if (r.size === null && !r.instanceSizeFlexibility)
      push(`${p}.instanceSizeFlexibility`, 'a flexibility-group reservation needs instance size flexibility', false, 'true');
    if (r.instanceSizeFlexibility && r.size !== null && ctx.sizes.includes(r.size) && !ratios.of(r.size)) {
      push(
        `${p}.size`,
        `size \`${r.size}\` is not in the instance-size-flexibility ratio table`,
        r.size,
        'a size listed in the ratio file',
        'add its line to the ratio file, or set instanceSizeFlexibility: false',
      );
    }
    if (r.flexibilityGroup !== null) {
      if (!ratios.groups.includes(r.flexibilityGroup)) {
        push(
          `${p}.flexibilityGroup`,
          `unknown flexibility group \`${r.flexibilityGroup}\``,
          r.flexibilityGroup,
          `a group of the ratio table: ${ratios.groups.join(', ')}`,
          guess(r.flexibilityGroup, ratios.groups),
        );
      } else if (r.size !== null && ratios.of(r.size) && ratios.of(r.size)!.group !== r.flexibilityGroup) {
        push(
          `${p}.flexibilityGroup`,
          `size \`${r.size}\` belongs to \`${ratios.of(r.size)!.group}\`, not \`${r.flexibilityGroup}\``,
          r.flexibilityGroup,
          `\`${ratios.of(r.size)!.group}\``,
        );
      }
    }
    quantity(`${p}.quantity`, r.quantity, r.size !== null);
    if (!(r.pricePerHour >= 0)) push(`${p}.price`, 'bad price', r.pricePerHour, 'a price >= 0 per hour or per term');
    scope(`${p}.scope`, r.scope, 'reservation');
    window(p, r.startSeconds, r.endSeconds, TERM_HOURS[r.term]);
  });
  cm.savingsPlans.forEach((sp, i) => {
    const p = `savingsPlans[${i}]`;
    name(p, sp.name);
    if (!(sp.hourlyCommitment >= 0) || !Number.isFinite(sp.hourlyCommitment))
      push(`${p}.hourlyCommitment`, 'bad hourly commitment', sp.hourlyCommitment, 'a spend per hour >= 0');
    if (sp.discount !== null && !(sp.discount >= 0 && sp.discount < 1)) push(`${p}.discount`, 'bad discount', sp.discount, 'a fraction in [0, 1), e.g. 0.27');
    if (sp.discount === null && sp.rates.length === 0)
      push(p, 'savings plan with neither rates nor a discount covers nothing', null, '`rates` per size, or a `discount`');
    sp.rates.forEach((r, j) => {
      size(`${p}.rates[${j}].size`, r.size);
      if (!(r.pricePerHour > 0)) push(`${p}.rates[${j}].pricePerHour`, 'bad plan rate', r.pricePerHour, 'a price per hour > 0');
    });
    scope(`${p}.scope`, sp.scope, 'savings plan');
    window(p, sp.startSeconds, sp.endSeconds, TERM_HOURS[sp.term]);
  });
  cm.capacityReservations.forEach((c, i) => {
    const p = `capacityReservations[${i}]`;
    name(p, c.name);
    size(`${p}.size`, c.size);
    quantity(`${p}.quantity`, c.quantity, true);
    scope(`${p}.scope`, c.scope, 'capacity reservation');
    window(p, c.startSeconds, c.endSeconds, null);
  });
  return out;
}

// fast-check generators for the fuzz suite: scenario objects in the file format (valid by
// construction, small enough to run in milliseconds), mutations of them (wrong types,
// absurd numbers, huge strings, hostile paths, deleted fields), YAML text damage, and
// sequences of operations on a fleet.
import fc from 'fast-check';

export type Doc = Record<string, unknown>;

const OPS_WITH_CODES: Record<string, string[]> = {
  create: ['InternalOperationError', 'AllocationFailed', 'OSProvisioningTimedOut', 'SkuNotAvailable'],
  start: ['InternalOperationError', 'AllocationFailed', 'VMStartTimedOut'],
  stop: ['InternalOperationError'],
  restart: ['InternalOperationError', 'VMStartTimedOut'],
  deallocate: ['InternalOperationError'],
  delete: ['InternalOperationError'],
};

const seconds = (max: number): fc.Arbitrary<number | string> =>
  fc.oneof(
    fc.integer({ min: 0, max }),
    fc.integer({ min: 0, max: Math.max(1, Math.floor(max / 60)) }).map((m) => `${m}m`),
  );

const positiveSeconds = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });

const duration: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: seconds(600) },
  { weight: 1, arbitrary: positiveSeconds(300).map((v) => ({ dist: 'fixed', value: v })) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 200 })).map(([a, b]) => ({ dist: 'uniform', min: a, max: a + b })),
  },
  { weight: 1, arbitrary: positiveSeconds(300).map((m) => ({ dist: 'exponential', mean: m })) },
  {
    weight: 1,
    arbitrary: fc.tuple(positiveSeconds(300), fc.double({ min: 0, max: 2, noNaN: true })).map(([m, s]) => ({ dist: 'lognormal', mean: m, sigma: s })),
  },
);

const durationsArb: fc.Arbitrary<Doc> = fc.record(
  {
    create: fc.record({ starting: duration, osProvisioning: duration, osProvisioningComplete: duration }, { requiredKeys: [] }),
    start: fc.record({ starting: duration }, { requiredKeys: [] }),
    stop: fc.record({ stopping: duration }, { requiredKeys: [] }),
    restart: fc.record({ stopping: duration, starting: duration }, { requiredKeys: [] }),
    deallocate: fc.record({ deallocating: duration }, { requiredKeys: [] }),
    delete: fc.record({ deleting: duration }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const failuresArb: fc.Arbitrary<Doc> = fc.dictionary(fc.constantFrom(...Object.keys(OPS_WITH_CODES)), fc.constant(null), { maxKeys: 3 }).chain((d) => {
  const ops = Object.keys(d);
  return fc
    .tuple(
      ...ops.map((op) =>
        fc.record({
          probability: fc.double({ min: 0, max: 0.6, noNaN: true }),
          code: fc.constantFrom(...OPS_WITH_CODES[op]!),
        }),
      ),
    )
    .map((fs) => Object.fromEntries(ops.map((op, i) => [op, fs[i]])));
});

interface GroupPlan {
  name: string;
  hibernation: boolean;
  count: number;
}

function groupArb(name: string, sizes: string[], regions: string[]): fc.Arbitrary<Doc> {
  return fc
    .record({
      count: fc.integer({ min: 0, max: 12 }),
      size: fc.constantFrom(...sizes),
      kind: fc.constantFrom('fixed', 'fixed', 'fixed', 'later', 'none', 'arrivals', 'autoscale'),
      createAt: fc.oneof(fc.integer({ min: 0, max: 7200 }), fc.constantFrom('1h', '30m')),
      ratePerHour: fc.double({ min: 0, max: 30, noNaN: true }),
      lifetime: fc.option(positiveSeconds(86400).map((m) => ({ dist: 'exponential', mean: m }))),
      durations: fc.option(durationsArb),
      failures: fc.option(failuresArb),
      retry: fc.option(
        fc.record({ maxAttempts: fc.integer({ min: 1, max: 5 }), backoff: fc.constantFrom('fixed', 'exponential'), delay: fc.integer({ min: 0, max: 120 }) }),
      ),
      lateCompletion: fc.option(fc.record({ probability: fc.double({ min: 0, max: 1, noNaN: true }), after: fc.integer({ min: 0, max: 600 }) })),
      spot: fc.option(
        fc.record({
          discount: fc.double({ min: 0, max: 0.9, noNaN: true }),
          evictionRatePerHour: fc.double({ min: 0, max: 3, noNaN: true }),
          policy: fc.constantFrom('Deallocate', 'Delete'),
        }),
      ),
      hibernation: fc.boolean(),
      region: fc.constantFrom(...regions),
      charges: fc.option(
        fc.record({ diskPerHour: fc.double({ min: 0, max: 0.05, noNaN: true }), publicIpPerHour: fc.double({ min: 0, max: 0.01, noNaN: true }) }),
      ),
      targets: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 12 })), { maxLength: 4 }),
      scaleOut: fc.constantFrom('create', 'start'),
      scaleIn: fc.constantFrom('deallocate', 'stop', 'delete'),
    })
    .map((g) => {
      const out: Doc = { name, count: g.count, size: g.size };
      if (g.kind === 'later') out.createAt = g.createAt;
      if (g.kind === 'none') out.createAt = null;
      if (g.kind === 'arrivals') out.arrivals = { ratePerHour: g.ratePerHour };
      if (g.kind === 'autoscale') {
        let t = 0;
        const targets: Array<{ at: number | string; target: number }> = [{ at: 0, target: Math.min(g.count, 1) }];
        for (const [dt, target] of g.targets) targets.push({ at: `${(t += dt)}m`, target: Math.min(target, g.count) });
        out.autoscale = { scaleOut: g.scaleOut, scaleIn: g.scaleIn, targets };
      }
      if (g.lifetime && g.kind !== 'autoscale') out.lifetime = g.lifetime;
      if (g.durations) out.durations = g.durations;
      if (g.failures) out.failures = g.failures;
      if (g.retry) out.retry = g.retry;
      if (g.lateCompletion) out.lateCompletion = g.lateCompletion;
      if (g.spot && g.kind !== 'autoscale') out.spot = g.spot;
      if (g.hibernation) out.hibernation = true;
      if (g.region !== 'default') out.region = g.region;
      if (g.charges) out.charges = g.charges;
      return out;
    });
}

/** A valid scenario object: a few small groups, schedules, billing and capacity variants. */
export const scenarioArb: fc.Arbitrary<Doc> = fc
  .record({
    nSizes: fc.integer({ min: 1, max: 3 }),
    nGroups: fc.integer({ min: 1, max: 3 }),
    capacity: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .chain(({ nSizes, nGroups, capacity, seed }) => {
    const sizes = Array.from({ length: nSizes }, (_, i) => `S${i}`);
    const regions = capacity ? ['westeurope', 'northeurope'] : ['default'];
    const names = Array.from({ length: nGroups }, (_, i) => `g${i}`);
    return fc
      .record({
        horizon: fc.oneof(fc.constantFrom('1d', '2d', '7d', '12h'), fc.integer({ min: 4 * 3600, max: 10 * 86400 })),
        timezone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
        start: fc.constantFrom('2026-01-05T00:00:00Z', '2026-10-24T00:00:00Z', '2026-03-28T12:00:00+01:00'),
        billing: fc.record(
          {
            preset: fc.constantFrom('azure-2018', 'azure-2023'),
            granularity: fc.constantFrom('second', 'minute'),
            minimumCharge: fc.constantFrom(0, 0, 60, '5m'),
          },
          { requiredKeys: [] },
        ),
        sizes: fc.tuple(...sizes.map(() => fc.record({ vcpus: fc.integer({ min: 1, max: 16 }), pricePerHour: fc.double({ min: 0, max: 2, noNaN: true }) }))),
        durations: fc.option(durationsArb),
        failures: fc.option(failuresArb),
        groups: fc.tuple(...names.map((n) => groupArb(n, sizes, regions))),
        // at least one VM of the largest size (16 vCPUs), often not room for all
        capacityVcpus: fc.tuple(fc.integer({ min: 16, max: 80 }), fc.integer({ min: 16, max: 80 })),
        schedules: fc.array(
          fc.record({
            operation: fc.constantFrom('start', 'stop', 'deallocate', 'restart', 'delete', 'hibernate'),
            groups: fc.subarray(names, { minLength: 1 }),
            when: fc.oneof(
              fc.record({
                every: fc.constantFrom('daily', 'daily', 'daily', 'weekdays', 'weekends', ['mon', 'sun']),
                time: fc.constantFrom('07:00', '19:00', '02:30', '00:00', '23:59:59', '01:00', '03:00'),
              }),
              fc.record({ at: fc.integer({ min: 0, max: 4 * 3600 - 1 }) }),
            ),
          }),
          { maxLength: 4 },
        ),
      })
      .map((r) => {
        const doc: Doc = {
          name: `fuzz-${seed}`,
          start: r.start,
          horizon: r.horizon,
          seed,
          timezone: r.timezone,
          billing: r.billing,
          sizes: Object.fromEntries(sizes.map((s, i) => [s, r.sizes[i]])),
          groups: r.groups,
        };
        if (r.durations) doc.durations = r.durations;
        if (r.failures) doc.failures = r.failures;
        if (capacity) doc.capacity = { regions: { westeurope: { vcpus: r.capacityVcpus[0] }, northeurope: { vcpus: r.capacityVcpus[1] } } };
        const hib = new Set((r.groups as unknown as GroupPlan[]).filter((g) => g.hibernation).map((g) => g.name));
        const schedules = r.schedules
          .map((s) => ({ operation: s.operation, groups: s.operation === 'hibernate' ? s.groups.filter((g) => hib.has(g)) : s.groups, ...s.when }))
          .filter((s) => s.groups.length > 0);
        if (schedules.length) doc.schedules = schedules;
        return doc;
      });
  });

/** Values a mutation may put anywhere: wrong types, absurd numbers, huge and hostile strings. */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1,
    0.5,
    1e308,
    -1e308,
    1e9,
    1e13,
    4294967297,
    2 ** 53,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    'NaN',
    'Infinity',
    '-5s',
    '1e999',
    '99999999999999999999d',
    '3d19h00m30s',
    '25:99',
    '2026-13-45T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    null,
    true,
    false,
    [],
    {},
    [[[[[[[[[[]]]]]]]]]],
    { dist: 'lognormal', mean: 60, sigma: 1e308 },
    { dist: 'empirical', file: '../../../../etc/passwd' },
    { dist: 'empirical', file: '/dev/zero' },
    '../../victim',
    'a\u0000b',
    '\u202e\u0007',
    'x'.repeat(5000),
    { ratePerHour: 1e9 },
    { maxAttempts: 300, delay: 0 },
    { demand: '/etc/passwd' },
    { hourOfWeek: { file: 'nope.csv' } },
  ),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
);

type PathStep = string | number;

function paths(v: unknown, prefix: PathStep[] = [], out: PathStep[][] = [], depth = 0): PathStep[][] {
  out.push(prefix);
  if (depth > 6 || v === null || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) paths(x, [...prefix, Array.isArray(v) ? Number(k) : k], out, depth + 1);
  return out;
}

function getAt(doc: unknown, p: PathStep[]): unknown {
  let node = doc;
  for (const k of p) node = (node as Record<string | number, unknown>)[k];
  return node;
}

function setAt(doc: unknown, p: PathStep[], value: unknown, remove: boolean): unknown {
  if (p.length === 0) return remove ? {} : value;
  const root = structuredClone(doc) as Record<string | number, unknown>;
  let node = root;
  for (let i = 0; i < p.length - 1; i++) node = node[p[i]!] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

/** A valid scenario with 1-3 mutations: a field set to junk, removed, or an unknown field added. */
export const mutatedScenarioArb: fc.Arbitrary<unknown> = fc
  .tuple(
    scenarioArb,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'set', 'remove', 'add'), junkArb, fc.string({ minLength: 1, maxLength: 8 })), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([doc, muts]) => {
    let d: unknown = doc;
    for (const [pick, how, junk, key] of muts) {
      if (how === 'add') {
        // a new key in some mapping (an unknown field)
        const maps = paths(d).filter((p) => {
          const v = getAt(d, p);
          return v !== null && typeof v === 'object' && !Array.isArray(v);
        });
        if (maps.length) d = setAt(d, [...maps[pick % maps.length]!, key], junk, false);
      } else {
        const ps = paths(d);
        d = setAt(d, ps[pick % ps.length]!, junk, how === 'remove');
      }
    }
    return d;
  });

/** Damage done to a scenario's YAML text (the CLI reads text). */
export const textDamageArb: fc.Arbitrary<(text: string) => string> = fc.oneof(
  { weight: 8, arbitrary: fc.constant((t: string) => t) },
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))), // truncated
  fc.tuple(fc.nat(), fc.constantFrom('&a [*a]', '*nope', '{{{', ':\n  - ', '\t', '"', '\u0000', '<<: *x', '!!binary x')).map(([n, s]) => (t: string) => {
    const i = n % (t.length + 1);
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.constant((t: string) => t + '\nextra: &a [*a]\n'),
  fc.constant((t: string) => 'x: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n' + t),
);

/** One step of an operation sequence: advance the clock by `dt`, then request `op` on VM `vm`. */
export interface OpStep {
  dt: number;
  vm: number;
  op: string;
}

/** What request() takes without more arguments (a resize needs a target size: schedules only). */
export const OPS = ['create', 'start', 'stop', 'restart', 'deallocate', 'delete', 'hibernate'] as const;

export function opSequenceArb(vms: number, length: number): fc.Arbitrary<OpStep[]> {
  return fc.array(
    fc.record({
      dt: fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 120 }) },
        { weight: 4, arbitrary: fc.integer({ min: 100, max: 1000 }) },
      ),
      vm: fc.integer({ min: 0, max: vms - 1 }),
      // delete is final (a deleted VM rejects everything after): rare, or every fleet empties fast
      op: fc.oneof(
        { weight: 3, arbitrary: fc.constant('create') },
        { weight: 4, arbitrary: fc.constant('start') },
        { weight: 4, arbitrary: fc.constant('stop') },
        { weight: 2, arbitrary: fc.constant('restart') },
        { weight: 4, arbitrary: fc.constant('deallocate') },
        { weight: 2, arbitrary: fc.constant('hibernate') },
        { weight: 1, arbitrary: fc.constantFrom('delete', 'start', 'stop', 'deallocate', 'create', 'restart', 'hibernate', 'start', 'stop') },
      ),
    }),
    { minLength: length, maxLength: length },
  );
}

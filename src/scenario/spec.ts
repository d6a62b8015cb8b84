// The scenario file format, defined once: TypeBox builds the JSON Schema from this code and
// infers the raw input types (RawScenario, RawGroup, ...) from the same definitions, so the
// schema, the validator and the types the resolver reads cannot drift apart.
//
// `npm run generate` (scripts/generate-validator.mjs) writes what is derived from it:
// scenarios/scenario.schema.json (for editors, and read by the loader for error messages and
// --set paths) and generated/scenario-validator.cjs (ajv, precompiled). A test fails when
// either is stale. Nothing imports this module at run time except with `import type`:
// loading TypeBox costs ~150 ms, half of the CLI's start-up.
//
// Bounds on plain numbers and strings live here (minimum, maximum, maxLength, patterns, from
// limits.ts); bounds on durations (which may be strings) and across fields live in the
// resolver. Two annotations steer error messages: `x-expected` (what a valid value looks
// like) and `x-limit` (the fix when a limit is exceeded). See docs/scenario-format.md.

import Type, { type Static, type TSchema, type TUnsafe } from 'typebox';
import { ERROR_CODES_BY_OPERATION, OPERATIONS, type ErrorCode, type OperationName, type PhaseDurations } from '../domain/index.js';
import { DURATION_EXPECTED, INSTANT_OR_OFFSET_EXPECTED } from './time.js';
import {
  DEFAULT_BILLING,
  DEFAULT_DURATIONS_SECONDS,
  DEFAULT_LATE_COMPLETION,
  DEFAULT_RETRY,
  DEFAULT_SEED,
  DEFAULT_TIMEZONE,
  DIST_PARAMS,
  EVERY,
  HOURS_PER_WEEK,
  WEEKDAYS,
} from './vocabulary.js';
import * as L from './limits.js';

const n = L.formatLimit;
const LIMITS_HINT = 'see "Limits" in the README (Scenario files)';

// ---------------------------------------------------------------------------------------------
// Builders: TypeBox where its output is what editors and ajv should see; Type.Unsafe (a
// schema written out, with its static type) where the JSON Schema should be more compact
// than TypeBox's (multi-type nodes, enums, maps with checked keys, $ref).

interface Annotations {
  description?: string;
  /** What a valid value looks like, for error messages. */
  expected?: string;
  /** The fix when a maximum or maxLength (a limit) is exceeded. */
  limit?: string;
}

function ann(a: Annotations): Record<string, string> {
  const out: Record<string, string> = {};
  if (a.description !== undefined) out['description'] = a.description;
  if (a.expected !== undefined) out['x-expected'] = a.expected;
  if (a.limit !== undefined) out['x-limit'] = a.limit;
  return out;
}

/** A closed object: unknown fields are errors (with a did-you-mean). */
function closed<P extends Record<string, TSchema>>(properties: P, a: Annotations & { minProperties?: number } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...ann(a), ...(a.minProperties ? { minProperties: a.minProperties } : {}) });
}

/** `enum` (not TypeBox's anyOf of consts): one error with a did-you-mean instead of one per alternative. */
function oneOf<const V extends readonly string[]>(values: V, a: Annotations = {}): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ enum: [...values], ...ann(a) });
}

/**
 * A mapping from names (checked by `keys`, written inline: ajv tells which key failed only
 * for an inline propertyNames schema, not through a $ref) to values of one schema.
 */
function mapOf<V extends TSchema>(value: V, keys: TSchema, a: Annotations & { minProperties?: number } = {}): TUnsafe<Record<string, Static<V>>> {
  return Type.Unsafe<Record<string, Static<V>>>({
    type: 'object',
    ...ann(a),
    ...(a.minProperties ? { minProperties: a.minProperties } : {}),
    propertyNames: keys,
    additionalProperties: value,
  });
}

const definitions: Record<string, TSchema> = {};

/** Registers a definition; returns a function making `$ref`s to it (with their own description). */
function def<T extends TSchema>(name: string, schema: T): (description?: string) => TUnsafe<Static<T>> {
  definitions[name] = schema;
  return (description) => Type.Unsafe<Static<T>>({ $ref: `#/definitions/${name}`, ...(description ? { description } : {}) });
}

function number(min: number, max: number, a: Annotations & { exclusiveMin?: boolean; exclusiveMax?: boolean; integer?: boolean } = {}) {
  return (a.integer ? Type.Integer : Type.Number)({
    ...ann(a),
    ...(a.exclusiveMin ? { exclusiveMinimum: min } : { minimum: min }),
    ...(a.exclusiveMax ? { exclusiveMaximum: max } : { maximum: max }),
  });
}

// ---------------------------------------------------------------------------------------------
// Strings: names, paths, time

const DURATION_PATTERN = '^\\s*(?:\\d+(?:\\.\\d+)?|(?:\\d+(?:\\.\\d+)?\\s*[wdhms]\\s*)+)$';
const INSTANT_PATTERN = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|z|[+-]\\d{2}(?::?\\d{2})?)';
const OFFSET_OR_INSTANT_PATTERN = `^\\s*(?:(?:\\d+(?:\\.\\d+)?|(?:\\d+(?:\\.\\d+)?\\s*[wdhms]\\s*)+)|${INSTANT_PATTERN})\\s*$`;
const NAME_EXPECTED = `a non-empty name of at most ${L.MAX_NAME_LENGTH} characters, without control characters`;
const IDENTIFIER_EXPECTED = `a name of letters, digits, _ . - starting with a letter or digit (${L.IDENTIFIER_PATTERN}), at most ${L.MAX_NAME_LENGTH} characters`;
const NAME_LIMIT = `names are at most ${L.MAX_NAME_LENGTH} characters; ${LIMITS_HINT}`;

const nameSchema = Type.String({
  ...ann({ description: `A name: 1 to ${L.MAX_NAME_LENGTH} characters, no control characters.`, expected: NAME_EXPECTED, limit: NAME_LIMIT }),
  minLength: 1,
  maxLength: L.MAX_NAME_LENGTH,
  pattern: L.NO_CONTROL_PATTERN,
});
const name = def('name', nameSchema);

const identifierSchema = Type.String({
  ...ann({
    description: `A name safe in CSV files, file names and --set paths: letters, digits, _ . - (starting with a letter or digit), at most ${L.MAX_NAME_LENGTH} characters.`,
    expected: IDENTIFIER_EXPECTED,
    limit: NAME_LIMIT,
  }),
  maxLength: L.MAX_NAME_LENGTH,
  pattern: L.IDENTIFIER_PATTERN,
});
const identifier = def('identifier', identifierSchema);

const dataFile = def(
  'dataFile',
  Type.String({
    ...ann({
      description: "A data file, relative to the scenario file's folder.",
      expected: `a file path (1 to ${n(L.MAX_PATH_LENGTH)} characters, no control characters)`,
    }),
    minLength: 1,
    maxLength: L.MAX_PATH_LENGTH,
    pattern: L.NO_CONTROL_PATTERN,
  }),
);

const duration = def(
  'duration',
  Type.Unsafe<number | string>({
    ...ann({
      description: `A duration: seconds as a number, or a string of <number><unit> parts with units w, d, h, m, s, e.g. 45s, 2m, 1.5h, 28d, 1w, 3d19h00m30s. At most ${n(L.MAX_DURATION_SECONDS)} s (100 years).`,
      expected: DURATION_EXPECTED,
    }),
    type: ['number', 'string'],
    minimum: 0,
    pattern: DURATION_PATTERN,
    examples: ['45s', '2m', '1.5h', '28d', 90],
  }),
);

const instant = def(
  'instant',
  Type.Unsafe<string>({
    ...ann({
      description: 'An ISO 8601 date-time with a zone (Z or an offset), e.g. 2026-01-05T00:00:00Z or 2026-01-05T08:00:00+01:00.',
      expected: 'an ISO 8601 date-time with a zone, e.g. 2026-01-05T00:00:00Z or 2026-01-05T08:00:00+01:00',
    }),
    type: 'string',
    pattern: `^\\s*${INSTANT_PATTERN}\\s*$`,
    examples: ['2026-01-05T00:00:00Z'],
  }),
);

const instantOrOffset = def(
  'instantOrOffset',
  Type.Unsafe<number | string>({
    ...ann({
      description: 'A point in time: an offset from the scenario start (seconds or a duration string such as 15d12h) or an ISO 8601 date-time with a zone.',
      expected: INSTANT_OR_OFFSET_EXPECTED,
    }),
    type: ['number', 'string'],
    minimum: 0,
    pattern: OFFSET_OR_INSTANT_PATTERN,
    examples: ['1d', '15d12h', '2026-01-20T12:00:00Z', 0],
  }),
);

// ---------------------------------------------------------------------------------------------
// Durations and distributions

const probability = (description: string) => number(0, 1, { description, expected: 'a number in [0, 1]' });

/** One variant per distribution: their parameters make both the static type and the schema's if/then rules. */
const distVariants = {
  fixed: Type.Object({ dist: Type.Literal('fixed'), value: duration('fixed: the duration.') }),
  uniform: Type.Object({ dist: Type.Literal('uniform'), min: duration('uniform: lower bound (0 <= min <= max).'), max: duration('uniform: upper bound.') }),
  exponential: Type.Object({ dist: Type.Literal('exponential'), mean: duration('exponential / lognormal: the mean (> 0).') }),
  lognormal: Type.Object({
    dist: Type.Literal('lognormal'),
    mean: duration('exponential / lognormal: the mean (> 0).'),
    sigma: number(0, L.MAX_LOGNORMAL_SIGMA, {
      description: `lognormal: sigma of the underlying normal distribution (dimensionless, in [0, ${L.MAX_LOGNORMAL_SIGMA}]: larger ones make draws overflow).`,
      limit: `sigma is at most ${L.MAX_LOGNORMAL_SIGMA}, which already spreads draws over tens of orders of magnitude; ${LIMITS_HINT}`,
    }),
  }),
  empirical: Type.Object({
    dist: Type.Literal('empirical'),
    file: dataFile(
      `empirical: CSV file of observed durations, relative to the scenario file's folder. Header row optional; every value a duration >= 0 (seconds or a duration string); 1 to ${n(L.MAX_EMPIRICAL_SAMPLES)} samples.`,
    ),
    column: Type.Optional(
      Type.Unsafe<string | number>({
        ...ann({ description: 'empirical: the CSV column holding the samples: a header name, or a 0-based index (default 0).' }),
        type: ['string', 'integer'],
        minimum: 0,
        minLength: 1,
        maxLength: L.MAX_NAME_LENGTH,
      }),
    ),
  }),
};
export type RawDistribution = Static<(typeof distVariants)[keyof typeof distVariants]>;

for (const [dist, v] of Object.entries(distVariants)) {
  const params = Object.keys(v.properties).filter((k) => k !== 'dist');
  if (params.join() !== DIST_PARAMS[dist as keyof typeof DIST_PARAMS].join()) throw new Error(`spec.ts: parameters of ${dist} differ from DIST_PARAMS`);
}

function durationValueSchema(): TUnsafe<number | string | RawDistribution> {
  const params: Record<string, unknown> = {};
  for (const v of Object.values(distVariants)) for (const [k, s] of Object.entries(v.properties)) if (k !== 'dist') params[k] = s;
  return Type.Unsafe<number | string | RawDistribution>({
    ...ann({
      description: `How long a phase lasts: a fixed duration (seconds or a duration string) or a distribution object {dist: fixed|uniform|exponential|lognormal|empirical, ...}. Distribution parameters accept duration strings; each is at most ${n(L.MAX_DURATION_SECONDS)} s.`,
      expected: `${DURATION_EXPECTED}; or a distribution {dist: fixed, value} | {dist: uniform, min, max} | {dist: exponential, mean} | {dist: lognormal, mean, sigma} | {dist: empirical, file, column}`,
    }),
    type: ['number', 'string', 'object'],
    minimum: 0,
    pattern: DURATION_PATTERN,
    properties: {
      dist: oneOf(Object.keys(distVariants), {
        description:
          'Distribution: fixed {value}, uniform {min, max}, exponential {mean}, lognormal {mean, sigma}, empirical {file, column} (draws uniformly among the observed samples).',
      }),
      ...params,
    },
    required: ['dist'],
    additionalProperties: false,
    allOf: Object.entries(distVariants).map(([dist, v]) => ({
      if: { type: 'object', properties: { dist: { const: dist } }, required: ['dist'] },
      then: { required: (v.required ?? []).filter((k: string) => k !== 'dist') },
    })),
    examples: [
      '40s',
      { dist: 'uniform', min: '30s', max: '90s' },
      { dist: 'lognormal', mean: '90s', sigma: 0.5 },
      { dist: 'empirical', file: 'data/start-times.csv', column: 'seconds' },
    ],
  });
}
const durationValue = def('durationValue', durationValueSchema());
export type RawDuration = number | string | RawDistribution;
export type RawInstant = number | string;

/** Phases of each operation, with what the VM shows meanwhile. */
const OPERATION_DOCS: Record<OperationName, string> = {
  create: 'Phases of create: provisioning Creating; Starting -> Running; OS provisioning sub-states -> Succeeded.',
  start: 'Phases of start (from Stopped or Deallocated): Starting -> Running.',
  stop: 'Phases of stop / power off (from Running): Stopping -> Stopped. The VM stays allocated and is still billed.',
  restart: 'Phases of restart (from Running): Stopping -> Starting -> Running, on the same host.',
  deallocate: 'Phases of deallocate (from Running or Stopped): Deallocating -> Deallocated; compute billing stops.',
  delete: 'Phases of delete (from any state): Deleting -> gone.',
  hibernate:
    'Phases of hibernate (from Running, groups with `hibernation: true`): memory saved to disk while the VM shows Deallocating, then Deallocated + Hibernated.',
  resize:
    'Phases of resize (hardwareProfile.vmSize): from Running, Stopping -> Starting -> Running on the new size; from Stopped or Deallocated, Updating only (the VM does not start).',
};
const PHASE_DOCS: { [Op in OperationName]: Record<keyof NonNullable<PhaseDurations[Op]>, string> } = {
  create: {
    creating: 'Creating (provisioning Creating, before the VM starts).',
    starting: 'Starting.',
    osProvisioning: 'OS provisioning in progress (VM already Running, billed).',
    osProvisioningComplete: 'OS provisioning complete (extensions).',
  },
  start: { starting: 'Starting.' },
  stop: { stopping: 'Stopping.' },
  restart: { stopping: 'Stopping.', starting: 'Starting.' },
  deallocate: { deallocating: 'Deallocating.' },
  delete: { deleting: 'Deleting.' },
  hibernate: { hibernating: 'Hibernating.' },
  resize: {
    stopping: 'Stopping (a running VM restarts onto the new size).',
    starting: 'Starting on the new size.',
    updating: 'Updating the model of a stopped or deallocated VM.',
  },
};

export type RawDurations = { [Op in OperationName]?: { [P in keyof NonNullable<PhaseDurations[Op]>]?: RawDuration } };

function durationsSchema(): TUnsafe<RawDurations> {
  const properties: Record<string, unknown> = {};
  for (const op of OPERATIONS) {
    const phases: Record<string, unknown> = {};
    for (const [phase, seconds] of Object.entries(DEFAULT_DURATIONS_SECONDS[op])) {
      phases[phase] = durationValue(`${(PHASE_DOCS[op] as Record<string, string>)[phase]} Default ${seconds} s (assumption).`);
    }
    properties[op] = { type: 'object', description: OPERATION_DOCS[op], additionalProperties: false, properties: phases };
  }
  return Type.Unsafe<RawDurations>({
    description:
      'Phase durations per operation. Every field is optional; missing ones fall back to the top-level durations, then to built-in defaults (assumptions: Azure publishes no official figures).',
    type: 'object',
    additionalProperties: false,
    properties,
  });
}
const durations = def('durations', durationsSchema());

// ---------------------------------------------------------------------------------------------
// Failures

export interface RawFailure {
  probability: number;
  code?: ErrorCode;
  codes?: Partial<Record<ErrorCode, number>>;
}
export type RawFailures = { [Op in OperationName]?: RawFailure };

function failuresSchema(): TUnsafe<RawFailures> {
  const properties: Record<string, unknown> = {};
  for (const op of OPERATIONS) {
    const codes = ERROR_CODES_BY_OPERATION[op];
    const valid = `Valid for ${op}: ${codes.join(', ')}.`;
    const weights: Record<string, unknown> = {};
    for (const code of codes) {
      weights[code] = number(0, L.MAX_RATE, {
        description: `Weight of ${code} (> 0, at most ${n(L.MAX_RATE)}).`,
        exclusiveMin: true,
        expected: `a number > 0 and <= ${n(L.MAX_RATE)}`,
        limit: `weights are relative: scale them all down; ${LIMITS_HINT}`,
      });
    }
    properties[op] = closed(
      {
        probability: probability('Probability in [0, 1] that one attempt fails.'),
        code: Type.Optional(oneOf(codes, { description: `Error code of every failure (default InternalOperationError; not together with codes). ${valid}` })),
        codes: Type.Optional(
          Type.Unsafe({
            description: `Error codes with weights (> 0): a failure carries each code with probability weight / sum of weights, e.g. {InternalOperationError: 3, AllocationFailed: 1}. ${valid}`,
            type: 'object',
            minProperties: 1,
            additionalProperties: false,
            properties: weights,
          }),
        ),
      },
      { description: `Failures of ${op}.` },
    );
  }
  return Type.Unsafe<RawFailures>({
    description:
      'Failure injection per operation: probability that one attempt fails, and the error code(s) it fails with: `code` (one code) or `codes` (code: weight, weights > 0, drawn in proportion). A group-level entry replaces the top-level entry for that operation.',
    type: 'object',
    additionalProperties: false,
    properties,
  });
}
const failures = def('failures', failuresSchema());

// ---------------------------------------------------------------------------------------------
// Sizes, capacity, placement

const size = def(
  'size',
  closed(
    {
      vcpus: number(1, L.MAX_SIZE_VCPUS, { integer: true, description: `Number of vCPUs (integer >= 1, at most ${n(L.MAX_SIZE_VCPUS)}).`, limit: LIMITS_HINT }),
      pricePerHour: Type.Optional(
        number(0, L.MAX_PRICE_PER_HOUR, {
          description: `Compute (infrastructure, Linux) price per VM-hour in the billing currency, >= 0, at most ${n(L.MAX_PRICE_PER_HOUR)}. Required unless \`prices\` names a price book, which then prices the size in \`prices.region\`.`,
          limit: LIMITS_HINT,
        }),
      ),
      hardware: Type.Optional(
        identifier(
          'Hardware cluster family the size runs on (default: one family for all sizes). A Running or Stopped VM resizes in place only to a size of the same hardware; to another one it must be deallocated first (Azure: "not available in the current hardware cluster").',
        ),
      ),
    },
    { description: 'A VM size: vCPU count, pay-as-you-go compute price and (optionally) its hardware family.' },
  ),
);

const capacityVcpus = (description: string) => number(0, L.MAX_CAPACITY_VCPUS, { integer: true, description, limit: LIMITS_HINT });

const capacitySchema = closed(
  {
    regions: mapOf(
      closed({
        vcpus: Type.Optional(
          Type.Unsafe<number | null>({
            description: `vCPUs in the region in all (integer >= 0, at most ${n(L.MAX_CAPACITY_VCPUS)}); null = unlimited. Required unless zones are given.`,
            'x-limit': LIMITS_HINT,
            'x-expected': `null (unlimited) or an integer >= 0 and <= ${n(L.MAX_CAPACITY_VCPUS)}`,
            type: ['integer', 'null'],
            minimum: 0,
            maximum: L.MAX_CAPACITY_VCPUS,
          }),
        ),
        zones: Type.Optional(
          mapOf(capacityVcpus(`vCPUs in the zone (integer >= 0, at most ${n(L.MAX_CAPACITY_VCPUS)}).`), identifierSchema, {
            description: 'vCPUs per availability zone, e.g. {"1": 8000, "2": 8000}.',
            minProperties: 1,
          }),
        ),
      }),
      identifierSchema,
      { description: 'Regions by name, e.g. westeurope: {vcpus: 20000, zones: {"1": 8000, "2": 8000}}.', minProperties: 1 },
    ),
  },
  { description: 'Finite capacity in vCPUs per region (and zone). Absent: unlimited, and every group is in region `default`.' },
);
const capacity = def('capacity', capacitySchema);
export type RawCapacity = Static<typeof capacitySchema>;

const region = def(
  'region',
  Type.Unsafe<string>({
    $ref: '#/definitions/name',
    description:
      'Region the VMs are placed in: a region of `capacity.regions`. Default: the only region when capacity has exactly one; required when it has several; `default` when capacity is not modelled.',
  }),
);

const zone = def(
  'zone',
  Type.Unsafe<string | number>({
    ...ann({
      description: 'Availability zone within the region (a zone of capacity.regions.<region>.zones); default none (regional).',
      expected: `a zone name (${NAME_EXPECTED}) or a zone number`,
      limit: NAME_LIMIT,
    }),
    type: ['string', 'integer'],
    minLength: 1,
    maxLength: L.MAX_NAME_LENGTH,
    pattern: L.NO_CONTROL_PATTERN,
    minimum: 0,
  }),
);

// ---------------------------------------------------------------------------------------------
// Commitments, licences and prices (docs/commitments.md). Kept in one section of their own.

const licenceOptions = {
  os: Type.Optional(
    oneOf(['linux', 'windows'] as const, {
      description:
        'Operating system (default linux). Windows VMs pay a software meter per vCPU-hour in billed states, on top of compute, unless licenseType is Windows_Server.',
    }),
  ),
  licenseType: Type.Optional(
    oneOf(['Windows_Server'] as const, {
      description: 'Windows_Server: Azure Hybrid Benefit (your own licences): no Windows software meter. Windows groups only.',
    }),
  ),
  windowsLicensePerVcpuHour: Type.Optional(
    number(0, L.MAX_PRICE_PER_HOUR, {
      description: `The Windows software meter per vCPU-hour (>= 0, at most ${n(L.MAX_PRICE_PER_HOUR)}). Default: from the price book (Windows minus Linux pay-as-you-go, per vCPU) when \`prices\` is given; required otherwise for Windows without Hybrid Benefit.`,
      limit: LIMITS_HINT,
    }),
  ),
};

const term = (description: string) => oneOf(['1y', '3y'] as const, { description });
const commitmentName = (what: string) =>
  identifier(`Name of the ${what} in commitments.csv and focus.csv (unique among all commitments; default ${what}-<index>).`);
const scopeOf = (what: string) =>
  Type.Array(name(), {
    description: `Groups whose VMs the ${what} may cover (narrower scopes are applied first); default: shared, every group.`,
    minItems: 1,
    uniqueItems: true,
  });
const commitmentWindow = {
  start: Type.Optional(
    instantOrOffset(
      'When it starts: an offset from the scenario start or an ISO 8601 date-time (default 0: already bought). May be before the start only as an instant.',
    ),
  ),
  end: Type.Optional(instantOrOffset('When it ends (exclusive; default start + term). At most one term after the start: a renewal is a second commitment.')),
};

const reservation = def(
  'reservation',
  closed(
    {
      name: Type.Optional(commitmentName('reservation')),
      size: Type.Optional(name('The reserved size: a key of `sizes`. Or give only `flexibilityGroup`: then quantity counts normalized units (ratio 1).')),
      flexibilityGroup: Type.Optional(name('Instance size flexibility group of the ratio table (e.g. "Dsv5 Series"); found from `size` when not given.')),
      region: Type.Optional(name('Region whose VMs it covers: a region of the groups (default: the only one, or `default` when capacity is not modelled).')),
      quantity: number(0, L.MAX_COMMITMENT_QUANTITY, {
        description: `Instances of the size (a whole number >= 0), or normalized units for a flexibility group (>= 0); at most ${n(L.MAX_COMMITMENT_QUANTITY)}. Each covers up to one instance-hour per clock hour; 0 covers nothing (a sweep's baseline).`,
        expected: 'a number >= 0 (whole instances of the size)',
        limit: LIMITS_HINT,
      }),
      term: term('Term: 1y (8,760 h) or 3y (26,280 h); the price per hour is the term price / those hours.'),
      pricePerHour: Type.Optional(
        number(0, L.MAX_PRICE_PER_HOUR, {
          description: "Price per hour of one instance (or normalized unit), amortized. Default: the price book's reservation rate for the term.",
          limit: LIMITS_HINT,
        }),
      ),
      termPrice: Type.Optional(
        number(0, L.MAX_PRICE_PER_HOUR * 26280, {
          description: 'Or the term total of one instance (upfront, or the sum of the monthly payments), e.g. 3,478.0: divided by 8,760 or 26,280 hours.',
          limit: LIMITS_HINT,
        }),
      ),
      instanceSizeFlexibility: Type.Optional(
        Type.Boolean({ description: 'Cover other sizes of the flexibility group in proportion to their ratios (default true, as Azure).' }),
      ),
      scope: Type.Optional(scopeOf('reservation')),
      ...commitmentWindow,
    },
    {
      description:
        'A reserved VM instance purchase: covers up to `quantity` instance-hours of its size (or its flexibility group) in its region each clock hour; unused hours are lost. Never covers Spot VMs or licences.',
    },
  ),
);

const savingsPlan = def(
  'savingsPlan',
  closed(
    {
      name: Type.Optional(commitmentName('savings plan')),
      hourlyCommitment: number(0, L.MAX_HOURLY_COMMITMENT, {
        description: `Spend committed per hour, in the billing currency (>= 0, at most ${n(L.MAX_HOURLY_COMMITMENT)}): paid whether used or not; 0 commits nothing (a sweep's baseline).`,
        expected: 'an amount >= 0 per hour',
        limit: LIMITS_HINT,
      }),
      term: term('Term: 1y or 3y (3-year plans are applied first).'),
      rates: Type.Optional(
        mapOf(
          number(0, L.MAX_PRICE_PER_HOUR, { exclusiveMin: true, description: "The plan's price per hour of the size (> 0).", limit: LIMITS_HINT }),
          identifierSchema,
          {
            description: "Plan rates per size, e.g. {Standard_D4s_v5: 0.14016}. Default: the price book's savings-plan rates for the term, then `discount`.",
            minProperties: 1,
          },
        ),
      ),
      discount: Type.Optional(
        number(0, 1, {
          exclusiveMax: true,
          description: 'For sizes without a rate: plan rate = pay-as-you-go x (1 - discount), in [0, 1).',
          expected: 'a number in [0, 1), e.g. 0.27',
        }),
      ),
      scope: Type.Optional(scopeOf('savings plan')),
      ...commitmentWindow,
    },
    {
      description:
        'A savings plan for compute: each clock hour, usage is charged at the plan rates (greatest discount first) until the hourly commitment is spent; the rest is pay-as-you-go. Never covers Spot VMs or licences.',
    },
  ),
);

const capacityReservation = def(
  'capacityReservation',
  closed(
    {
      name: Type.Optional(commitmentName('capacity reservation')),
      size: name('The size reserved: a key of `sizes`.'),
      region: Type.Optional(name('Region (default: the only one of the groups, or `default`).')),
      zone: Type.Optional(zone()),
      quantity: number(0, L.MAX_COMMITMENT_QUANTITY, {
        integer: true,
        description: `Units (VMs of the size), a whole number >= 0, at most ${n(L.MAX_COMMITMENT_QUANTITY)}.`,
        limit: LIMITS_HINT,
      }),
      scope: Type.Optional(scopeOf('capacity reservation')),
      ...commitmentWindow,
    },
    {
      description:
        'An on-demand capacity reservation: `quantity` units of a size in a region (or zone), billed at pay-as-you-go whether used or not (unused units are eligible for reservations and savings plans), and guaranteed: a start or create of a matching VM with a unit free never fails for lack of capacity. No term; default for the whole study.',
    },
  ),
);

const prices = def(
  'prices',
  closed(
    {
      book: dataFile("A price book written by `fleetsim prices import` (relative to the scenario file's folder), e.g. data/prices.json."),
      region: name('The Azure region (armRegionName) the book prices sizes in, e.g. eastus.'),
      kind: Type.Optional(oneOf(['standard', 'devtest'] as const, { description: 'standard (default) or devtest (Dev/Test subscription prices).' })),
    },
    {
      description:
        'Prices from a price book instead of typed in: sizes without pricePerHour, reservations without a price, savings-plan rates and the Windows meter come from it.',
    },
  ),
);

// ---------------------------------------------------------------------------------------------
// Per-group options

const retry = def(
  'retry',
  closed(
    {
      maxAttempts: Type.Optional(
        number(1, L.MAX_RETRY_ATTEMPTS, {
          integer: true,
          description: `Attempts in all, the first included (integer >= 1, at most ${n(L.MAX_RETRY_ATTEMPTS)}; default ${DEFAULT_RETRY.maxAttempts} = no retry).`,
          limit: LIMITS_HINT,
        }),
      ),
      backoff: Type.Optional(
        oneOf(['fixed', 'exponential'] as const, {
          description: 'fixed (default): every retry waits `delay`; exponential: the delay doubles after each retry, up to maxDelay.',
        }),
      ),
      delay: Type.Optional(duration(`Delay before the first retry (default ${DEFAULT_RETRY.delaySeconds}s).`)),
      maxDelay: Type.Optional(duration('Cap on the delay (default 1h, or `delay` when that is longer); not shorter than delay.')),
    },
    { description: 'Retry of failed operations (not of rejected ones). Default: no retry.' },
  ),
);

const lateCompletion = def(
  'lateCompletion',
  closed(
    {
      probability: Type.Optional(
        probability(`Probability in [0, 1] that a timed-out create/start still completes (default ${DEFAULT_LATE_COMPLETION.probability}).`),
      ),
      after: Type.Optional(durationValue('How long after the time-out it completes or gives up (default 5m).')),
    },
    {
      description:
        'After OSProvisioningTimedOut (create) / VMStartTimedOut (start) the operation may still finish: with `probability` it completes `after` the time-out, otherwise the VM ends up failed. Defaults 0.5 and 5m (assumptions).',
    },
  ),
);

const spot = def(
  'spot',
  closed(
    {
      discount: number(0, 1, {
        exclusiveMax: true,
        description: "Fraction off the size's compute price, in [0, 1) (0.8 = pay 20%).",
        expected: 'a number in [0, 1)',
      }),
      evictionRatePerHour: Type.Optional(
        number(0, L.MAX_RATE, {
          description: `Evictions per running VM-hour (exponential time to eviction), >= 0, at most ${n(L.MAX_RATE)} (default 0: none by rate).`,
          limit: LIMITS_HINT,
        }),
      ),
      evictForCapacity: Type.Optional(
        Type.Boolean({ description: "Evict this group's Spot VMs when a regular VM in the same region cannot be allocated (default false)." }),
      ),
      policy: Type.Optional(oneOf(['Deallocate', 'Delete'] as const, { description: 'Eviction policy: Deallocate (default) or Delete.' })),
    },
    {
      description:
        'Spot VMs: discounted, evictable. Evicted VMs get up to 30 s notice, then are deallocated (policy Deallocate) or deleted (policy Delete); they are not restarted automatically.',
    },
  ),
);

const arrivals = def(
  'arrivals',
  closed(
    {
      ratePerHour: number(0, L.MAX_ARRIVAL_RATE_PER_HOUR, {
        description: `Mean arrivals per hour (>= 0, at most ${n(L.MAX_ARRIVAL_RATE_PER_HOUR)}; at the peak of hourOfWeek too; and the peak rate times the horizon in hours at most ${n(L.MAX_ARRIVAL_DRAWS)}).`,
        limit: `arrivals beyond the group's count are dropped anyway: a rate this high only costs memory; ${LIMITS_HINT}`,
      }),
      hourOfWeek: Type.Optional(
        Type.Union(
          [Type.Array(number(0, L.MAX_RATE, { limit: LIMITS_HINT })), closed({ file: dataFile("CSV file relative to the scenario file's folder.") }, {})],
          {
            description: `Optional rate multipliers per hour of the week (Monday 00:00 first, in \`timezone\`): a list of ${HOURS_PER_WEEK} numbers >= 0, or {file: a CSV of ${HOURS_PER_WEEK} rows with one number each, header optional}.`,
            'x-expected': `a list of ${HOURS_PER_WEEK} numbers in [0, ${n(L.MAX_RATE)}], or {file: a CSV file}`,
          },
        ),
      ),
    },
    { description: 'VMs created by a Poisson process (instead of all at createAt); `count` is then the most VMs the group may hold.' },
  ),
);

const autoscale = def(
  'autoscale',
  closed(
    {
      scaleOut: Type.Optional(
        oneOf(['create', 'start'] as const, {
          description: "How to add running VMs: create (default) or start (from a standby pool of the group's stopped/deallocated VMs).",
        }),
      ),
      scaleIn: Type.Optional(
        oneOf(['deallocate', 'stop', 'delete'] as const, { description: 'How to remove running VMs: deallocate (default), stop or delete.' }),
      ),
      targets: Type.Optional(
        Type.Array(
          closed({
            at: instantOrOffset('From when: an offset from the start or an ISO 8601 date-time, within [0, horizon).'),
            target: number(0, L.MAX_TOTAL_VMS, { integer: true, description: 'Running VMs wanted from then on (integer >= 0, <= count).', limit: LIMITS_HINT }),
          }),
          { description: 'Targets in time order, the first at 0: [{at: 0, target: 10}, {at: 1d9h, target: 80}]; each target <= count.', minItems: 1 },
        ),
      ),
      demand: Type.Optional(
        dataFile(
          "CSV file (relative to the scenario file's folder) with header `time,target`: time an offset, ISO 8601 date-time or seconds; target an integer >= 0. Same rules as targets.",
        ),
      ),
    },
    {
      description:
        'Target number of Running VMs over time: the autoscaler scales out (create, or start from a standby pool) and in (deallocate, stop or delete). Give `targets` or `demand`.',
    },
  ),
);

const lifetime = def(
  'lifetime',
  Type.Unsafe<RawDuration>({
    $ref: '#/definitions/durationValue',
    description: 'Per-VM lifetime: delete is requested this long after the create request (fixed or a distribution). Default: the VMs live on.',
  }),
);

const charges = def(
  'charges',
  closed(
    {
      diskPerHour: Type.Optional(
        number(0, L.MAX_PRICE_PER_HOUR, { description: `Managed disk charge per VM-hour (>= 0, at most ${n(L.MAX_PRICE_PER_HOUR)}).`, limit: LIMITS_HINT }),
      ),
      publicIpPerHour: Type.Optional(
        number(0, L.MAX_PRICE_PER_HOUR, { description: `Static public IP charge per VM-hour (>= 0, at most ${n(L.MAX_PRICE_PER_HOUR)}).`, limit: LIMITS_HINT }),
      ),
    },
    { description: 'Charges that accrue per VM-hour in every state from creation to deletion, deallocated included (default 0).' },
  ),
);

/** Options shared by groups and trace replays. */
const groupOptions = {
  charges: Type.Optional(charges()),
  durations: Type.Optional(durations('Per-group phase durations, merged field by field over the top-level durations.')),
  failures: Type.Optional(failures('Per-group failures; each operation given here replaces the top-level entry for that operation.')),
  region: Type.Optional(region()),
  zone: Type.Optional(zone()),
  lifetime: Type.Optional(lifetime()),
  spot: Type.Optional(spot()),
  hibernation: Type.Optional(Type.Boolean({ description: 'Enable hibernation for the VMs (default false); required by `hibernate` schedules.' })),
  retry: Type.Optional(retry()),
  lateCompletion: Type.Optional(lateCompletion()),
  ...licenceOptions,
};

// ---------------------------------------------------------------------------------------------
// Groups, traces, schedules

const groupSchema = closed(
  {
    name: identifier(`Unique group name: letters, digits, _ . - (starting with a letter or digit), at most ${L.MAX_NAME_LENGTH} characters.`),
    count: number(0, L.MAX_TOTAL_VMS, {
      integer: true,
      description: `Number of VMs (integer >= 0; at most ${n(L.MAX_TOTAL_VMS)} over all groups). With arrivals or autoscale: the most VMs the group may hold.`,
      limit: `fleetsim simulates at most ${n(L.MAX_TOTAL_VMS)} VMs (about 150 bytes of state each); ${LIMITS_HINT}`,
    }),
    size: name('VM size: a key of `sizes`.'),
    createAt: Type.Optional(
      Type.Unsafe<number | string | null>({
        ...ann({
          description:
            'When the VMs are created: an offset from the start (e.g. 0, 2h) or an ISO 8601 date-time, within [0, horizon). Default 0; null = not created by the scenario. Not with arrivals.',
          expected: `null (not created automatically) or ${INSTANT_OR_OFFSET_EXPECTED}`,
        }),
        type: ['number', 'string', 'null'],
        minimum: 0,
        pattern: OFFSET_OR_INSTANT_PATTERN,
      }),
    ),
    ...groupOptions,
    arrivals: Type.Optional(arrivals()),
    autoscale: Type.Optional(autoscale()),
  },
  { description: 'A group of identical VMs.' },
);
const group = def('group', groupSchema);
export type RawGroup = Static<typeof groupSchema>;
/** Options shared by groups and trace replays. */
export type RawGroupOptions = Omit<RawGroup, 'name' | 'count' | 'size' | 'createAt' | 'arrivals' | 'autoscale'>;

const traceSchema = closed(
  {
    name: identifier('Name of the replay: its groups are called <name>-<size>.'),
    file: dataFile("The vmtable CSV (headerless, 11 columns), plain or gzip, relative to the scenario file's folder."),
    sizes: mapOf(name('A key of `sizes`.'), nameSchema, {
      description:
        'Size for each core count (column vmcorecount) met in the trace, e.g. {"2": Standard_D2s_v5, ">24": Standard_D32s_v5}; every core count met must be mapped.',
      minProperties: 1,
    }),
    ...groupOptions,
  },
  {
    description:
      'Trace replay: VMs with their create and delete times from an Azure Public Dataset vmtable.csv (V1 or V2; plain or .gz). Expands into one group per size used, named <name>-<size>, each VM created at its vmcreated and deleted at its vmdeleted (seconds from t = 0). VMs created at or after the horizon are not simulated (counted in the notes). Any group option except name, count, size, createAt, arrivals and autoscale may be given and applies to every generated group.',
  },
);
const trace = def('trace', traceSchema);
export type RawTrace = Static<typeof traceSchema>;

const every = def(
  'every',
  Type.Union([oneOf(EVERY), Type.Array(oneOf(WEEKDAYS), { minItems: 1, uniqueItems: true })], {
    description: 'Which local days: daily, weekdays (mon-fri), weekends (sat, sun), or a list of days such as [mon, wed, fri].',
    'x-expected': 'daily, weekdays, weekends, or a non-empty list of distinct days among mon, tue, wed, thu, fri, sat, sun',
  }),
);

const scheduleSchema = closed(
  {
    name: Type.Optional(name('Name for reports (default <operation>-<index>).')),
    operation: oneOf(OPERATIONS, {
      description:
        'The operation: create | start | stop | restart | deallocate | delete | hibernate (groups with `hibernation: true` only) | resize (with `size`). Note: stop (power off) keeps the VM allocated and billed; deallocate releases it.',
    }),
    size: Type.Optional(name('resize only: the size to resize the VMs to (a key of `sizes`).')),
    groups: Type.Array(name(), { description: 'Names of the groups it applies to (non-empty).', minItems: 1 }),
    every: Type.Optional(every()),
    time: Type.Optional(
      Type.String({
        ...ann({
          description: 'Local time of day in `timezone`: HH:MM or HH:MM:SS (quote it in YAML, e.g. "19:00").',
          expected: 'a local time of day HH:MM or HH:MM:SS, e.g. "19:00" (quoted in YAML)',
        }),
        pattern: '^\\d{1,2}:\\d{2}(?::\\d{2})?$',
      }),
    ),
    from: Type.Optional(instantOrOffset('Recurring: first moment considered (inclusive); default 0.')),
    until: Type.Optional(instantOrOffset('Recurring: end (exclusive); default the horizon.')),
    at: Type.Optional(instantOrOffset('One-off: when it happens, within [0, horizon).')),
  },
  { description: 'An operation applied to every VM of some groups: recurring (every + time [+ from, until]) or one-off (at).' },
);
const schedule = def('schedule', scheduleSchema);
export type RawSchedule = Static<typeof scheduleSchema>;

// ---------------------------------------------------------------------------------------------
// The scenario

const scenarioSchema = closed(
  {
    $schema: Type.Optional(Type.String({ description: 'Path or URL of this schema (for editors).', maxLength: L.MAX_PATH_LENGTH })),
    name: Type.Optional(name('Scenario name (default: the file name without extension).')),
    description: Type.Optional(
      Type.String({
        description: `Free text shown in reports (at most ${n(L.MAX_DESCRIPTION_LENGTH)} characters).`,
        maxLength: L.MAX_DESCRIPTION_LENGTH,
        'x-limit': LIMITS_HINT,
      }),
    ),
    start: instant(`Start instant (t = 0): ISO 8601 with a zone, e.g. 2026-01-05T00:00:00Z.`),
    horizon: duration(`How long to simulate (> 0, at most ${n(L.MAX_HORIZON_SECONDS)} s = 100 years), e.g. 28d.`),
    seed: Type.Optional(
      number(0, L.MAX_SEED, {
        integer: true,
        description: `Random seed (integer >= 0, at most 2^53 - 1; default ${DEFAULT_SEED}); --seed overrides it.`,
        expected: 'an integer >= 0 and <= 2^53 - 1',
      }),
    ),
    timezone: Type.Optional(
      name(`IANA time zone for recurring schedule times, e.g. UTC, Europe/Berlin (default ${DEFAULT_TIMEZONE}). Schedules follow daylight saving time.`),
    ),
    billing: Type.Optional(
      closed(
        {
          preset: Type.Optional(
            oneOf(['azure-2018', 'azure-2023'] as const, {
              description: 'Which power states are billed: azure-2018 (default; Starting not billed) or azure-2023 (Starting billed).',
            }),
          ),
          granularity: Type.Optional(oneOf(['second', 'minute'] as const, { description: 'second (default) or minute (partial minutes dropped).' })),
          minimumCharge: Type.Optional(duration('Minimum charge per billed run (default 0 = none), e.g. 300s.')),
          currency: Type.Optional(name(`Currency label of all prices (default ${DEFAULT_BILLING.currency}).`)),
        },
        { description: 'Billing model (all fields optional).' },
      ),
    ),
    sizes: mapOf(size(), identifierSchema, { description: 'VM sizes by name, e.g. Standard_D4s_v5: {vcpus: 4, pricePerHour: 0.192}.', minProperties: 1 }),
    durations: Type.Optional(durations('Default phase durations for every group.')),
    failures: Type.Optional(failures('Default failures for every group.')),
    capacity: Type.Optional(capacity('Finite capacity in vCPUs per region and zone (default: unlimited, every group in region `default`).')),
    groups: Type.Optional(Type.Array(group(), { description: 'Groups of VMs. Required unless `traces` are given; not empty then.' })),
    traces: Type.Optional(Type.Array(trace(), { description: 'Trace replays: each expands into groups named <name>-<size> (see definitions/trace).' })),
    schedules: Type.Optional(Type.Array(schedule(), { description: 'Scheduled operations, applied in file order.' })),
    // commitments, licences and prices (docs/commitments.md)
    prices: Type.Optional(prices('Prices from a price book (fleetsim prices import): {book: data/prices.json, region: eastus}.')),
    flexibilityRatios: Type.Optional(
      dataFile(
        'Instance size flexibility ratio table: a CSV with header InstanceSizeFlexibilityGroup,ArmSkuName,Ratio, as Azure publishes it (default: the bundled scenarios/data/isf-ratios.csv).',
      ),
    ),
    reservations: Type.Optional(Type.Array(reservation(), { description: 'Reserved VM instances (see definitions/reservation).' })),
    savingsPlans: Type.Optional(Type.Array(savingsPlan(), { description: 'Savings plans for compute (see definitions/savingsPlan).' })),
    capacityReservations: Type.Optional(
      Type.Array(capacityReservation(), { description: 'On-demand capacity reservations (see definitions/capacityReservation).' }),
    ),
  },
  {
    description:
      'A fleetsim scenario: a fleet of Azure VMs, its sizes and prices, operation durations, failures, capacity, workload (fixed groups, arrivals, autoscale, trace replay) and schedules, simulated from `start` for `horizon`.',
  },
);

/** The raw document, as the validator guarantees it. */
export type RawScenario = Static<typeof scenarioSchema>;

/** The JSON Schema (draft-07) of scenario files, as written to scenarios/scenario.schema.json. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const { description, ...root } = tidy(scenarioSchema) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://fleetsim.local/scenario.schema.json',
    title: 'fleetsim scenario',
    description,
    ...root,
    definitions: tidy(definitions),
  };
}

/** A plain JSON copy (TypeBox's non-enumerable markers dropped) with each node's description first, for readers of the file. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const src = node as Record<string, unknown>;
  // (under `properties`, `description` is a field of the scenario, not an annotation)
  const first = typeof src['description'] === 'string';
  const out: Record<string, unknown> = first ? { description: src['description'] } : {};
  for (const [k, v] of Object.entries(src)) if (!(first && k === 'description')) out[k] = tidy(v);
  return out;
}

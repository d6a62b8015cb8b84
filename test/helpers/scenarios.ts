// Hand-built resolved scenarios for tests that should not depend on the file loader.
import type { DurationSpec, ErrorCode, FailureSpec, GroupSpec, PhaseDurations, Scenario, ScheduleSpec } from '../../src/domain/index.js';

export const fixed = (value: number): DurationSpec => ({ dist: 'fixed', value });

export function durations(over: Partial<{ [K in keyof PhaseDurations]: Partial<PhaseDurations[K]> }> = {}): PhaseDurations {
  return {
    create: { creating: fixed(0), starting: fixed(30), osProvisioning: fixed(60), osProvisioningComplete: fixed(10), ...over.create },
    start: { starting: fixed(40), ...over.start },
    stop: { stopping: fixed(20), ...over.stop },
    restart: { stopping: fixed(20), starting: fixed(40), ...over.restart },
    deallocate: { deallocating: fixed(45), ...over.deallocate },
    delete: { deleting: fixed(60), ...over.delete },
    hibernate: { hibernating: fixed(60), ...over.hibernate },
  };
}

export function group(name: string, count: number, size: string, over: Partial<GroupSpec> = {}): GroupSpec {
  return {
    name,
    count,
    size,
    createAt: 0,
    diskPerHour: 0,
    publicIpPerHour: 0,
    durations: durations(),
    failures: {},
    lateCompletion: { probability: 0.5, after: fixed(300) },
    retry: { maxAttempts: 1, backoff: 'fixed', delaySeconds: 60, maxDelaySeconds: 3600 },
    region: 'default',
    zone: null,
    lifetime: null,
    arrivals: null,
    spot: null,
    hibernation: false,
    autoscale: null,
    vms: null,
    ...over,
  };
}

/** A failure spec with one error code. */
export function failure(probability: number, code: ErrorCode): FailureSpec {
  return { probability, codes: [{ code, weight: 1 }] };
}

const DAY = 86400;

/** Days (0-based) that are weekdays, for a start on a Monday. */
export function weekdays(days: number, from = 0): number[] {
  const out: number[] = [];
  for (let d = from; d < days; d++) if (d % 7 < 5) out.push(d);
  return out;
}

/** office-week as the issue defines it, with `perGroup` VMs in each of the two groups. */
export function officeWeek(perGroup = 1, days = 28): Scenario {
  const at = (ds: number[], hour: number): number[] => ds.map((d) => d * DAY + hour * 3600);
  const schedules: ScheduleSpec[] = [
    { name: 'evening-deallocate', operation: 'deallocate', groups: ['dev-deallocate'], times: at(weekdays(days), 19) },
    { name: 'evening-stop', operation: 'stop', groups: ['build-stop'], times: at(weekdays(days), 19) },
    { name: 'morning-start', operation: 'start', groups: ['dev-deallocate', 'build-stop'], times: at(weekdays(days, 1), 7) },
  ];
  return {
    name: 'office-week',
    description: '',
    startMs: Date.UTC(2026, 0, 5),
    horizonSeconds: days * DAY,
    seed: 1,
    timezone: 'UTC',
    billing: { preset: 'azure-2018', granularity: 'second', minimumSeconds: 0, currency: 'USD' },
    sizes: [
      { name: 'Standard_D4s_v5', vcpus: 4, pricePerHour: 0.192 },
      { name: 'Standard_D8s_v5', vcpus: 8, pricePerHour: 0.384 },
    ],
    groups: [group('dev-deallocate', perGroup, 'Standard_D4s_v5'), group('build-stop', perGroup, 'Standard_D8s_v5')],
    schedules,
    capacity: [],
    notes: [],
  };
}

/** One VM of one size (1 USD/h), created at 0, with the given one-off operations. */
export function single(ops: Array<[number, ScheduleSpec['operation']]>, over: Partial<Scenario> = {}, groupOver: Partial<GroupSpec> = {}): Scenario {
  return {
    name: 'single',
    description: '',
    startMs: Date.UTC(2026, 0, 5),
    horizonSeconds: DAY,
    seed: 7,
    timezone: 'UTC',
    billing: { preset: 'azure-2018', granularity: 'second', minimumSeconds: 0, currency: 'USD' },
    sizes: [{ name: 'S', vcpus: 2, pricePerHour: 1 }],
    groups: [group('g', 1, 'S', groupOver)],
    schedules: ops.map(([t, op], i) => ({ name: `${op}-${i}`, operation: op, groups: ['g'], times: [t] })),
    capacity: [],
    notes: [],
    ...over,
  };
}

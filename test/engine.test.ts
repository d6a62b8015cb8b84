// The event core: ordering by time, FIFO among equal times, handles, horizons, budgets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Engine } from '../src/engine/index.js';

function recorder(): { fired: Array<[number, number, number]>; engine: Engine } {
  const fired: Array<[number, number, number]> = [];
  const engine = new Engine((kind, target, now) => {
    fired.push([now, kind, target]);
  }, 4);
  return { fired, engine };
}

test('fires events in time order and reports each with its kind and target', () => {
  const { fired, engine } = recorder();
  engine.schedule(30, 1, 100);
  engine.schedule(10, 2, 200);
  engine.schedule(20, 3, 300);
  assert.is(engine.run(Infinity), 3);
  assert.equal(fired, [
    [10, 2, 200],
    [20, 3, 300],
    [30, 1, 100],
  ]);
  assert.is(engine.eventsProcessed, 3);
});

test('equal times fire in scheduling order, whatever the kinds and targets', () => {
  const { fired, engine } = recorder();
  engine.schedule(5, 9, 1);
  engine.schedule(5, 0, 2);
  engine.schedule(1, 0, 0);
  engine.schedule(5, 4, 3);
  engine.run(Infinity);
  assert.equal(
    fired.map((f) => f[2]),
    [0, 1, 2, 3],
  );
});

test('events a handler schedules for the current time fire after those already queued for it', () => {
  const order: number[] = [];
  const engine: Engine = new Engine((_k, target, now) => {
    order.push(target);
    if (target === 1) engine.schedule(now, 0, 3);
  });
  engine.schedule(7, 0, 1);
  engine.schedule(7, 0, 2);
  engine.run(Infinity);
  assert.equal(order, [1, 2, 3]);
});

test('current is the handle schedule returned, so a model can ignore events it no longer wants', () => {
  // The pattern the fleet model uses instead of cancellation: keep the handle of the event
  // still wanted; an event whose handle is not the kept one is stale and ignored.
  let wanted = -1;
  const fired: number[] = [];
  const engine: Engine = new Engine((_k, target) => {
    if (engine.current !== wanted) return;
    fired.push(target);
    wanted = -1;
  });
  engine.schedule(5, 0, 1); // superseded below: stale
  wanted = engine.schedule(9, 0, 2);
  const h3 = engine.schedule(7, 0, 3);
  engine.run(Infinity);
  assert.equal(fired, [2]);
  assert.is(engine.current, -1);
  assert.is.not(h3, wanted);
});

test('run(until) leaves events at or after the horizon pending and moves now to the horizon', () => {
  const { fired, engine } = recorder();
  engine.schedule(10, 0, 1);
  engine.schedule(20, 0, 2);
  engine.schedule(30, 0, 3);
  assert.is(engine.run(20), 1);
  assert.is(engine.now, 20);
  assert.is(engine.size, 2);
  assert.is(engine.peekTime(), 20);
  engine.run(31);
  assert.equal(
    fired.map((f) => f[2]),
    [1, 2, 3],
  );
});

test('scheduling in the past, at a non-finite time, or with a kind or target out of range is refused', () => {
  const { engine } = recorder();
  engine.run(100);
  assert.throws(() => engine.schedule(99, 0, 0), /before now/);
  assert.throws(() => engine.schedule(100, 16, 0), /kind/);
  assert.throws(() => engine.schedule(100, 0, 2 ** 27), /target/);
  assert.throws(() => engine.schedule(100, 0, -1), /target/);
  assert.throws(() => engine.schedule(NaN, 0, 0), /before now/);
  assert.throws(() => engine.schedule(Infinity, 0, 0), /finite/);
});

test('grows past its initial capacity without losing events', () => {
  const { fired, engine } = recorder();
  for (let i = 999; i >= 0; i--) engine.schedule(i, 0, i);
  engine.run(Infinity);
  assert.is(fired.length, 1000);
  assert.ok(fired.every((f, i) => f[2] === i));
});

/** The obvious queue: pop the least (time, seq) by a linear scan. Slow and surely right. */
class OracleQueue {
  private items: Array<{ t: number; seq: number; id: number }> = [];
  private seq = 0;
  push(t: number, id: number): void {
    this.items.push({ t, seq: this.seq++, id });
  }
  pop(): { t: number; id: number } | undefined {
    if (this.items.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.items.length; i++) {
      const a = this.items[i]!,
        b = this.items[best]!;
      if (a.t < b.t || (a.t === b.t && a.seq < b.seq)) best = i;
    }
    return this.items.splice(best, 1)[0];
  }
}

/**
 * Times of the shapes a fleet produces: bursts at one instant, integers, scattered floats
 * (random durations), clusters around schedule times, and far-future outliers.
 */
const delay = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 5 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.double({ min: 0, max: 1e-6, noNaN: true }),
  fc.constantFrom(3600, 86400, 1e7),
  fc.double({ min: 1e5, max: 1e6, noNaN: true }),
);

test('property: with events scheduled by handlers, firing order is (time, scheduling order) exactly', () => {
  fc.assert(
    fc.property(
      fc.array(delay, { minLength: 1, maxLength: 80 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), delay, delay, delay), { minLength: 1, maxLength: 400 }),
      fc.integer({ min: 1, max: 2000 }),
      (initial, program, limit) => {
        // Each fired event schedules program[id % len] children; both queues see the same calls.
        const got: Array<[number, number]> = [];
        let nextId = 0;
        const engine: Engine = new Engine((_k, id, now) => {
          got.push([now, id]);
          const [n, a, b, c] = program[id % program.length]!;
          const ds = [a, b, c, a];
          for (let k = 0; k < n && nextId < limit; k++) engine.schedule(now + ds[k]!, 0, nextId++);
        }, 4);
        const oracle = new OracleQueue();
        for (const t of initial) {
          engine.schedule(t, 0, nextId);
          oracle.push(t, nextId++);
        }
        engine.run(Infinity);
        // Replay on the oracle: same children for the same ids.
        const want: Array<[number, number]> = [];
        let id2 = initial.length;
        for (let e = oracle.pop(); e; e = oracle.pop()) {
          want.push([e.t, e.id]);
          const [n, a, b, c] = program[e.id % program.length]!;
          const ds = [a, b, c, a];
          for (let k = 0; k < n && id2 < limit; k++) oracle.push(e.t + ds[k]!, id2++);
        }
        assert.equal(got, want);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: run in slices (horizons and event budgets) fires exactly what one run fires', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { maxLength: 300 }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 50 })), { maxLength: 20 }),
      (times, slices) => {
        const whole = recorder();
        const sliced = recorder();
        for (const [i, t] of times.entries()) {
          whole.engine.schedule(t, 0, i);
          sliced.engine.schedule(t, 0, i);
        }
        whole.engine.run(Infinity);
        for (const [until, budget] of [...slices].sort((a, b) => a[0] - b[0])) sliced.engine.run(until, budget);
        sliced.engine.run(Infinity);
        assert.equal(sliced.fired, whole.fired);
      },
    ),
    { numRuns: 200 },
  );
});

test('property: thousands pending, clustered at a few times or scattered, fire in (time, scheduling order)', () => {
  // Big enough that buckets of hundreds to thousands of events come up (the bottom sorts
  // them: a counting sort, then insertion or heap sort within sub-ranges), with many
  // events at one time (one wide sub-range) mixed with scattered ones.
  const at = fc.oneof(
    fc.constantFrom(10, 10.5, 11, 500),
    fc.integer({ min: 0, max: 20 }),
    fc.double({ min: 0, max: 1000, noNaN: true }),
    fc.double({ min: 10, max: 10 + 1e-9, noNaN: true }),
  );
  const step = fc.oneof(fc.constant(0), fc.constantFrom(0.5, 40), fc.double({ min: 0, max: 120, noNaN: true }), fc.double({ min: 1e4, max: 1e5, noNaN: true }));
  fc.assert(
    fc.property(
      fc.array(at, { minLength: 1, maxLength: 6000 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), step, step), { minLength: 1, maxLength: 50 }),
      fc.integer({ min: 1, max: 30_000 }),
      (initial, program, limit) => {
        // Ids are handed out in scheduling order, so the right order is (time, id).
        const scheduledAt: number[] = [];
        const fired: Array<[number, number]> = [];
        const engine: Engine = new Engine((_k, id, now) => {
          fired.push([now, id]);
          const [n, a, b] = program[id % program.length]!;
          for (let k = 0; k < n && scheduledAt.length < limit; k++) {
            const t = now + (k === 0 ? a : b);
            engine.schedule(t, 0, scheduledAt.length);
            scheduledAt.push(t);
          }
        }, 16);
        for (const t of initial) {
          engine.schedule(t, 0, scheduledAt.length);
          scheduledAt.push(t);
        }
        engine.run(Infinity);
        assert.is(fired.length, scheduledAt.length);
        for (let i = 0; i < fired.length; i++) {
          const [t, id] = fired[i]!;
          if (t !== scheduledAt[id]) assert.unreachable(`event ${id} fired at ${t}, scheduled for ${scheduledAt[id]}`);
          if (i > 0) {
            const [t0, id0] = fired[i - 1]!;
            if (!(t0 < t || (t0 === t && id0 < id))) assert.unreachable(`event ${i}: (${t}, ${id}) after (${t0}, ${id0})`);
          }
        }
      },
    ),
    { numRuns: 40 },
  );
});

test('property: the lookahead announces only pending events, and changes nothing that fires', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 3000 }),
      fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 1, max: 8000 }),
      (initial, delays, limit) => {
        // Every event has its own target (its id), so an announced target names one event.
        const runOnce = (withLookahead: boolean) => {
          const state: Array<0 | 1 | 2> = []; // 1 pending, 2 fired
          const fired: number[] = [];
          let announced = 0,
            stale = 0;
          const engine: Engine = new Engine(
            (_k, id, now) => {
              state[id] = 2;
              fired.push(id);
              if (state.length < limit) {
                const next = state.length;
                state.push(1);
                engine.schedule(now + delays[id % delays.length]!, 0, next);
              }
            },
            16,
            withLookahead
              ? (targets, n) => {
                  for (let i = 0; i < n; i++) {
                    announced++;
                    if (state[targets[i]!] !== 1) stale++;
                  }
                }
              : null,
          );
          for (const t of initial) {
            engine.schedule(t, 0, state.length);
            state.push(1);
          }
          engine.run(Infinity);
          return { fired, announced, stale };
        };
        const plain = runOnce(false),
          told = runOnce(true);
        assert.equal(told.fired, plain.fired);
        assert.is(told.stale, 0);
        // Scattered times: each bucket that comes up is announced.
        if (initial.length >= 2000) assert.ok(told.announced > 0);
      },
    ),
    { numRuns: 40 },
  );
});

test('a million events of a fleet-like workload come out in order', () => {
  // 200k VMs: a burst at 19:00, lognormal-ish phase ends, then each VM's next phase.
  const N = 200_000;
  let x = 12345;
  const u = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
  let lastT = -1,
    lastSeq = -1,
    count = 0,
    bad = 0;
  const seqOf = new Float64Array(N * 6);
  let seq = 0;
  const engine: Engine = new Engine((step, vm, now) => {
    const s = seqOf[engine.current]!;
    if (now < lastT || (now === lastT && s < lastSeq)) bad++;
    lastT = now;
    lastSeq = s;
    count++;
    if (step < 4) {
      const h = engine.schedule(now + (step === 0 ? 45 : Math.exp(3.5 + 0.5 * (u() + u() + u() - 1.5))), step + 1, vm);
      seqOf[h] = seq++;
    }
  }, N);
  for (let vm = 0; vm < N; vm++) {
    const h = engine.schedule(68400, 0, vm);
    seqOf[h] = seq++;
  }
  engine.run(Infinity);
  assert.is(count, N * 5);
  assert.is(bad, 0);
});

test('a burst at one time landing on a bottom that holds that time keeps scheduling order', () => {
  // 0, 0.25 and 1..99: the top becomes a rung whose first bucket (0 and 0.25) goes to the
  // bottom's heap; the event at 0 then schedules 1,000 more at 0.25 (they join that heap,
  // which can only become a run: one time cannot be split), and the first of those one more.
  const fired: Array<[number, number]> = [];
  const engine: Engine = new Engine((_k, target, now) => {
    fired.push([now, target]);
    if (target === 0) for (let i = 0; i < 1000; i++) engine.schedule(0.25, 0, 1000 + i);
    if (target === 1000) engine.schedule(0.25, 0, 5000);
  });
  engine.schedule(0, 0, 0);
  engine.schedule(0.25, 0, 1);
  for (let i = 0; i < 99; i++) engine.schedule(i + 1, 0, 100 + i);
  engine.run(Infinity);
  const want: Array<[number, number]> = [
    [0, 0],
    [0.25, 1],
    ...Array.from({ length: 1000 }, (_, i): [number, number] => [0.25, 1000 + i]),
    [0.25, 5000],
    ...Array.from({ length: 99 }, (_, i): [number, number] => [i + 1, 100 + i]),
  ];
  assert.equal(fired, want);
});

test('a burst at the time being consumed, scheduled by its own events, fires after them in scheduling order', () => {
  // 3,000 VMs created at 0 (and a few later events, so the first bucket is sorted, not a
  // run) each enter a zero-length phase: 3,000 more events at 0, which become a run with
  // the sorted bucket's rest once the heap outgrows its limit; each of those one more.
  const fired: Array<[number, number]> = [];
  const engine: Engine = new Engine((_k, id, now) => {
    fired.push([now, id]);
    if (id < 3000) engine.schedule(0, 0, 10_000 + id);
    else if (id >= 10_000 && id < 13_000) engine.schedule(0, 0, 20_000 + id);
  });
  for (let i = 0; i < 3000; i++) engine.schedule(0, 0, i);
  for (let i = 0; i < 10; i++) engine.schedule(1 + i * 0.5, 0, 5000 + i);
  engine.run(Infinity);
  const want: Array<[number, number]> = [
    ...Array.from({ length: 3000 }, (_, i): [number, number] => [0, i]),
    ...Array.from({ length: 3000 }, (_, i): [number, number] => [0, 10_000 + i]),
    ...Array.from({ length: 3000 }, (_, i): [number, number] => [0, 30_000 + i]),
    ...Array.from({ length: 10 }, (_, i): [number, number] => [1 + i * 0.5, 5000 + i]),
  ];
  assert.equal(fired, want);
});

test('a span too narrow to split into buckets (0 and 5e-324) keeps each event at its own time', () => {
  // Found by the property below: 513 events at 0 and 5e-324 in the bottom heap, a span
  // whose buckets cannot be computed, were once taken for a burst at one time.
  const fired: Array<[number, number]> = [];
  const scheduledAt = [0];
  const engine: Engine = new Engine((_k, id, now) => {
    fired.push([now, id]);
    for (const d of [5e-324, 100000, 0]) {
      if (scheduledAt.length === 1537) break;
      engine.schedule(now + d, 0, scheduledAt.length);
      scheduledAt.push(now + d);
    }
  }, 4);
  engine.schedule(0, 0, 0);
  engine.run(Infinity);
  assert.is(fired.length, 1537);
  // every event fires at the time it was scheduled for (ids are in scheduling order) ...
  assert.equal(
    fired.filter(([t, id]) => t !== scheduledAt[id]),
    [],
  );
  // ... and in (time, scheduling order)
  for (let i = 1; i < fired.length; i++) {
    const [t0, id0] = fired[i - 1]!,
      [t1, id1] = fired[i]!;
    assert.ok(t0 < t1 || (t0 === t1 && id0 < id1), `event ${i}: (${t1}, ${id1}) after (${t0}, ${id0})`);
  }
});

test('run(until, maxEvents) stops after that many events and the next call carries on in order', () => {
  const { fired, engine } = recorder();
  for (let i = 0; i < 10; i++) engine.schedule(i < 5 ? 3 : 7, 0, i);
  assert.is(engine.run(100, 4), 4);
  assert.is(engine.now, 3); // stopped at the last event handled, not at the horizon
  assert.is(engine.run(100, 4), 4);
  assert.is(engine.now, 7);
  assert.is(engine.run(100, 4), 2);
  assert.is(engine.now, 100); // drained: the horizon is reached
  assert.equal(
    fired.map((f) => f[2]),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
});

test.run();

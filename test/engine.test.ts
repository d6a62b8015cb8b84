// The event core: ordering by time, FIFO among equal times, cancellation, horizons.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Engine } from '../src/engine/index.js';

function recorder(): { fired: Array<[number, number, number]>; engine: Engine } {
  const fired: Array<[number, number, number]> = [];
  const engine = new Engine((kind, target, now) => { fired.push([now, kind, target]); }, 4);
  return { fired, engine };
}

test('fires events in time order and reports each with its kind and target', () => {
  const { fired, engine } = recorder();
  engine.schedule(30, 1, 100);
  engine.schedule(10, 2, 200);
  engine.schedule(20, 3, 300);
  assert.is(engine.run(Infinity), 3);
  assert.equal(fired, [[10, 2, 200], [20, 3, 300], [30, 1, 100]]);
  assert.is(engine.eventsProcessed, 3);
});

test('equal times fire in scheduling order, whatever the kinds and targets', () => {
  const { fired, engine } = recorder();
  engine.schedule(5, 9, 1);
  engine.schedule(5, 0, 2);
  engine.schedule(1, 0, 0);
  engine.schedule(5, 4, 3);
  engine.run(Infinity);
  assert.equal(fired.map((f) => f[2]), [0, 1, 2, 3]);
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

test('cancel removes a pending event; a second cancel or an unknown handle returns false', () => {
  const { fired, engine } = recorder();
  const a = engine.schedule(1, 0, 1);
  const b = engine.schedule(2, 0, 2);
  engine.schedule(3, 0, 3);
  assert.ok(engine.cancel(b));
  assert.not.ok(engine.cancel(b));
  assert.not.ok(engine.cancel(12345678));
  engine.run(Infinity);
  assert.equal(fired.map((f) => f[2]), [1, 3]);
  assert.is(engine.eventsProcessed, 2);
  void a;
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
  assert.equal(fired.map((f) => f[2]), [1, 2, 3]);
});

test('scheduling in the past or with a kind outside 0..255 is refused', () => {
  const { engine } = recorder();
  engine.run(100);
  assert.throws(() => engine.schedule(99, 0, 0), /before now/);
  assert.throws(() => engine.schedule(100, 256, 0), /kind/);
  assert.throws(() => engine.schedule(NaN, 0, 0), /before now/);
});

test('grows past its initial capacity without losing events', () => {
  const { fired, engine } = recorder();
  for (let i = 999; i >= 0; i--) engine.schedule(i, 0, i);
  engine.run(Infinity);
  assert.is(fired.length, 1000);
  assert.ok(fired.every((f, i) => f[2] === i));
});

test('property: firing order is the stable sort of (time, scheduling order), minus cancelled events', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ t: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), { maxLength: 300 }),
    (items) => {
      const { fired, engine } = recorder();
      const handles = items.map((it, i) => engine.schedule(it.t, i % 256, i));
      items.forEach((it, i) => { if (it.cancel) engine.cancel(handles[i]!); });
      engine.run(Infinity);
      const expected = items.map((it, i) => ({ ...it, i })).filter((x) => !x.cancel).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
      assert.equal(fired.map((f) => f[2]), expected);
      assert.ok(fired.every((f) => f[1] === f[2] % 256));
    },
  ), { numRuns: 200 });
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
  assert.equal(fired.map((f) => f[2]), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test.run();

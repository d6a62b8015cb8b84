// Progress of a study on stderr, fed by the study library's callbacks: a bar on a terminal
// (units done, the simulated day of the least advanced running unit, an ETA counted in
// simulated time), or one JSON line per finished unit for batch engines' logs (`kubectl
// logs`, slurm-*.out), or nothing.
import cliProgress from 'cli-progress';
import type { StudyProgress, UnitDone } from '../parallel/study.js';
import type { ProgressMode } from './study-flags.js';

export interface StudyReporter {
  onProgress?: (p: StudyProgress) => void;
  onUnitDone?: (u: UnitDone) => void;
  stop(): void;
}

/** A progress bar of units done, simulated time reached and ETA. */
function studyBar(total: number, horizonSeconds: number): StudyReporter {
  const days = Math.ceil(horizonSeconds / 86400);
  const bar = new cliProgress.SingleBar(
    {
      format: 'replications {bar} {done}/{tasks} | sim day {day}/{days} | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  // Work is counted in thousandths of a unit so the ETA moves within long replications.
  bar.start(total * 1000, 0, { done: 0, tasks: total, day: 0, days });
  return {
    onProgress: (p) => bar.update(Math.round(p.work * 1000), { done: p.done, day: p.simSeconds === null ? days : Math.floor(p.simSeconds / 86400) }),
    stop: () => bar.stop(),
  };
}

/** One line per finished unit: what it was, how long it took, how far the run is. */
export interface UnitLine {
  shard?: string;
  unit: number;
  point: number;
  replication: number;
  seed: number;
  seconds: number;
  done: number;
  total: number;
  elapsedSeconds: number;
  /** Remaining wall time at the pace so far (null before any work is done). */
  etaSeconds: number | null;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function jsonl(write: (s: string) => void, shard: string | undefined): StudyReporter {
  const t0 = performance.now();
  return {
    onUnitDone: (u) => {
      const elapsed = (performance.now() - t0) / 1000;
      const line: UnitLine = {
        ...(shard ? { shard } : {}),
        unit: u.unit,
        point: u.point,
        replication: u.replication,
        seed: u.seed,
        seconds: r3(u.seconds),
        done: u.done,
        total: u.total,
        elapsedSeconds: r3(elapsed),
        etaSeconds: u.work > 0 ? r3((elapsed * (u.total - u.work)) / u.work) : null,
      };
      write(JSON.stringify(line) + '\n');
    },
    stop: () => {},
  };
}

/** The reporter for a mode; `write` takes the JSON lines (stderr in the CLI). */
export function studyReporter(mode: ProgressMode, o: { total: number; horizonSeconds: number; shard?: string; write: (s: string) => void }): StudyReporter {
  if (mode === 'bar') return studyBar(o.total, o.horizonSeconds);
  if (mode === 'jsonl') return jsonl(o.write, o.shard);
  return { stop: () => {} };
}

/** The one line of a single run (`run` without --replications): it is unit 0 of 1. */
export function singleRunLine(seed: number, wallSeconds: number): string {
  const line: UnitLine = {
    unit: 0,
    point: 0,
    replication: 0,
    seed,
    seconds: r3(wallSeconds),
    done: 1,
    total: 1,
    elapsedSeconds: r3(wallSeconds),
    etaSeconds: 0,
  };
  return JSON.stringify(line) + '\n';
}

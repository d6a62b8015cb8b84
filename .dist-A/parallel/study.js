// Replications and sweeps: every (point, replication) pair of a study is one work unit, run
// as one task on one shared worker pool; each writes its own folder (rep-NNN/ for `run`,
// point-NNN/rep-NNN/ for `sweep`), and the main thread only gathers the per-group figures
// each task returns. Those figures go to replications.csv (one row per replication and
// group), sweep.csv (statistics per point, group and metric) and summary.json, written last:
// its presence means the study finished.
//
// A study is planned first (planStudy): a StudySpec, plain JSON that says everything the
// study's files depend on (scenario, its hash, seeds, sweep parameters, layout), and the list
// of units. The files are then written from the spec and the units' results alone
// (writeStudyFiles), so a study run here and one run as shards on many machines and merged
// (shard.ts, merge.ts) go through the same code and give the same bytes. Results are stored
// by (point, replication) and summed in that order, so every file is byte-identical whatever
// the number of workers, shards, and the order units finish in.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../output/atomic.js';
import { wantsParquet, writeStudyParquet } from '../output/formats.js';
import { cleanStale, readManifest, writeManifest } from '../output/folder.js';
import { metricCell, statCell } from '../output/study-csv.js';
import { VERSION } from '../version.js';
import { METRIC_COLUMNS, METRICS } from './metrics.js';
import { runTasks } from './pool.js';
import { replicationSeeds } from './seed.js';
import { CONFIDENCE, describe, describePaired } from './stats.js';
/** Name of the fleet-wide row in the CSVs (group names cannot contain parentheses). */
export const TOTAL_GROUP = '(total)';
export const SEED_RULE = 'replication 0 uses the scenario seed; replication k >= 1 uses deriveSeed(seed, k) (docs/parallel.md)';
const pad = (i, count) => String(i).padStart(Math.max(3, String(count - 1).length), '0');
export const replicationDirName = (k, count) => `rep-${pad(k, count)}`;
export const pointDirName = (p, count) => `point-${pad(p, count)}`;
/** Rounded for output: 6 decimals are below cents and micro-hours, and hide float noise. */
const r6 = (x) => { const v = Math.round(x * 1e6) / 1e6; return v === 0 ? 0 : v; };
const roundStat = (s) => ({ n: s.n, mean: r6(s.mean), sd: s.sd === null ? null : r6(s.sd), ciLow: s.ciLow === null ? null : r6(s.ciLow), ciHigh: s.ciHigh === null ? null : r6(s.ciHigh) });
function statsOf(rows, pick) {
    const ms = rows.map(pick);
    if (ms.some((m) => m === undefined))
        return undefined;
    const out = {};
    for (const k of METRICS)
        out[k] = roundStat(describe(ms.map((m) => m[k])));
    return out;
}
function pairedOf(rows, base, pick) {
    const a = rows.map(pick);
    const b = base.map(pick);
    if (a.some((m) => m === undefined) || b.some((m) => m === undefined))
        return undefined;
    const out = {};
    for (const k of METRICS)
        out[k] = roundStat(describePaired(a.map((m) => m[k]), b.map((m) => m[k])));
    return out;
}
function block(rows, groupNames, base) {
    const f = base ? (pick) => pairedOf(rows, base, pick) : (pick) => statsOf(rows, pick);
    const groups = {};
    for (const g of groupNames) {
        const s = f((r) => r.groups[g]);
        if (s)
            groups[g] = s;
    }
    return { total: f((r) => r.total), groups };
}
const sha256 = (s) => createHash('sha256').update(s).digest('hex');
/** The study's fingerprint: SHA-256 of its spec as JSON (the spec's key order is fixed by construction). */
export function studyFingerprint(spec) {
    return sha256(JSON.stringify(spec));
}
/** Plans a study: its spec and its units (point-major: unit = point * R + replication). */
export function planStudy(points, options) {
    const R = options.replications;
    if (!Number.isInteger(R) || R < 1)
        throw new RangeError(`replications must be an integer >= 1, got ${R}`);
    if (points.length === 0)
        throw new RangeError('a study needs at least one point');
    if (!options.sweep && points.length !== 1)
        throw new RangeError('a run has exactly one point');
    const first = points[0].loaded;
    const s0 = first.scenario;
    const seeds = replicationSeeds(s0.seed, R);
    const paramPaths = points[0].params.map((x) => x.path);
    const spec = {
        fleetsimVersion: VERSION,
        sweep: options.sweep,
        timeline: options.timeline,
        ...(options.format && options.format !== 'csv' ? { format: options.format } : {}),
        ...(options.compress ? { compress: true } : {}),
        scenario: {
            name: s0.name, file: first.file, fileSha256: first.fileSha256,
            // for a sweep, the --set flags shared by every point (each point lists its own in full)
            overrides: options.sweep ? first.overrides.slice(0, first.overrides.length - points[0].params.length) : first.overrides,
            seed: s0.seed, start: new Date(s0.startMs).toISOString(), horizonSeconds: s0.horizonSeconds,
        },
        replications: { count: R, seeds, seedRule: SEED_RULE, confidence: CONFIDENCE },
        sweepParams: options.sweep
            ? { params: paramPaths.map((p, i) => ({ path: p, values: [...new Set(points.map((pt) => pt.params[i].value))] })), baseline: options.baseline ?? null }
            : null,
        currency: s0.billing.currency,
        points: points.map((pt) => ({
            params: pt.params.map((x) => ({ path: x.path, value: x.value })),
            overrides: pt.loaded.overrides,
            groups: pt.loaded.scenario.groups.map((g) => g.name),
            scenarioSha256: sha256(JSON.stringify(pt.loaded.scenario)),
            horizonSeconds: pt.loaded.scenario.horizonSeconds,
        })),
    };
    return { spec, units: specUnits(spec) };
}
/** The units of a planned study, from its spec alone (point-major: unit = point * R + replication). */
export function specUnits(spec) {
    const R = spec.replications.count;
    const P = spec.points.length;
    const units = [];
    for (let p = 0; p < P; p++) {
        const pointRel = spec.sweep ? pointDirName(p, P) : '';
        for (let k = 0; k < R; k++) {
            units.push({ unit: p * R + k, point: p, replication: k, seed: spec.replications.seeds[k], dir: pointRel ? `${pointRel}/${replicationDirName(k, R)}` : replicationDirName(k, R) });
        }
    }
    return units;
}
/** Removes what an unfinished run left: folders it created, and temporary files in folders that were there before. */
function cleanUp(outDir, outExisted, dirs) {
    // aborted workers stop anywhere, mid-swap included: put back what they were replacing
    for (const d of dirs)
        cleanStale(d.dir, { includeOwn: true });
    if (!outExisted) {
        fs.rmSync(outDir, { recursive: true, force: true });
        return;
    }
    const tmp = new RegExp(`^\\..*\\.tmp-${process.pid}$`);
    for (const d of dirs) {
        if (!d.existed) {
            fs.rmSync(d.dir, { recursive: true, force: true });
            continue;
        }
        try {
            for (const name of fs.readdirSync(d.dir))
                if (tmp.test(name))
                    fs.rmSync(path.join(d.dir, name), { force: true });
        }
        catch { /* not a folder (or gone): nothing of ours in it */ }
    }
    for (const name of ['replications.csv', 'sweep.csv', 'replications.parquet', 'sweep.parquet', 'summary.json']) {
        fs.rmSync(path.join(outDir, `.${name}.tmp-${process.pid}`), { force: true });
    }
}
/**
 * Runs `units` of a planned study into `baseDir` (each in its folder `baseDir/<unit.dir>`).
 * `prepare` runs once the folder exists, before any unit: it removes markers that would vouch
 * for files about to be replaced. On failure or abort, what this run created is removed.
 */
export async function executeUnits(points, plan, units, baseDir, options, prepare) {
    const baseExisted = fs.existsSync(baseDir);
    const dirs = [];
    const seenPoints = new Set();
    const tasks = units.map((u) => {
        if (options.sweep && !seenPoints.has(u.point)) {
            seenPoints.add(u.point);
            const pd = path.join(baseDir, pointDirName(u.point, points.length));
            dirs.push({ dir: pd, existed: fs.existsSync(pd) });
        }
        const dir = path.join(baseDir, u.dir);
        dirs.push({ dir, existed: fs.existsSync(dir) });
        return {
            loaded: points[u.point].loaded, point: u.point, replication: u.replication, seed: u.seed, outDir: dir, timeline: plan.spec.timeline,
            ...(plan.spec.format ? { format: plan.spec.format } : {}), ...(plan.spec.compress ? { compress: true } : {}),
        };
    });
    fs.mkdirSync(baseDir, { recursive: true });
    prepare();
    const horizons = units.map((u) => plan.spec.points[u.point].horizonSeconds);
    const horizonSeconds = Math.max(...plan.spec.points.map((p) => p.horizonSeconds));
    const reached = new Map();
    let done = 0;
    const partial = () => {
        let w = done;
        let min = null;
        for (const [i, t] of reached) {
            w += t / horizons[i];
            min = min === null ? t : Math.min(min, t);
        }
        return { work: w, min };
    };
    const report = () => {
        if (!options.onProgress)
            return;
        const { work, min } = partial();
        options.onProgress({ done, total: tasks.length, work, simSeconds: min, horizonSeconds });
    };
    try {
        const results = await runTasks(tasks, {
            workers: options.workers,
            ...(options.workerHeapMb !== undefined ? { heapMb: options.workerHeapMb } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            onProgress: (i, t) => { reached.set(i, t); report(); },
            onDone: (i, r) => {
                reached.delete(i);
                done++;
                if (options.onUnitDone) {
                    const u = units[i];
                    options.onUnitDone({ unit: u.unit, point: u.point, replication: u.replication, seed: u.seed, seconds: r.wallSeconds, done, total: tasks.length, work: partial().work });
                }
                report();
            },
            pointLabel: options.sweep ? (p) => `point ${p} (${points[p].params.map((x) => `${x.path}=${x.value}`).join(', ')})` : undefined,
        });
        return results.map((r, i) => {
            const u = units[i];
            return {
                unit: u.unit, point: u.point,
                row: { replication: r.replication, seed: r.seed, dir: u.dir, events: r.events, stateChanges: r.stateChanges, total: r.total, groups: r.groups },
                files: r.files,
            };
        });
    }
    catch (e) {
        cleanUp(baseDir, baseExisted, dirs);
        throw e;
    }
}
const csvLine = (cells) => stringify([cells]);
const cell = statCell;
function metricCells(m) {
    return METRICS.map((k) => metricCell(METRIC_COLUMNS[k], m[k]));
}
/**
 * Writes replications.csv, sweep.csv (sweeps) and summary.json (last) into `outDir` from a
 * study's spec and its rows, `rowsByPoint[point][replication]`, every one present.
 */
export function writeStudyFiles(outDir, spec, rowsByPoint) {
    const P = spec.points.length;
    const R = spec.replications.count;
    for (let p = 0; p < P; p++) {
        for (let k = 0; k < R; k++)
            if (!rowsByPoint[p]?.[k])
                throw new RangeError(`no result for replication ${k} of point ${p}`);
    }
    const groupNamesOf = (p) => spec.points[p].groups;
    const baseline = spec.sweep ? spec.sweepParams?.baseline ?? null : null;
    const pointSummaries = spec.points.map((pt, p) => {
        const rows = rowsByPoint[p].slice(0, R);
        const s = {
            point: p,
            params: Object.fromEntries(pt.params.map((x) => [x.path, x.value])),
            overrides: pt.overrides,
            dir: spec.sweep ? pointDirName(p, P) : '.',
            statistics: block(rows, groupNamesOf(p)),
            replications: rows,
        };
        if (baseline !== null && p !== baseline)
            s.differences = block(rows, groupNamesOf(p), rowsByPoint[baseline].slice(0, R));
        return s;
    });
    // replications.csv
    const paramPaths = spec.points[0].params.map((x) => x.path);
    const pointHead = spec.sweep ? ['point', ...paramPaths] : [];
    const pointCells = (p) => (spec.sweep ? [String(p), ...spec.points[p].params.map((x) => x.value)] : []);
    let reps = csvLine([...pointHead, 'replication', 'seed', 'group', ...METRICS.map((k) => METRIC_COLUMNS[k])]);
    pointSummaries.forEach((ps, p) => {
        for (const row of ps.replications) {
            for (const g of groupNamesOf(p))
                reps += csvLine([...pointCells(p), row.replication, row.seed, g, ...metricCells(row.groups[g])]);
            reps += csvLine([...pointCells(p), row.replication, row.seed, TOTAL_GROUP, ...metricCells(row.total)]);
        }
    });
    // sweep.csv
    let sweepCsv = '';
    if (spec.sweep) {
        const diffHead = baseline !== null ? ['diff_mean', 'diff_sd', 'diff_ci_low', 'diff_ci_high'] : [];
        sweepCsv = csvLine([...pointHead, 'group', 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high', ...diffHead]);
        pointSummaries.forEach((ps, p) => {
            const groups = groupNamesOf(p).map((g) => [g, ps.statistics.groups[g], ps.differences?.groups[g]]);
            groups.push([TOTAL_GROUP, ps.statistics.total, ps.differences?.total]);
            for (const [g, st, diff] of groups) {
                for (const k of METRICS) {
                    const s = st[k];
                    const d = diff?.[k];
                    const diffCells = baseline === null ? [] : d ? [cell(d.mean), cell(d.sd), cell(d.ciLow), cell(d.ciHigh)] : [cell(null), cell(null), cell(null), cell(null)];
                    sweepCsv += csvLine([...pointCells(p), g, METRIC_COLUMNS[k], s.n, cell(s.mean), cell(s.sd), cell(s.ciLow), cell(s.ciHigh), ...diffCells]);
                }
            }
        });
    }
    const summary = {
        fleetsimVersion: spec.fleetsimVersion,
        scenario: spec.scenario,
        replications: spec.replications,
        currency: spec.currency,
    };
    if (spec.sweep) {
        summary.sweep = spec.sweepParams;
        summary.points = pointSummaries;
    }
    else {
        summary.statistics = pointSummaries[0].statistics;
        summary.runs = pointSummaries[0].replications;
    }
    const files = [path.join(outDir, 'replications.csv')];
    writeFileAtomic(files[0], reps);
    if (spec.sweep) {
        files.push(path.join(outDir, 'sweep.csv'));
        writeFileAtomic(files[1], sweepCsv);
    }
    // --format parquet/both: the study tables' Parquet twins beside the CSVs (the report reads the CSVs).
    if (wantsParquet(spec.format)) {
        const twins = [['replications', reps], ...(spec.sweep ? [['sweep', sweepCsv]] : [])];
        for (const [table, text] of twins) {
            const f = path.join(outDir, `${table}.parquet`);
            writeStudyParquet(f, table, text);
            files.push(f);
        }
    }
    files.push(path.join(outDir, 'summary.json'));
    writeFileAtomic(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    writeStudyManifests(outDir, files, specUnits(spec).map((u) => u.dir));
    return { outDir, files, summary };
}
/** Output names a replication folder may hold (a merge places them without a manifest). */
const UNIT_OUTPUT = /^(timeline|billing|series|capacity)\.(csv|csv\.gz|parquet)$|^summary\.json$|^report\.html$/;
/**
 * Manifests (src/output/folder.ts), so fleetsim can later replace what it wrote here and
 * nothing else: the study's files and folders, each point folder's replications, and each
 * replication folder that has none yet (one placed by a merge).
 */
function writeStudyManifests(outDir, files, unitDirs) {
    const sub = new Map();
    for (const r of unitDirs) {
        const dir = path.join(outDir, r);
        if (!readManifest(dir))
            writeManifest(dir, 'run', fs.readdirSync(dir).filter((n) => UNIT_OUTPUT.test(n)));
        const [top, inner] = r.split('/');
        if (!sub.has(top))
            sub.set(top, []);
        if (inner)
            sub.get(top).push(inner + '/');
    }
    for (const [top, inner] of sub)
        if (inner.length)
            writeManifest(path.join(outDir, top), 'study', inner);
    writeManifest(outDir, 'study', [...files.map((f) => path.basename(f)), ...[...sub.keys()].map((t) => t + '/')]);
}
/** Rows by point and replication from unit results. */
export function rowsByPoint(spec, results) {
    const rows = spec.points.map(() => []);
    for (const r of results)
        rows[r.point][r.row.replication] = r.row;
    return rows;
}
/** Runs every replication of every point and writes the study's files. */
export async function runStudy(points, options) {
    const plan = planStudy(points, options);
    const outDir = options.outDir;
    // An old summary.json would vouch for files this study is about to replace.
    const results = await executeUnits(points, plan, plan.units, outDir, options, () => fs.rmSync(path.join(outDir, 'summary.json'), { force: true }));
    return writeStudyFiles(outDir, plan.spec, rowsByPoint(plan.spec, results));
}
//# sourceMappingURL=study.js.map
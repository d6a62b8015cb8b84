// `fleetsim validate <scenario>`: parse, override, check; run nothing, write nothing.
// With --json: one JSON document on stdout, {ok: true, ...} or {ok: false, errors: [...]}
// (exit code 2 all the same), for scripts and editors.
import { showValue, InputError, InputErrors } from '../../errors.js';
import { loadScenario } from '../../scenario/load.js';
import { asList, dataFlags, parseSeed, withJsonFlag, withScenarioFlags, withExamples, type Command } from '../context.js';
import { EXIT_CODES_TEXT } from '../exit-codes.js';

/** An input error as JSON: what is wrong and where, without the CLI's text layout. */
export function errorJson(e: InputError): Record<string, unknown> {
  const { value, ...rest } = e.detail;
  // the offending value is user input: it may contain itself (YAML anchors) or be megabytes long
  return { problem: e.problem, ...rest, ...('value' in e.detail ? { value: jsonSafe(value) } : {}) };
}

function jsonSafe(v: unknown): unknown {
  try {
    const s = JSON.stringify(v);
    if (s === undefined || s.length <= 1000) return v;
  } catch {
    /* a cycle */
  }
  return showValue(v, 200);
}

export const validateCommand: Command = (y, ctx) =>
  y.command(
    'validate <scenario>',
    'check a scenario file (and --set overrides) without running it',
    (c) =>
      withExamples(
        withJsonFlag(withScenarioFlags(c), 'the result'),
        [
          ['validate scenarios/office-week.yaml', 'check a file'],
          ['validate my.yaml --json | jq .ok', 'for scripts and editors'],
        ],
        EXIT_CODES_TEXT,
      ),
    async (args) => {
      let loaded;
      try {
        loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed), ...dataFlags(args) });
      } catch (e) {
        if (args.json && e instanceof InputError) {
          const errors = e instanceof InputErrors && e.errors.length > 1 ? e.errors : [e];
          ctx.io.out(JSON.stringify({ ok: false, file: String(args.scenario), errors: errors.map(errorJson) }, null, 2) + '\n');
        }
        throw e;
      }
      const s = loaded.scenario;
      const vms = s.groups.reduce((a, g) => a + g.count, 0);
      const occurrences = s.schedules.reduce((a, r) => a + r.times.length, 0);
      if (args.json) {
        ctx.io.out(
          JSON.stringify(
            {
              ok: true,
              file: loaded.file,
              fileSha256: loaded.fileSha256,
              overrides: loaded.overrides,
              name: s.name,
              seed: s.seed,
              start: new Date(s.startMs).toISOString(),
              horizonSeconds: s.horizonSeconds,
              groups: s.groups.length,
              vms,
              schedules: s.schedules.length,
              occurrences,
              notes: s.notes,
            },
            null,
            2,
          ) + '\n',
        );
        return;
      }
      ctx.io.out(
        `${loaded.file}: ok — ${s.groups.length} groups, ${vms} VMs, ${s.schedules.length} schedules (${occurrences} occurrences), horizon ${s.horizonSeconds} s, seed ${s.seed}\n`,
      );
      for (const n of s.notes) ctx.io.out(`note: ${n}\n`);
    },
  );

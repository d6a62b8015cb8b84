// `fleetsim instance-view <scenario> --vm NAME --at TIME`: a VM's Azure-shaped instance view
// at a simulated moment (pretty JSON), or with --all one JSON line per VM (JSON Lines, so a
// million-VM fleet streams and pipes into jq or DuckDB).

import { InputError } from '../../errors.js';
import { INSTANT_OR_OFFSET_EXPECTED, parseInstantOrOffset } from '../../scenario/time.js';
import { asList, dataFlags, parseSeed, withJsonFlag, withScenarioFlags, withExamples, type Command } from '../context.js';
import { EXIT_CODES_TEXT } from '../exit-codes.js';

function parseAt(v: unknown, startMs: number): number {
  try {
    return parseInstantOrOffset(String(v), startMs);
  } catch (e) {
    throw new InputError(`bad --at: ${e instanceof Error ? e.message : String(e)}`, {
      path: '--at',
      value: v,
      expected: INSTANT_OR_OFFSET_EXPECTED,
    });
  }
}

/** Errors name the flags on the command line (the library names its arguments). */
const FLAG_PATHS = { vm: '--vm', at: '--at' };

export const instanceViewCommand: Command = (y, ctx) =>
  y.command(
    'instance-view <scenario>',
    "print a VM's instance view (provisioning and power status, Azure's shape) at a simulated moment",
    (c) =>
      withExamples(
        withJsonFlag(withScenarioFlags(c), 'the view compactly (with --all: one JSON array, not JSON Lines)')
          .option('vm', { type: 'string', describe: 'VM name: group, dash, zero-padded number (dev-deallocate-0042)' })
          .option('at', {
            type: 'string',
            demandOption: true,
            describe: 'ISO 8601 time with a zone, or an offset from the start (3d19h00m30s); events at exactly that time are included',
          })
          .option('all', { type: 'boolean', default: false, describe: 'every VM, one JSON line each (VMs that do not exist then get an "error" object)' }),
        [
          ['instance-view scenarios/office-week.yaml \\\n      --vm dev-deallocate-0042 --at 3d19h00m30s', 'a VM mid-deallocate on Thursday evening'],
          ['instance-view scenarios/office-week.yaml --all --at 3d19h > v.jsonl', 'every VM at that moment, JSON Lines'],
        ],
        EXIT_CODES_TEXT,
      ),
    async (args) => {
      const all = Boolean(args.all);
      if (!all && (args.vm === undefined || String(args.vm).trim() === '')) {
        throw new InputError('instance-view needs a VM', { path: '--vm', expected: '--vm NAME (e.g. --vm dev-deallocate-0042), or --all for every VM' });
      }
      if (all && args.vm !== undefined) {
        throw new InputError('--vm and --all exclude each other', { path: '--all', hint: 'drop --vm to list every VM, or drop --all for one' });
      }
      const [{ loadScenario }, { allInstanceViews, instanceView }] = await Promise.all([
        import('../../scenario/load.js'),
        import('../../views/instance-view.js'),
      ]);
      const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed), ...dataFlags(args) });
      const at = parseAt(args.at, loaded.scenario.startMs);
      const json = Boolean(args.json);
      if (!all) {
        ctx.io.out(JSON.stringify(instanceView(loaded.scenario, String(args.vm), at, { paths: FLAG_PATHS }), null, json ? undefined : 2) + '\n');
        return;
      }
      if (json) {
        // One document: the views as a JSON array, streamed element by element.
        let buf = '[';
        let first = true;
        for (const view of allInstanceViews(loaded.scenario, at, { paths: FLAG_PATHS })) {
          buf += (first ? '' : ',') + JSON.stringify(view);
          first = false;
          if (buf.length >= 1 << 16) {
            ctx.io.out(buf);
            buf = '';
          }
        }
        ctx.io.out(buf + ']\n');
        return;
      }
      let buf = '';
      for (const view of allInstanceViews(loaded.scenario, at, { paths: FLAG_PATHS })) {
        buf += JSON.stringify(view) + '\n';
        if (buf.length >= 1 << 16) {
          ctx.io.out(buf);
          buf = '';
        }
      }
      if (buf) ctx.io.out(buf);
    },
  );

// `fleetsim validate <scenario>`: parse, override, check; run nothing, write nothing.
import { loadScenario } from '../../scenario/load.js';
import { asList, dataFlags, parseSeed, withScenarioFlags, type Command } from '../context.js';

export const validateCommand: Command = (y, ctx) => y.command(
  'validate <scenario>',
  'check a scenario file (and --set overrides) without running it',
  (c) => withScenarioFlags(c).example('$0 validate scenarios/office-week.yaml', ''),
  async (args) => {
    const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed), ...dataFlags(args) });
    const s = loaded.scenario;
    const vms = s.groups.reduce((a, g) => a + g.count, 0);
    const occurrences = s.schedules.reduce((a, r) => a + r.times.length, 0);
    ctx.io.out(`${loaded.file}: ok — ${s.groups.length} groups, ${vms} VMs, ${s.schedules.length} schedules (${occurrences} occurrences), horizon ${s.horizonSeconds} s, seed ${s.seed}\n`);
    for (const n of s.notes) ctx.io.out(`note: ${n}\n`);
  },
);

// Process entry point: `node --import tsx src/cli/entry.ts ...` in development, bin/fleetsim.js once built.
import { hideBin } from 'yargs/helpers';
import { main } from './main.js';

process.exitCode = await main(hideBin(process.argv));

// Process entry point: `node --import tsx src/cli/entry.ts ...` in development, bin/fleetsim.js once built.
import { hideBin } from 'yargs/helpers';
import { main } from './main.js';
// `fleetsim ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE')
        process.exit(0);
    throw e;
});
process.exitCode = await main(hideBin(process.argv));
//# sourceMappingURL=entry.js.map
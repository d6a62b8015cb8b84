import { instanceViewCommand } from './instance-view.js';
import { mergeCommand } from './merge.js';
import { pricesCommand } from './prices.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { sweepCommand } from './sweep.js';
import { validateCommand } from './validate.js';
export const COMMANDS = [runCommand, sweepCommand, mergeCommand, validateCommand, instanceViewCommand, reportCommand, pricesCommand];
//# sourceMappingURL=index.js.map
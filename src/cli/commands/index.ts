// Every CLI command, in the order --help lists them. One file per command.
import type { Command } from '../context.js';
import { instanceViewCommand } from './instance-view.js';
import { mergeCommand } from './merge.js';
import { pricesCommand } from './prices.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { sweepCommand } from './sweep.js';
import { validateCommand } from './validate.js';

export const COMMANDS: Command[] = [runCommand, sweepCommand, mergeCommand, validateCommand, instanceViewCommand, reportCommand, pricesCommand];

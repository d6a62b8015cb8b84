// Every CLI command, in the order --help lists them. One file per command.
import type { Command } from '../context.js';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';

export const COMMANDS: Command[] = [runCommand, validateCommand];

import type { Command } from '../context.js';
export declare const COMMANDS: Command[];

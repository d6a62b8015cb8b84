import { type Command } from '../context.js';
export declare const mergeCommand: Command;

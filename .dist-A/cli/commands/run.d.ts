import type { LoadedScenario } from '../../domain/index.js';
import { type Command } from '../context.js';
/** Default output folder: results/<scenario name, made safe as a folder name>/ in the current directory. */
export declare function defaultOutDir(loaded: LoadedScenario): string;
export declare const runCommand: Command;

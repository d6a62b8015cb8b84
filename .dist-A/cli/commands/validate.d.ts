import { InputError } from '../../errors.js';
import { type Command } from '../context.js';
/** An input error as JSON: what is wrong and where, without the CLI's text layout. */
export declare function errorJson(e: InputError): Record<string, unknown>;
export declare const validateCommand: Command;

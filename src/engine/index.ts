// The event core's public face.
export { Engine } from './engine.js';
export type { EventHandler, EventHandle, LookaheadHandler } from './engine.js';

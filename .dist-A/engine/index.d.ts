export { Engine } from './engine.js';
export type { EventHandler, EventHandle } from './engine.js';

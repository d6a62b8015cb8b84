// The event core's public face.
export { Engine } from './engine.js';
//# sourceMappingURL=index.js.map
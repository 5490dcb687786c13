/** The spec graph: facts per reviewed spec, the graph of all of them, and what a change does to it. */
export * from './types.js';
export { buildSpecGraph, relocateGraph, type GraphInput } from './build.js';
export { specFacts, statusWord, isDate } from './facts.js';
export * from './impact.js';
export * from './movement.js';
export * from './staleness.js';

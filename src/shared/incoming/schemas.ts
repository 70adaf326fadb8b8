/** The incoming slice's schemas and rules, for the core and the server (zod). */
export * from './model.js';
export * from './mutations.js';
export * from './rules.js';
export * from './defs.js';

export * from './events.js';
export * from './errors.js';

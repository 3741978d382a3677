export * from './config.ts';
export * from './data.ts';
export * from './matrix.ts';
export * from './network.ts';
export * from './rng.ts';
export * from './trace.ts';
export * from './types.ts';

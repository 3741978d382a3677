export * from './api.ts';
export * from './commands.ts';
export * from './constants.ts';
export * from './errors.ts';
export * from './homework.ts';
export * from './settings.ts';
export * from './socket.ts';
export * from './views.ts';

export * from './apollo';
export * from './env';
export * from './errors';
export * from './http-server';
export * from './identity';
export * from './logger';
export * from './validation';
export * from './pagination';

export * from './logger';
export * from './request-context';
export * from './nest-logger';
export * from './temporal-logger';
export * from './health';
export * from './metrics';

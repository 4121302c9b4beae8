export * from './tracing';
export * from './http-spans';
export * from './temporal-tracing';

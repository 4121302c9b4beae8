export * from './database';
export * from './tools';
export * from './fixtures';
export * from './search-attributes';
export * from './system';
export * from './admission-driver';
export * from './candidates';
export * from './teardown';

export { deterministicUuid } from './deterministic';
export * from './reference-data';
export * from './demo-data';

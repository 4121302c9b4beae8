// Audit and notification writing, shared by the activities (worker side) and the API: one keyed
// insert each, so a retried activity or request writes nothing twice.
export * from './audit';
export * from './notification';
export * from './mail-outbox';

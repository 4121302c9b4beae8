// Workflow-safe contracts: message definitions, inputs and activity types shared by the
// workflows, the worker and the API. Nothing here may import Node built-ins, TypeORM or NestJS.
export * from './human-task.contracts';
export * from './admission.contracts';
export * from './screening.contracts';
export * from './transfer.contracts';
export * from './inspection.contracts';
export * from './search-attributes';
export * from './detection.contracts';
export * from './policy.contracts';
export * from './refusal.contracts';
export * from './activity-failures';
export * from './workflow-refs';
export * from './case-place.contracts';
export * from './local-date.contracts';
export * from './mail.contracts';
export * from './audit.contracts';
export * from './reassignment.contracts';

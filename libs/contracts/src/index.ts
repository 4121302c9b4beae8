// Workflow-safe contracts: message definitions, inputs and activity types shared by the
// workflows, the worker and the API. Nothing here may import Node built-ins, TypeORM or NestJS.
export * from './human-task.contracts';
export * from './admission.contracts';
export * from './search-attributes';

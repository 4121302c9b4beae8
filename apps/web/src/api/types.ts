import type { components } from './openapi';

/**
 * The shapes the page reads: the API's declared response schemas (apps/api/src/<capability>/*.responses.ts),
 * generated into openapi.d.ts by infra/scripts/web-api-types.sh. A change of the API that breaks a page fails the
 * typecheck here.
 */
type Schemas = components['schemas'];
export type TaskPage = Schemas['TaskPage'];
export type TaskView = TaskPage['items'][number] & Partial<Pick<Schemas['TaskDetail'], 'roster' | 'form'>>;
export type TaskDetailView = Schemas['TaskDetail'];
export type NotificationView = Schemas['Notification'];
export type NotificationPage = Schemas['NotificationPage'];
export type AdmissionCaseView = Schemas['AdmissionCase'];
export type AdmissionCaseStep = AdmissionCaseView['steps'][number];
export type LoginResult = Schemas['LoginResult'];
export type MemberView = Schemas['Member'];

/** The JSON Schema of a step's data as GET /tasks/:id answers it in `form.schema` (apps/api/src/tasks/task-form.ts). */
export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  readOnly?: boolean;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  'x-enum-labels'?: Record<string, string>;
  [extension: `x-${string}`]: unknown;
};

/**
 * The shapes the page reads. Until every route declares its response schema (issue 10), these mirror the
 * services; they become aliases of the generated `components['schemas']` as the schemas land.
 */
export type Assignee = { orgId: string; role: string | null; memberId: string | null };

export type TaskOutcomeOption = { value: string; label: string };

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

export type TaskView = {
  id: string;
  process: string;
  processLabel?: string;
  step: string;
  stepLabel: string;
  taskKey: string;
  caseId: string | null;
  title: string;
  subjectName?: string | null;
  assignee: Assignee;
  status: 'open' | 'overdue' | 'completed' | 'cancelled';
  overdue: boolean;
  allowedOutcomes: string[];
  openedAt: string;
  dueAt: string;
  escalationLevel: number;
  outcome: string | null;
  outcomeLabel?: string | null;
  comment: string | null;
  completedBy: string | null;
  completedAt: string | null;
  roster?: { official: number; exempt: number };
  form?: { outcomes: TaskOutcomeOption[]; schema: JsonSchema; dataRequired?: boolean; [k: string]: unknown };
};

export type NotificationView = {
  id: string;
  kind: string;
  kindLabel: string;
  createdAt: string;
  message: string;
  taskId: string | null;
  organisation: { id: string; code: string; name: string };
  role: string | null;
  roleLabel: string | null;
  read: boolean;
  readAt: string | null;
};

export type NotificationPage = {
  items: NotificationView[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
};

export type AdmissionCaseStep = {
  taskId: string;
  taskKey: string;
  step: string;
  title: string;
  status: string;
  assignee: Assignee;
  openedAt: string;
  dueAt: string;
  escalationLevel: number;
  outcome: string | null;
  comment: string | null;
  completedBy: string | null;
  completedAt: string | null;
  deadlineMet: boolean | null;
};

export type AdmissionCaseView = {
  id: string;
  status: string;
  currentStep: string;
  endStep: string | null;
  endReason: string | null;
  candidate: { id: string; fullName: string; status: string };
  startedAt: string;
  endedAt: string | null;
  decidedOn: string | null;
  ceremonyOn: string | null;
  officialOn: string | null;
  criteria: { checkedOn: string | null; set: { id: string; name: string; documentRef: string } | null };
  steps: AdmissionCaseStep[];
};

import { formatLocalDateVi, type LocalDate } from '../calendar/local-date.util';
import { labelVi } from '../glossary';

/** The mails of issue 12 §5: one per assignment, reminder and escalation of a task, and the daily digest. */
export type TaskMailKind = 'task_assigned' | 'task_reminder' | 'task_escalated';

/** What a task mail says, captured when its notification is written (the outbox row's `content`). */
export type TaskMailFacts = {
  kind: TaskMailKind;
  taskId: string;
  title: string;
  /** The case's candidate, member or inspected cell; null when the task has none (the title stands in). */
  subjectName: string | null;
  process: string;
  step: string;
  /** The organisation the task is assigned to. */
  orgName: string;
  /** The due date as a local date (PARTYFLOW_TIME_ZONE). */
  dueDate: LocalDate;
  /** The escalation level (task_escalated only). */
  level?: number;
};

export type DigestTask = Omit<TaskMailFacts, 'kind' | 'level'> & { overdue: boolean };

/** The daily digest of one user: the open tasks of the user's roles in force and of the user's member record. */
export type DigestFacts = { kind: 'digest'; localDate: LocalDate; tasks: DigestTask[] };

export type MailFacts = TaskMailFacts | DigestFacts;

/** A mail's text: a subject and a plain-text body, NFC. */
export type MailText = { subject: string; text: string };

/** The web page's task route (apps/web/src/app/routes.ts `ROUTES.task`, under /app). */
export function taskLink(webBaseUrl: string, taskId: string): string {
  return `${webBaseUrl.replace(/\/+$/, '')}/app/nhiem-vu/${taskId}`;
}

const PREFIX = '[Partyflow]';
const FOOTER = [
  '--',
  'Thư này được Partyflow gửi tự động; xin đừng trả lời thư này.',
  'Muốn thay đổi cách nhận thư (ngay lập tức, chỉ bản tổng hợp hằng ngày, hoặc không nhận), đồng chí liên hệ quản trị viên.',
];

const caseOf = (t: { subjectName: string | null; title: string }): string => t.subjectName ?? t.title;

function intro(f: TaskMailFacts): string {
  switch (f.kind) {
    case 'task_assigned':
      return `Có nhiệm vụ mới giao cho ${f.orgName} cần đồng chí xử lý.`;
    case 'task_reminder':
      return `Nhiệm vụ dưới đây của ${f.orgName} sắp đến hạn xử lý.`;
    case 'task_escalated':
      return `Nhiệm vụ dưới đây của ${f.orgName} đã quá hạn xử lý và được báo lên cấp trên để theo dõi (mức ${f.level ?? 1}).`;
  }
}

function subjectOf(f: TaskMailFacts): string {
  const what = `${labelVi(f.step)} — ${caseOf(f)}`;
  switch (f.kind) {
    case 'task_assigned':
      return `${PREFIX} Nhiệm vụ mới: ${what}, hạn ${formatLocalDateVi(f.dueDate)}`;
    case 'task_reminder':
      return `${PREFIX} Nhắc việc: ${what}, hạn ${formatLocalDateVi(f.dueDate)}`;
    case 'task_escalated':
      return `${PREFIX} Quá hạn (mức ${f.level ?? 1}): ${what}, hạn ${formatLocalDateVi(f.dueDate)}`;
  }
}

const nfc = (m: MailText): MailText => ({ subject: m.subject.normalize('NFC'), text: m.text.normalize('NFC') });

/** The text of an assignment, reminder or escalation mail to `recipientName`. Pure: no clock, no I/O. */
export function renderTaskMail(f: TaskMailFacts, recipientName: string, webBaseUrl: string): MailText {
  const lines = [
    `Kính gửi đồng chí ${recipientName},`,
    '',
    intro(f),
    '',
    `Hồ sơ: ${caseOf(f)} (${labelVi(f.process)})`,
    `Nhiệm vụ: ${f.title}`,
    `Bước: ${labelVi(f.step)}`,
    `Hạn xử lý: ${formatLocalDateVi(f.dueDate)}`,
    `Mở nhiệm vụ: ${taskLink(webBaseUrl, f.taskId)}`,
    '',
    ...FOOTER,
  ];
  return nfc({ subject: subjectOf(f), text: `${lines.join('\n')}\n` });
}

function digestLines(tasks: DigestTask[], webBaseUrl: string): string[] {
  return tasks.flatMap((t, i) => [
    `${i + 1}. ${labelVi(t.step)} — ${caseOf(t)} (${labelVi(t.process)}), hạn ${formatLocalDateVi(t.dueDate)}`,
    `   ${taskLink(webBaseUrl, t.taskId)}`,
  ]);
}

/** The daily digest: overdue tasks first, then the open ones, each by due date as given. Pure. */
export function renderDigestMail(f: DigestFacts, recipientName: string, webBaseUrl: string): MailText {
  const overdue = f.tasks.filter((t) => t.overdue);
  const open = f.tasks.filter((t) => !t.overdue);
  const day = formatLocalDateVi(f.localDate);
  const lines = [
    `Kính gửi đồng chí ${recipientName},`,
    '',
    `Ngày ${day}, đồng chí có ${f.tasks.length} nhiệm vụ chưa hoàn thành, trong đó ${overdue.length} nhiệm vụ quá hạn.`,
    ...(overdue.length ? ['', 'Quá hạn:', ...digestLines(overdue, webBaseUrl)] : []),
    ...(open.length ? ['', 'Trong hạn:', ...digestLines(open, webBaseUrl)] : []),
    '',
    ...FOOTER,
  ];
  return nfc({
    subject: `${PREFIX} Tổng hợp nhiệm vụ ngày ${day}: ${f.tasks.length} chưa hoàn thành, ${overdue.length} quá hạn`,
    text: `${lines.join('\n')}\n`,
  });
}

export function renderMail(f: MailFacts, recipientName: string, webBaseUrl: string): MailText {
  return f.kind === 'digest'
    ? renderDigestMail(f, recipientName, webBaseUrl)
    : renderTaskMail(f, recipientName, webBaseUrl);
}

/** A mail preference (issue 12 §5): `immediate` gets the task mails and the digest, `digest` the digest only. */
export const MAIL_PREFERENCES = ['immediate', 'digest', 'off'] as const;
export type MailPreferenceValue = (typeof MAIL_PREFERENCES)[number];

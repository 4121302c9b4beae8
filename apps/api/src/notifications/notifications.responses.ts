import { z } from 'zod';
import { cursorPageOf, instant, uuid } from '../common/response-schemas';

/** One notification of the user (notifications.service.ts `view`). */
export const NotificationResponse = z.strictObject({
  id: z.string().describe('số nguyên (bigint) dạng chuỗi'),
  kind: z.enum([
    'task_assigned',
    'task_reminder',
    'task_escalated',
    'task_repromised',
    'inspection_results',
    'case_notice',
  ]),
  kindLabel: z.string(),
  createdAt: instant,
  message: z.string(),
  taskId: uuid.nullable(),
  organisation: z.strictObject({ id: uuid, code: z.string(), name: z.string() }),
  role: z.string().nullable().describe('vai trò được gửi; null: gửi đích danh hoặc cả tổ chức'),
  roleLabel: z.string().nullable(),
  read: z.boolean(),
  readAt: instant.nullable(),
});

/** GET /notifications: a page, and how many of all the user's notifications are unread. */
export const NotificationPageResponse = cursorPageOf(NotificationResponse).extend({ unread: z.number().int() });

/** POST /notifications/read-all. */
export const MarkedResponse = z.strictObject({ marked: z.number().int() });

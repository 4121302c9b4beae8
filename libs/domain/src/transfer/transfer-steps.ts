import { addDays, type LocalDate } from '../calendar/local-date.util';
import type { DeadlinePolicy, Duration } from '../deadline/deadline-policy';
import { defaultPolicyBuilder } from '../deadline/policy-builder';

/** Party-activity transfers (chuyển sinh hoạt đảng, DOMAIN.md §5). */
export const TRANSFER_PROCESS = 'transfer';

export const TRANSFER_STEPS = ['confirm_arrival', 'confirm_return'] as const;
export type TransferStep = (typeof TRANSFER_STEPS)[number];

/** The screening ground opened when a transferred member never presents the letter [seed:000][seed:004]. */
export const TRANSFER_NOT_PRESENTED_GROUND = 'transfer_not_presented';

/**
 * The member presents the introduction letter at the destination within 30 days of its date
 * [R30, secondary]: the default of the `confirm_arrival` policy, and the limit of a letter that
 * gives no date of its own.
 */
export const TRANSFER_PRESENTATION_LIMIT: Duration & { unit: 'calendar_days'; source: string } = {
  amount: 30,
  unit: 'calendar_days',
  source:
    '[R30, nguồn thứ cấp] Đảng viên xuất trình giấy giới thiệu sinh hoạt đảng trong 30 ngày kể từ ngày giới thiệu.',
};

/** The last day to present a letter issued on `issuedOn` that names no date: issue + the presentation limit [R30]. */
export function defaultPresentBy(issuedOn: LocalDate): LocalDate {
  return addDays(issuedOn, TRANSFER_PRESENTATION_LIMIT.amount);
}

const days = (amount: number, unit: Duration['unit']): Duration => ({ amount, unit });
const policy = defaultPolicyBuilder<TransferStep>(TRANSFER_PROCESS);

/** `confirm_arrival` counts from the issue date; `confirm_return` from the end of the temporary period. */
export const TRANSFER_DEADLINE_POLICIES: DeadlinePolicy[] = [
  policy('confirm_arrival', {
    due: days(TRANSFER_PRESENTATION_LIMIT.amount, TRANSFER_PRESENTATION_LIMIT.unit),
    remindBefore: days(5, 'calendar_days'),
    anchor: 'case_event',
    source: TRANSFER_PRESENTATION_LIMIT.source,
  }),
  policy('confirm_return', {
    due: days(10, 'working_days'),
    remindBefore: days(2, 'working_days'),
    anchor: 'case_event',
    source:
      '[A] Không tìm thấy thời hạn; chi bộ nơi đi xác nhận đảng viên trở về trong 10 ngày làm việc sau khi hết thời hạn sinh hoạt tạm thời [R29].',
  }),
];

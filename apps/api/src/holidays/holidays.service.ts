import { Injectable } from '@nestjs/common';
import { DataSource, Between, IsNull, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { deadlinePolicyOperationId, localDateSchema } from '@partyflow/contracts';
import {
  COMPUTED_HOLIDAY_SOURCE,
  computedVietnamHolidays,
  dayOfWeek,
  isValidLocalDate,
  isWorkingDay,
  labelVi,
  LUNAR_MAX_YEAR,
  LUNAR_MIN_YEAR,
  nextPolicyVersion,
  parseLocalDate,
  startOfLocalDay,
  todayLocal,
  type CalendarDayKind,
} from '@partyflow/domain';
import {
  DeadlinePolicyEntity,
  DeadlinePolicyOperationEntity,
  DeadlinePolicyOverrideEntity,
  HolidayEntity,
  loadHolidayCalendar,
} from '@partyflow/persistence';
import { appendAudit } from '@partyflow/audit';
import { isRootAdministrator, type AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { parseOrThrow } from '../common/validation';
import { TemporalCallFailed, workflowStartFailedError } from '../common/workflow-start';
import { PolicyFanOutClient } from '../policies/policy-fan-out.client';
import { insertStartingOperation, markOperationStartFailed } from '../policies/policy-operations';
import { holidayErrors } from './holidays.errors';

const localDate = localDateSchema.refine(
  (d) => !isValidLocalDate(d) || (parseLocalDate(d).year >= LUNAR_MIN_YEAR && parseLocalDate(d).year <= LUNAR_MAX_YEAR),
  `năm phải từ ${LUNAR_MIN_YEAR} đến ${LUNAR_MAX_YEAR}`,
);
const kind = z.enum(['holiday', 'working_day'], {
  errorMap: () => ({ message: 'phải là holiday (ngày nghỉ) hoặc working_day (ngày làm bù vào cuối tuần)' }),
});
const text = (max: number, required: string) =>
  z
    .string({ required_error: required, invalid_type_error: 'phải là chuỗi' })
    .trim()
    .min(1, required)
    .max(max, `tối đa ${max} ký tự`)
    .transform((s) => s.normalize('NFC'));
const reason = z
  .string({ required_error: 'bắt buộc: lý do thay đổi' })
  .trim()
  .min(3, 'bắt buộc: lý do thay đổi')
  .max(1000)
  .transform((s) => s.normalize('NFC'));

const dayFields = {
  kind: kind.default('holiday'),
  name: text(200, 'bắt buộc: tên ngày nghỉ'),
  /** The decision the day comes from (e.g. the Government's yearly notice). */
  decision: text(500, 'không được để trống').nullish(),
  reason,
};
export const CreateHolidayBody = z.object({ date: localDate, ...dayFields }).strict();
/** `kind` left out keeps the day's kind. */
export const UpdateHolidayBody = z.object({ ...dayFields, kind: kind.optional() }).strict();
export const RemoveHolidayBody = z.object({ reason }).strict();
const YearQuery = z
  .object({
    year: z.coerce
      .number({ invalid_type_error: 'phải là số năm' })
      .int('phải là số năm')
      .min(LUNAR_MIN_YEAR, `từ ${LUNAR_MIN_YEAR}`)
      .max(LUNAR_MAX_YEAR, `đến ${LUNAR_MAX_YEAR}`)
      .optional(),
  })
  .strict();

type DayInput = { kind: CalendarDayKind; name: string; decision?: string | null };

export type HolidayView = {
  date: string;
  kind: CalendarDayKind;
  name: string;
  decision: string | null;
  /** `published`: a row of the year's decision; `computed`: the Labour Code rule (the year has no published row). */
  source: 'published' | 'computed';
  updatedAt: Date | null;
  updatedBy: string | null;
};
export type YearView = { year: number; source: 'published' | 'computed'; days: HolidayView[] };
export type RetimingView = {
  /** The fan-outs started: one per deadline step with an open task whose due window may contain the day. */
  operations: { id: string; process: string; step: string; policyVersion: number; status: string }[];
};

const published = (row: HolidayEntity): HolidayView => ({
  date: row.date,
  kind: row.kind,
  name: row.name,
  decision: row.decision,
  source: 'published',
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

const yearOf = (date: string) => parseLocalDate(date).year;
const yearRange = (year: number) => Between(`${year}-01-01`, `${year}-12-31`);

/**
 * The holiday calendar (issue 9 §5): a year's published decision, or, for a year with none, the days the Labour
 * Code rule computes. Administrators add, change and remove days with a reason (audited); when a change makes a
 * working day a day off or back, the open tasks whose due window may contain it are re-timed by the deadline-policy
 * fan-out (the path of a policy change, issue 7 §4): the step's policy version grows, so each case recomputes
 * its due dates with the new calendar through the `retimeForPolicy` update.
 */
@Injectable()
export class HolidaysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fanOut: PolicyFanOutClient,
  ) {}

  async list(query: unknown): Promise<YearView> {
    const year = parseOrThrow(YearQuery, query).year ?? yearOf(todayLocal(Date.now()));
    const rows = await this.dataSource
      .getRepository(HolidayEntity)
      .find({ where: { date: yearRange(year) }, order: { date: 'ASC' } });
    if (rows.length) return { year, source: 'published', days: rows.map(published) };
    return {
      year,
      source: 'computed',
      days: computedVietnamHolidays(year).map((d) => ({
        ...d,
        decision: COMPUTED_HOLIDAY_SOURCE,
        source: 'computed',
        updatedAt: null,
        updatedBy: null,
      })),
    };
  }

  async create(user: AuthUser, body: unknown): Promise<{ day: HolidayView } & RetimingView> {
    this.assertAdministrator(user);
    const input = parseOrThrow(CreateHolidayBody, body);
    this.assertKindFits(input.date, input.kind);
    return this.change(user, input.date, 'holiday.added', input.reason, async (em) => {
      const existing = await em.findOneBy(HolidayEntity, { date: input.date });
      if (existing) throw holidayErrors.exists(input.date, existing.name);
      // The year's first published day: its computed days are copied first, and the new day may be one of them.
      await this.publishComputedYear(em, user, yearOf(input.date));
      const copied = await em.findOneBy(HolidayEntity, { date: input.date });
      return this.write(em, user, copied ?? em.create(HolidayEntity, { date: input.date }), input);
    });
  }

  async update(user: AuthUser, date: string, body: unknown): Promise<{ day: HolidayView } & RetimingView> {
    this.assertAdministrator(user);
    const day = parseOrThrow(localDate, date, 'date');
    const input = parseOrThrow(UpdateHolidayBody, body);
    if (input.kind) this.assertKindFits(day, input.kind);
    return this.change(user, day, 'holiday.changed', input.reason, async (em) => {
      const row = await this.findForChange(em, user, day);
      return this.write(em, user, row, { ...input, kind: input.kind ?? row.kind });
    });
  }

  async remove(user: AuthUser, date: string, body: unknown): Promise<{ removed: HolidayView } & RetimingView> {
    this.assertAdministrator(user);
    const day = parseOrThrow(localDate, date, 'date');
    const input = parseOrThrow(RemoveHolidayBody, body ?? {});
    const { day: removed, ...retiming } = await this.change(user, day, 'holiday.removed', input.reason, async (em) => {
      const row = await this.findForChange(em, user, day);
      await em.delete(HolidayEntity, { date: day });
      return { before: published(row), after: null, view: published(row) };
    });
    return { removed, ...retiming };
  }

  /**
   * One audited change of the day `date`, in one transaction with the policy version bumps and operation rows of
   * the re-timing it needs; the fan-outs start after the commit (their ids are the operation ids).
   */
  private async change(
    user: AuthUser,
    date: string,
    action: string,
    comment: string,
    apply: (em: EntityManager) => Promise<{ before: HolidayView | null; after: HolidayView | null; view: HolidayView }>,
  ): Promise<{ day: HolidayView } & RetimingView> {
    const saved = await this.dataSource.transaction(async (em) => {
      // One change of a year's calendar at a time: the copy of its computed days happens once.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', ['holiday-year', yearOf(date)]);
      const workingBefore = isWorkingDay(date, await loadHolidayCalendar(em));
      const { before, after, view } = await apply(em);
      const workingAfter = isWorkingDay(date, await loadHolidayCalendar(em));
      const now = new Date();
      const operations = workingBefore === workingAfter ? [] : await this.prepareRetiming(em, user, date, now);
      await appendAudit(em, {
        eventKey: `holiday:${date}:${action}:${now.toISOString()}`,
        at: now,
        action,
        actor: { userId: user.userId, name: user.fullName },
        comment,
        details: {
          date,
          before,
          after,
          workingDayBefore: workingBefore,
          workingDayAfter: workingAfter,
          operationIds: operations.map((o) => o.id),
        },
      });
      return { view, operations };
    });
    const failed: string[] = [];
    for (const op of saved.operations) {
      try {
        await this.fanOut.start({ operationId: op.id, process: op.process, step: op.step, version: op.policyVersion });
        op.status = 'running';
        await this.dataSource
          .getRepository(DeadlinePolicyOperationEntity)
          .update({ id: op.id, status: 'starting' }, { status: 'running', updatedAt: new Date() });
      } catch (e) {
        if (!(e instanceof TemporalCallFailed)) throw e;
        op.status = 'start_failed';
        failed.push(op.id);
        await markOperationStartFailed(this.dataSource.manager, op.id);
      }
    }
    if (failed.length)
      throw workflowStartFailedError(
        `tính lại hạn sau khi đổi lịch ngày ${date}`,
        `Lịch mới đã được lưu nhưng các hồ sơ đang chờ chưa được tính lại hạn (thao tác ${failed.join(', ')})`,
      );
    return { day: saved.view, operations: saved.operations };
  }

  /**
   * The steps with an open task whose due window may contain `date` (due on or after that day, or overdue, whose
   * escalations count working days after the due date): each step's policy version grows, so the fan-out re-times
   * its waiting cases with the new calendar. A task the day does not reach gets the same due date again.
   */
  private async prepareRetiming(
    em: EntityManager,
    user: AuthUser,
    date: string,
    now: Date,
  ): Promise<RetimingView['operations']> {
    const steps = (await em.query(
      `SELECT DISTINCT process, step FROM human_task
        WHERE status IN ('open','overdue') AND (due_at >= $1 OR status = 'overdue')
        ORDER BY process, step`,
      [startOfLocalDay(date)],
    )) as { process: string; step: string }[];
    const operations: RetimingView['operations'] = [];
    for (const { process, step } of steps) {
      const policy = await em.findOne(DeadlinePolicyEntity, {
        where: { process, step },
        lock: { mode: 'pessimistic_write' },
      });
      if (!policy) continue;
      // Issue 11 §2: the step's one version sequence; the overrides in force take the new version too, so the
      // national fan-out reaches the cases they time (policyScopeCondition) and each re-times with the calendar.
      const overrides = await em.findBy(DeadlinePolicyOverrideEntity, { process, step });
      policy.version = nextPolicyVersion([policy, ...overrides]);
      policy.updatedBy = user.fullName;
      await em.save(policy);
      await em.update(
        DeadlinePolicyOverrideEntity,
        { process, step, clearedAt: IsNull() },
        { version: policy.version, updatedBy: user.fullName },
      );
      const id = deadlinePolicyOperationId({ process, step, version: policy.version });
      await insertStartingOperation(em, {
        id,
        process,
        step,
        policyVersion: policy.version,
        startedBy: user.fullName,
        at: now,
      });
      await appendAudit(em, {
        eventKey: `policy:${process}:${step}:v${policy.version}`,
        at: now,
        action: 'policy.calendar_changed',
        actor: { userId: user.userId, name: user.fullName },
        process,
        step,
        comment: `Lịch ngày nghỉ thay đổi ngày ${date}: tính lại hạn bước '${labelVi(step)}'`,
        details: { date, version: policy.version, operationId: id },
      });
      operations.push({ id, process, step, policyVersion: policy.version, status: 'starting' });
    }
    return operations;
  }

  /** The published row of `date`; in a year with no published row, its computed day (copied first), else 404. */
  private async findForChange(em: EntityManager, user: AuthUser, date: string): Promise<HolidayEntity> {
    await this.publishComputedYear(em, user, yearOf(date));
    const row = await em.findOneBy(HolidayEntity, { date });
    if (!row) throw holidayErrors.notFound(date);
    return row;
  }

  /**
   * A year's first published change starts from its computed days: they are copied as rows (citing the rule), so
   * changing one day does not drop the year's other holidays. Returns whether it copied.
   */
  private async publishComputedYear(em: EntityManager, user: AuthUser, year: number): Promise<boolean> {
    if ((await em.countBy(HolidayEntity, { date: yearRange(year) })) > 0) return false;
    const days = computedVietnamHolidays(year);
    if (!days.length) return false;
    await em.insert(
      HolidayEntity,
      days.map((d) => ({ ...d, decision: COMPUTED_HOLIDAY_SOURCE, updatedBy: user.fullName })),
    );
    return true;
  }

  private async write(
    em: EntityManager,
    user: AuthUser,
    row: HolidayEntity,
    input: DayInput,
  ): Promise<{ before: HolidayView | null; after: HolidayView; view: HolidayView }> {
    const before = row.name === undefined ? null : published(row);
    Object.assign(row, {
      kind: input.kind,
      name: input.name,
      decision: input.decision ?? null,
      updatedBy: user.fullName,
    });
    const saved = await em.save(HolidayEntity, row);
    return { before, after: published(saved), view: published(saved) };
  }

  /** A working day of a day swap is a Saturday or a Sunday: a weekday is worked anyway. */
  private assertKindFits(date: string, kind: CalendarDayKind): void {
    const weekday = dayOfWeek(date);
    if (kind === 'working_day' && weekday !== 0 && weekday !== 6)
      throw ApiError.badRequest(
        'kind',
        `ngày làm bù phải là thứ Bảy hoặc Chủ nhật (${date} là ngày làm việc bình thường); để bỏ một ngày nghỉ, hãy xóa ngày đó`,
      );
  }

  /** The calendar is national: only an administrator of a root organisation changes it. */
  private assertAdministrator(user: AuthUser): void {
    if (!isRootAdministrator(user)) throw holidayErrors.forbidden();
  }
}

import { randomUUID } from 'node:crypto';
import { MAIL_DIGEST_SCHEDULE_ID, MAIL_DISPATCH_SCHEDULE_ID } from '@partyflow/contracts';
import { formatLocalDateVi, labelVi, localDateOf } from '@partyflow/domain';
import { demoOrgId, HumanTaskEntity, UserEntity } from '@partyflow/persistence';
import {
  AdmissionDriver,
  ApiSession,
  eventually,
  startMailCatcher,
  startSystem,
  type MailCatcher,
  type RunningSystem,
} from '@partyflow/testing';

/**
 * E-mail over HTTP and the real Temporal dev server (issue 12 §5): an administrator sets a user's address and
 * preference (PUT /users/:id/mail); with SMTP configured the API makes the two mail Schedules; a case started
 * over HTTP opens its first task, whose mail the dispatch Schedule sends to an in-process SMTP server.
 */
let sys: RunningSystem;
let catcher: MailCatcher;
let admin: ApiSession;
const WEB = 'https://partyflow.example.vn';

type ApiErr = { error: { code: string; message: string; field?: string } };
type UserView = { id: string; email: string | null; mailPreference: string };

beforeAll(async () => {
  catcher = await startMailCatcher();
  sys = await startSystem({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.port),
      MAIL_FROM: 'Partyflow <partyflow@example.vn>',
      PUBLIC_WEB_URL: WEB,
      // The test triggers the dispatch Schedule itself; its own runs would only race it.
      MAIL_SEND_INTERVAL_SECONDS: '3600',
      MAIL_DIGEST_TIME: '06:30',
    },
  });
  admin = await ApiSession.login(sys.baseUrl, 'quantri');
});
afterAll(async () => {
  await sys?.stop();
  await catcher?.stop();
});

const userIdOf = async (username: string): Promise<string> =>
  (await sys.dataSource.getRepository(UserEntity).findOneByOrFail({ username })).id;

describe('PUT /users/:id/mail (issue 12 §5: address and preference)', () => {
  it('should set the address trimmed and lower-cased and the preference, and show them on the user', async () => {
    const id = await userIdOf('bithu.tdp5');
    const res = await admin.put<UserView>(`/users/${id}/mail`, {
      email: '  BiThu.TDP5@Example.VN ',
      mailPreference: 'digest',
      reason: 'Đăng ký nhận thư',
    });
    expect(res.status).toBe(200);
    expect([res.body.email, res.body.mailPreference]).toEqual(['bithu.tdp5@example.vn', 'digest']);
    const back = await admin.get<UserView>(`/users/${id}`);
    expect([back.body.email, back.body.mailPreference]).toEqual(['bithu.tdp5@example.vn', 'digest']);
  });

  it('should answer 400 naming email for a malformed address and mailPreference for an unknown preference', async () => {
    const id = await userIdOf('bithu.tdp5');
    const bad = await admin.put<ApiErr>(`/users/${id}/mail`, { email: 'khong-phai-thu', reason: 'x' });
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([400, 'VALIDATION_FAILED', 'email']);
    const pref = await admin.put<ApiErr>(`/users/${id}/mail`, {
      email: null,
      mailPreference: 'weekly',
      reason: 'x',
    });
    expect([pref.status, pref.body.error.field]).toEqual([400, 'mailPreference']);
  });

  it('should answer 404 for an unknown user and 403 to a user who is not an administrator', async () => {
    const missing = await admin.put<ApiErr>(`/users/${randomUUID()}/mail`, { email: null, reason: 'x' });
    expect(missing.status).toBe(404);
    const secretary = await ApiSession.login(sys.baseUrl, 'bithu.tdp5');
    const id = await userIdOf('quantri');
    const forbidden = await secretary.put<ApiErr>(`/users/${id}/mail`, { email: null, reason: 'x' });
    expect(forbidden.status).toBe(403);
  });
});

describe('users import e-mail column (issue 12 §5)', () => {
  it('should set the address from the "Thư điện tử" column, lower-cased, and update it on a re-import', async () => {
    const username = `canbo.mail.${Date.now() % 1e6}`;
    const run = async (email: string) => {
      const csv = `Tên đăng nhập,Họ và tên,Thư điện tử,Vai trò,Mã tổ chức\n${username},Đinh Thị Lụa,${email},Cán bộ giám sát,HN-HM-HL\n`;
      const res = await fetch(`${sys.baseUrl}/imports/users`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin.token}` },
        body: csv,
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      return eventually(
        async () => {
          const view = await admin.get<{ status: string }>(`/imports/${id}`);
          return view.body.status === 'succeeded' || view.body.status === 'failed' ? view.body.status : undefined;
        },
        'the import',
        60_000,
        200,
      );
    };
    expect(await run('Dinh.Lua@Example.VN')).toBe('succeeded');
    const users = sys.dataSource.getRepository(UserEntity);
    expect((await users.findOneByOrFail({ username })).email).toBe('dinh.lua@example.vn');
    expect(await run('lua.dt@example.vn')).toBe('succeeded');
    expect((await users.findOneByOrFail({ username })).email).toBe('lua.dt@example.vn');
  });
});

describe('mail Schedules and the dispatch of a task mail (issue 12 §5)', () => {
  it('should make the dispatch and the digest Schedules at start, the digest at MAIL_DIGEST_TIME in the local zone', async () => {
    const digest = await eventually(
      () =>
        sys.env.client.schedule
          .getHandle(MAIL_DIGEST_SCHEDULE_ID)
          .describe()
          .catch(() => undefined),
      'the digest Schedule',
      30_000,
      200,
    );
    expect(digest.spec.timezone).toBe(sys.config.timeZone);
    expect(digest.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 6, end: 6, step: 1 }] });
    expect(digest.spec.calendars?.[0]).toMatchObject({ minute: [{ start: 30, end: 30, step: 1 }] });
    expect(digest.action).toMatchObject({ type: 'startWorkflow', workflowType: 'mailDigestWorkflow' });
    const dispatch = await sys.env.client.schedule.getHandle(MAIL_DISPATCH_SCHEDULE_ID).describe();
    expect(dispatch.action).toMatchObject({ type: 'startWorkflow', workflowType: 'mailDispatchWorkflow' });
  });

  it('should mail the first task of a case started over HTTP to the one holder with an address, once', async () => {
    const id = await userIdOf('bithu.tdp5');
    expect(
      (
        await admin.put(`/users/${id}/mail`, {
          email: 'bithu.tdp5@example.vn',
          mailPreference: 'immediate',
          reason: 'x',
        })
      ).status,
    ).toBe(200);
    const driver = new AdmissionDriver(sys.baseUrl, sys.users);
    const fullName = 'Hồ Thị Ngọc Ánh';
    const { caseId } = await driver.startFreshCase(sys.dataSource, { fullName });
    const { task } = await driver.waitForOpenTask(caseId, 'introducers', 'bithu.tdp5');
    const row = await sys.dataSource.getRepository(HumanTaskEntity).findOneByOrFail({ id: task.id });
    expect(row.assigneeOrgId).toBe(demoOrgId('HN-HM-HL-TDP5'));

    await sys.env.client.schedule.getHandle(MAIL_DISPATCH_SCHEDULE_ID).trigger();
    const mine = () => catcher.mails.filter((m) => m.text.includes(`/app/nhiem-vu/${task.id}`));
    await eventually(async () => (mine().length ? true : undefined), 'the task mail', 30_000, 100);
    expect(mine().map((m) => [m.envelopeTo, m.subject])).toEqual([
      [
        ['bithu.tdp5@example.vn'],
        `[Partyflow] Nhiệm vụ mới: ${labelVi('introducers')} — ${fullName}, hạn ${formatLocalDateVi(localDateOf(row.dueAt.getTime()))}`,
      ],
    ]);
    expect(mine()[0].text).toContain(`Mở nhiệm vụ: ${WEB}/app/nhiem-vu/${task.id}\n`);

    // Triggered again: the row was sent; nothing goes twice. The Schedule skips a trigger while a run is still
    // going (its default overlap policy), so the second trigger waits for the first run to have completed.
    const completedRuns = async (atLeast: number) => {
      const runs = await sys.env.client.workflow.count(
        `WorkflowType = 'mailDispatchWorkflow' AND ExecutionStatus = 'Completed'`,
      );
      return runs.count >= atLeast ? runs.count : undefined;
    };
    const first = await eventually(() => completedRuns(1), 'the first dispatch run', 30_000, 100);
    await sys.env.client.schedule.getHandle(MAIL_DISPATCH_SCHEDULE_ID).trigger();
    await eventually(() => completedRuns(first + 1), 'the second dispatch run', 30_000, 100);
    expect(mine()).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createHumanTaskActivities, messageIdOf } from '@partyflow/activities';
import { loadConfig, type MailConfig } from '@partyflow/config';
import {
  admissionWorkflowId,
  mailDigestWorkflowRef,
  mailDispatchWorkflowRef,
  type MailDigestResult,
  type SendQueuedMailsResult,
} from '@partyflow/contracts';
import { formatLocalDateVi, localDateOf, type Role } from '@partyflow/domain';
import { HumanTaskEntity, MailOutboxEntity, RoleAssignmentEntity, UserEntity } from '@partyflow/persistence';
import {
  buildFixture,
  insertAdmissionCase,
  startMailCatcher,
  useTimeSkipping,
  type Fixture,
  type MailCatcher,
} from '@partyflow/testing';

// Real SMTP traffic (issue 12 §5): the real activities send through nodemailer to an in-process smtp-server.
const ts = useTimeSkipping();
const WEB = 'https://partyflow.example.vn';
const FOOTER = [
  '--',
  'Thư này được Partyflow gửi tự động; xin đừng trả lời thư này.',
  'Muốn thay đổi cách nhận thư (ngay lập tức, chỉ bản tổng hợp hằng ngày, hoặc không nhận), đồng chí liên hệ quản trị viên.',
];

let catcher: MailCatcher;
beforeEach(async () => {
  catcher = await startMailCatcher();
});
afterEach(async () => {
  await catcher?.stop();
});

const mailConfig = (): MailConfig =>
  loadConfig({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(catcher.port),
    MAIL_FROM: 'Partyflow <partyflow@example.vn>',
    PUBLIC_WEB_URL: WEB,
  }).mail;

async function setMail(ds: DataSource, userId: string, email: string | null, pref = 'immediate'): Promise<void> {
  await ds.getRepository(UserEntity).update({ id: userId }, { email, mailPreference: pref as 'immediate' });
}

/** A user with one role in force (or not), an address and a preference. */
async function addUser(
  ds: DataSource,
  name: string,
  email: string,
  grant: { orgId: string; role: Role; revokedAt?: Date; validFrom?: string },
  extra: Partial<UserEntity> = {},
): Promise<string> {
  const id = randomUUID();
  await ds.getRepository(UserEntity).save({
    id,
    username: `u-${id.slice(0, 8)}`,
    passwordHash: 'x',
    fullName: name,
    memberId: null,
    organisationId: grant.orgId,
    email,
    mailPreference: 'immediate',
    ...extra,
  });
  await ds.getRepository(RoleAssignmentEntity).save({
    id: randomUUID(),
    userId: id,
    organisationId: grant.orgId,
    role: grant.role,
    revokedAt: grant.revokedAt ?? null,
    validFrom: grant.validFrom ?? null,
  });
  return id;
}

/**
 * The fixture's tree with addresses: grassroots1 and grassroots2 (immediate) hold the grassroots committee role;
 * grassroots3 holds it without an address; beside them a holder who wants the digest only, one whose role was
 * revoked, one whose role starts next year, a disabled one, and the same role in another organisation.
 */
async function withAddresses(ds: DataSource): Promise<Fixture> {
  const f = await buildFixture(ds);
  const g = { orgId: f.orgs.grassroots.id, role: 'grassroots_committee_member' as Role };
  await setMail(ds, f.users.grassroots1.id, 'hung.pq@example.vn');
  await setMail(ds, f.users.grassroots2.id, 'ha.vt@example.vn');
  await setMail(ds, f.users.supervisorHM.id, 'nam.dh@example.vn');
  await setMail(ds, f.users.supervisorHL.id, 'tam.bt@example.vn');
  await addUser(ds, 'Đặng Văn Khoa', 'khoa.dv@example.vn', g, { mailPreference: 'digest' });
  await addUser(ds, 'Lý Thị Thu', 'thu.lt@example.vn', { ...g, revokedAt: new Date('2025-01-01T00:00:00Z') });
  await addUser(ds, 'Mạc Văn Tài', 'tai.mv@example.vn', { ...g, validFrom: '2099-01-01' });
  await addUser(ds, 'Tạ Thị Yến', 'yen.tt@example.vn', g, { disabledAt: new Date('2025-01-01T00:00:00Z') });
  await addUser(ds, 'Châu Văn Lộc', 'loc.cv@example.vn', { orgId: f.orgs.otherGrassroots.id, role: g.role });
  return f;
}

/** Opens the background check of the fixture's candidate for the grassroots committee, as the workflow would. */
async function openBackgroundCheck(
  ds: DataSource,
  f: Fixture,
  { caseId, taskKey = 'background_check' }: { caseId?: string; taskKey?: string } = {},
): Promise<{ task: HumanTaskEntity; workflowId: string; caseId: string }> {
  const id = caseId ?? (await insertAdmissionCase(ds, f));
  const workflowId = admissionWorkflowId(id);
  await createHumanTaskActivities({ dataSource: ds }).openTask({
    workflowId,
    process: 'admission',
    caseId: id,
    step: 'background_check',
    taskKey,
    title: 'Thẩm tra lý lịch quần chúng Nguyễn Thị Hạnh',
    assignee: { kind: 'role', orgId: f.orgs.grassroots.id, role: 'grassroots_committee_member' },
    allowedOutcomes: ['cleared', 'not_cleared'],
    openedAt: new Date().toISOString(),
  });
  const task = await ds.getRepository(HumanTaskEntity).findOneByOrFail({ workflowId, taskKey });
  return { task, workflowId, caseId: id };
}

async function dispatch(): Promise<SendQueuedMailsResult> {
  const { worker, taskQueue } = await ts.createWorker('mail-test', { mail: mailConfig() });
  return worker.runUntil(
    ts.env.client.workflow.execute(mailDispatchWorkflowRef.workflowType, {
      workflowId: `mail-dispatch-${randomUUID()}`,
      taskQueue,
      args: [{}],
    }),
  );
}

const assignmentText = (recipient: string, task: HumanTaskEntity): string =>
  [
    `Kính gửi đồng chí ${recipient},`,
    '',
    'Có nhiệm vụ mới giao cho Đảng bộ phường Hoàng Liệt cần đồng chí xử lý.',
    '',
    'Hồ sơ: Nguyễn Thị Hạnh (Kết nạp đảng viên)',
    'Nhiệm vụ: Thẩm tra lý lịch quần chúng Nguyễn Thị Hạnh',
    'Bước: Thẩm tra lý lịch',
    `Hạn xử lý: ${formatLocalDateVi(localDateOf(task.dueAt.getTime()))}`,
    `Mở nhiệm vụ: ${WEB}/app/nhiem-vu/${task.id}`,
    '',
    ...FOOTER,
    '',
  ].join('\n');

describe('task mails over real SMTP (issue 12 §5)', () => {
  it('should mail an assignment exactly to the holders in force of the assigned role in that organisation who want mails at once, with the Vietnamese subject and body intact', async () => {
    const ds = ts.db.dataSource;
    const f = await withAddresses(ds);
    const { task, workflowId } = await openBackgroundCheck(ds, f);

    expect(await dispatch()).toEqual({ sent: 2, failed: 0, requeued: 0, smtpConfigured: true });

    const due = formatLocalDateVi(localDateOf(task.dueAt.getTime()));
    const byRecipient = [...catcher.mails].sort((a, b) => a.envelopeTo[0].localeCompare(b.envelopeTo[0]));
    expect(byRecipient.map((m) => m.envelopeTo)).toEqual([['ha.vt@example.vn'], ['hung.pq@example.vn']]);
    expect(
      byRecipient.map(({ envelopeFrom, from, to, subject, text, messageId }) => ({
        envelopeFrom,
        from,
        to,
        subject,
        text,
        messageId,
      })),
    ).toEqual([
      {
        envelopeFrom: 'partyflow@example.vn',
        from: '"Partyflow" <partyflow@example.vn>',
        to: '"Vũ Thu Hà" <ha.vt@example.vn>',
        subject: `[Partyflow] Nhiệm vụ mới: Thẩm tra lý lịch — Nguyễn Thị Hạnh, hạn ${due}`,
        text: assignmentText('Vũ Thu Hà', task),
        messageId: messageIdOf(`${workflowId}:background_check:assigned:${f.users.grassroots2.id}`),
      },
      {
        envelopeFrom: 'partyflow@example.vn',
        from: '"Partyflow" <partyflow@example.vn>',
        to: '"Phạm Quang Hùng" <hung.pq@example.vn>',
        subject: `[Partyflow] Nhiệm vụ mới: Thẩm tra lý lịch — Nguyễn Thị Hạnh, hạn ${due}`,
        text: assignmentText('Phạm Quang Hùng', task),
        messageId: messageIdOf(`${workflowId}:background_check:assigned:${f.users.grassroots1.id}`),
      },
    ]);
    // NFC on the wire: the composed letters, no combining marks.
    for (const m of catcher.mails) {
      expect(m.subject).toBe(m.subject.normalize('NFC'));
      expect(m.text).toBe(m.text.normalize('NFC'));
    }
    const rows = await ds.getRepository(MailOutboxEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['task_assigned', 'sent', 1],
      ['task_assigned', 'sent', 1],
    ]);

    // The next run (the Schedule's next minute) finds nothing to send: a sent row is never sent again.
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, requeued: 0, smtpConfigured: true });
    expect(catcher.mails).toHaveLength(2);
  });

  it('should send each mail once when the SMTP server refuses the first DATA for now (451) and the activity is retried', async () => {
    const ds = ts.db.dataSource;
    const f = await withAddresses(ds);
    await openBackgroundCheck(ds, f);
    catcher.refuseNextData(1);

    // Attempt 1 sends nothing (the first row is refused, back in the queue, the attempt fails); its retry sends both.
    expect(await dispatch()).toEqual({ sent: 2, failed: 0, requeued: 0, smtpConfigured: true });

    expect(catcher.mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['ha.vt@example.vn', 'hung.pq@example.vn']);
    expect(new Set(catcher.mails.map((m) => m.messageId)).size).toBe(2);
    const rows = await ds.getRepository(MailOutboxEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['sent', 2, null],
      ['sent', 1, null],
    ]);
  });

  it('should never send again a mail claimed by an attempt that died after the SMTP answer and before the mark', async () => {
    const ds = ts.db.dataSource;
    const f = await withAddresses(ds);
    await openBackgroundCheck(ds, f);
    const [first] = await ds.getRepository(MailOutboxEntity).find({ order: { id: 'ASC' } });
    // What a worker killed between the server's 250 and the mark leaves behind: the row claimed, not marked.
    await ds
      .getRepository(MailOutboxEntity)
      .update({ id: first.id }, { status: 'sending', attempts: 1, claimedAt: new Date() });

    expect(await dispatch()).toEqual({ sent: 1, failed: 0, requeued: 0, smtpConfigured: true });
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, requeued: 0, smtpConfigured: true });

    expect(catcher.mails.map((m) => m.envelopeTo[0])).toEqual([
      (await ds.getRepository(MailOutboxEntity).findOneByOrFail({ status: 'sent' })).recipient,
    ]);
    expect((await ds.getRepository(MailOutboxEntity).findOneByOrFail({ id: first.id })).status).toBe('sending');
  });

  it('should mark a mail the SMTP server refuses for good (550) failed, without the address in the error, and send the others', async () => {
    const ds = ts.db.dataSource;
    const f = await withAddresses(ds);
    await openBackgroundCheck(ds, f);
    catcher.refuseNextData(1, 550);

    expect(await dispatch()).toEqual({ sent: 1, failed: 1, requeued: 0, smtpConfigured: true });

    expect(catcher.mails).toHaveLength(1);
    const rows = await ds.getRepository(MailOutboxEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['failed', 1, 'Message failed: 550 Không nhận thư cho <<address>>'],
      ['sent', 1, null],
    ]);
  });

  it('should mail a reminder to the role holders and an escalation to the supervisors of the parent organisation, naming the level', async () => {
    const ds = ts.db.dataSource;
    const f = await withAddresses(ds);
    const { task, workflowId } = await openBackgroundCheck(ds, f);
    const acts = createHumanTaskActivities({ dataSource: ds });
    await dispatch();
    catcher.mails.length = 0;

    await acts.remindTask({ workflowId, taskKey: 'background_check', at: new Date().toISOString() });
    await acts.escalateTask({ workflowId, taskKey: 'background_check', level: 1, at: new Date().toISOString() });
    expect(await dispatch()).toEqual({ sent: 3, failed: 0, requeued: 0, smtpConfigured: true });

    const due = formatLocalDateVi(localDateOf(task.dueAt.getTime()));
    expect(catcher.mails.map((m) => [m.envelopeTo[0], m.subject]).sort()).toEqual([
      ['ha.vt@example.vn', `[Partyflow] Nhắc việc: Thẩm tra lý lịch — Nguyễn Thị Hạnh, hạn ${due}`],
      ['hung.pq@example.vn', `[Partyflow] Nhắc việc: Thẩm tra lý lịch — Nguyễn Thị Hạnh, hạn ${due}`],
      ['nam.dh@example.vn', `[Partyflow] Quá hạn (mức 1): Thẩm tra lý lịch — Nguyễn Thị Hạnh, hạn ${due}`],
    ]);
    const escalation = catcher.mails.find((m) => m.envelopeTo[0] === 'nam.dh@example.vn');
    expect(escalation?.text.split('\n').slice(0, 3)).toEqual([
      'Kính gửi đồng chí Dương Hữu Nam,',
      '',
      'Nhiệm vụ dưới đây của Đảng bộ phường Hoàng Liệt đã quá hạn xử lý và được báo lên cấp trên để theo dõi (mức 1).',
    ]);
  });
});

describe('daily digest over real SMTP (issue 12 §5)', () => {
  it('should mail each user who wants mails or the digest the open and overdue tasks of the inbox once per local day', async () => {
    const ds = ts.db.dataSource;
    const f = await withAddresses(ds);
    const { task: first, caseId } = await openBackgroundCheck(ds, f);
    const { task: second } = await openBackgroundCheck(ds, f, { caseId, taskKey: 'background_check:again' });
    // The first one is overdue: due yesterday.
    const yesterday = new Date(Date.now() - 86_400_000);
    await ds.getRepository(HumanTaskEntity).update({ id: first.id }, { dueAt: yesterday, status: 'overdue' });
    await ds.getRepository(MailOutboxEntity).update({ status: 'queued' }, { status: 'sent' });

    // A worker per run: runUntil shuts its worker down.
    const run = async (): Promise<MailDigestResult> => {
      const { worker, taskQueue } = await ts.createWorker('mail-digest', { mail: mailConfig() });
      return worker.runUntil(
        ts.env.client.workflow.execute(mailDigestWorkflowRef.workflowType, {
          workflowId: `mail-digest-${randomUUID()}`,
          taskQueue,
          args: [{}],
        }),
      );
    };
    const result = await run();
    expect(result).toEqual({
      localDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      queued: 3,
      sent: { sent: 3, failed: 0, requeued: 0, smtpConfigured: true },
    });

    const day = formatLocalDateVi(result.localDate);
    expect(catcher.mails.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'ha.vt@example.vn',
      'hung.pq@example.vn',
      'khoa.dv@example.vn',
    ]);
    const khoa = catcher.mails.find((m) => m.envelopeTo[0] === 'khoa.dv@example.vn');
    expect(khoa?.subject).toBe(`[Partyflow] Tổng hợp nhiệm vụ ngày ${day}: 2 chưa hoàn thành, 1 quá hạn`);
    expect(khoa?.text).toBe(
      [
        'Kính gửi đồng chí Đặng Văn Khoa,',
        '',
        `Ngày ${day}, đồng chí có 2 nhiệm vụ chưa hoàn thành, trong đó 1 nhiệm vụ quá hạn.`,
        '',
        'Quá hạn:',
        `1. Thẩm tra lý lịch — Nguyễn Thị Hạnh (Kết nạp đảng viên), hạn ${formatLocalDateVi(localDateOf(yesterday.getTime()))}`,
        `   ${WEB}/app/nhiem-vu/${first.id}`,
        '',
        'Trong hạn:',
        `1. Thẩm tra lý lịch — Nguyễn Thị Hạnh (Kết nạp đảng viên), hạn ${formatLocalDateVi(localDateOf(second.dueAt.getTime()))}`,
        `   ${WEB}/app/nhiem-vu/${second.id}`,
        '',
        ...FOOTER,
        '',
      ].join('\n'),
    );

    // A second run on the same local day queues and sends nothing.
    expect(await run()).toEqual({
      localDate: result.localDate,
      queued: 0,
      sent: { sent: 0, failed: 0, requeued: 0, smtpConfigured: true },
    });
    expect(catcher.mails).toHaveLength(3);
  });
});

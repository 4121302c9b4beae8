import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@partyflow/config';
import { appendAudit, SYSTEM_ACTOR } from '@partyflow/audit';
import {
  checkPassword,
  configureTimeZone,
  isValidUsername,
  ORG_KINDS,
  todayLocal,
  type OrgKind,
} from '@partyflow/domain';
import {
  configurePasswordHashing,
  hashPassword,
  openDatabase,
  OrganisationEntity,
  RoleAssignmentEntity,
  roleInForceSql,
  UserEntity,
} from '@partyflow/persistence';

export type FirstAdministrator = {
  username: string;
  fullName: string;
  password: string;
  /** The top-level organisation the administrator administers: found by code, or created with name and kind. */
  org: { code: string; name?: string; kind?: OrgKind };
};

export type FirstAdministratorResult = { userId: string; orgId: string; orgCreated: boolean };

const COMMENT = 'Quản trị viên đầu tiên, tạo bằng lệnh infra/deploy/create-admin.ts';

/**
 * Creates the first administrator of a production installation, which has no user at all (the migrate step seeds
 * no demo data): the top-level organisation when it does not exist yet, the user and the role `administrator` at
 * that organisation in force from today, with the audit rows `organisation.created`, `user.created` and
 * `role.granted` (actor "Hệ thống", the comment naming this command), in one transaction. Refused, changing nothing,
 * when the username is taken, when the organisation is not top-level, when an administrator already holds the role
 * there (further administrators are created by that one, over the API), or when the password is weak.
 */
export async function createFirstAdministrator(
  dataSource: DataSource,
  input: FirstAdministrator,
  at = new Date(),
): Promise<FirstAdministratorResult> {
  const username = input.username;
  const fullName = input.fullName.normalize('NFC').trim();
  if (!isValidUsername(username)) throw new Error(`--username ${username}: lower-case ASCII letters, digits, . _ -`);
  if (!fullName) throw new Error('--full-name is required');
  const weak = checkPassword(input.password, username);
  if (weak.length) throw new Error(`the password: ${weak[0].message}`);
  const passwordHash = await hashPassword(input.password);
  return dataSource.transaction(async (em) => {
    // The organisation tree's lock (apps/api/src/organisations/organisations.service.ts `lockTree`).
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['organisation-tree']);
    if (await em.existsBy(UserEntity, { username })) throw new Error(`the username ${username} is taken`);
    let org = await em.findOneBy(OrganisationEntity, { code: input.org.code });
    const orgCreated = !org;
    if (org) {
      if (org.parentId !== null) throw new Error(`the organisation ${org.code} is not top-level`);
      const [{ count }] = await em.query(
        `SELECT count(*)::int AS count FROM role_assignment r
          WHERE r.organisation_id = $1 AND r.role = 'administrator' AND ${roleInForceSql('r', '$2')}`,
        [org.id, todayLocal(at.getTime())],
      );
      if (count > 0) {
        throw new Error(
          `the organisation ${org.code} has an administrator already: further ones are created by that one ` +
            '(POST /users, POST /users/{id}/roles)',
        );
      }
    } else {
      const name = input.org.name?.normalize('NFC').trim();
      if (!name) throw new Error(`no organisation ${input.org.code} yet: give --org-name to create it`);
      const id = randomUUID();
      const kind = input.org.kind ?? 'provincial_committee';
      await em.insert(OrganisationEntity, {
        id,
        code: input.org.code,
        name,
        kind,
        parentId: null,
        path: `/${id}/`,
        depth: 0,
      });
      org = await em.findOneByOrFail(OrganisationEntity, { id });
      await appendAudit(em, {
        eventKey: `organisation:${id}:created`,
        at,
        action: 'organisation.created',
        actor: SYSTEM_ACTOR,
        orgId: id,
        comment: COMMENT,
        details: { code: org.code, name, kind, parentId: null, parentCode: null },
      });
    }
    const userId = randomUUID();
    await em.insert(UserEntity, {
      id: userId,
      username,
      passwordHash,
      fullName,
      memberId: null,
      organisationId: org.id,
    });
    const orgRef = { orgId: org.id, orgName: org.name };
    await appendAudit(em, {
      eventKey: `user:${userId}:created`,
      at,
      action: 'user.created',
      actor: SYSTEM_ACTOR,
      comment: COMMENT,
      details: { userId, username, fullName, memberId: null, ...orgRef },
    });
    const assignmentId = randomUUID();
    const validity = { validFrom: todayLocal(at.getTime()), validUntil: null };
    await em.insert(RoleAssignmentEntity, {
      id: assignmentId,
      userId,
      organisationId: org.id,
      role: 'administrator',
      ...validity,
      grantedAt: at,
      grantedByUserId: null,
      grantReason: COMMENT,
    });
    await appendAudit(em, {
      eventKey: `role:${assignmentId}:granted`,
      at,
      action: 'role.granted',
      actor: SYSTEM_ACTOR,
      comment: COMMENT,
      details: { assignmentId, userId, username, ...orgRef, role: 'administrator', ...validity },
    });
    return { userId, orgId: org.id, orgCreated };
  });
}

/** The password: the first line of stdin, which must be a pipe or a file (a terminal would echo it). */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new Error(
      'pipe the password on stdin, e.g. `read -rs PW && printf "%s\\n" "$PW" | node … create-admin.ts …`',
    );
  }
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0];
}

const USAGE =
  'usage: node -r ./infra/scripts/register.js infra/deploy/create-admin.ts --username <name> --full-name <name> ' +
  '--org-code <code> [--org-name <name> --org-kind <kind>] < password';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      'full-name': { type: 'string' },
      'org-code': { type: 'string' },
      'org-name': { type: 'string' },
      'org-kind': { type: 'string' },
    },
    strict: true,
  });
  const kind = values['org-kind'];
  if (!values.username || !values['full-name'] || !values['org-code']) throw new Error(USAGE);
  if (kind !== undefined && !(ORG_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`--org-kind must be one of ${ORG_KINDS.join(', ')}`);
  }
  const config = loadConfig();
  configureTimeZone(config.timeZone);
  configurePasswordHashing(config.auth.passwordHashing);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const password = await readPassword();
  const dataSource = await openDatabase({ url: config.databaseUrl, poolSize: 2 });
  try {
    const result = await createFirstAdministrator(dataSource, {
      username: values.username,
      fullName: values['full-name'],
      password,
      org: { code: values['org-code'], name: values['org-name'], kind: kind as OrgKind | undefined },
    });
    console.log(
      `[create-admin] ${values.username} (user ${result.userId}) is administrator of ${values['org-code']}` +
        ` (organisation ${result.orgId}${result.orgCreated ? ', created' : ''}); audited`,
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`[create-admin] refused: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}

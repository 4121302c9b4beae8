import { z } from 'zod';
import { role, uuid } from '../common/response-schemas';

/** A role the user holds today in one organisation (apps/api/src/auth/auth-user.ts). */
export const RoleGrantResponse = z.strictObject({ orgId: uuid, orgPath: z.string(), orgName: z.string(), role });

/** GET /auth/me: the current user, their member record and roles in force today. */
export const AuthUserResponse = z.strictObject({
  userId: uuid,
  username: z.string(),
  fullName: z.string(),
  memberId: uuid.nullable(),
  roles: z.array(RoleGrantResponse),
});

/** POST /auth/login. */
export const LoginResponse = z.strictObject({
  accessToken: z.string().describe('Bearer token'),
  expiresIn: z.number().int().describe('giây'),
  user: AuthUserResponse,
});

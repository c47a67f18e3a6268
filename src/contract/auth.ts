/**
 * Signing in, the session, and the signed-in person's own profile.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { AGENT_ROLES } from '../domain/people.js';
import { email, id, instant, language, password } from './fields.js';

export const loginInput = z.object({
  email,
  password: z.string().min(1).max(256),
});

export const profileInput = z.object({ language });
export type ProfileInput = z.infer<typeof profileInput>;

export const passwordChangeInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;

/** "Forgot password?": answered alike whether or not an account has the address. */
export const passwordResetRequest = z.object({ email }).strict();

/** The secret from a mailed invitation or reset link, with the password the person chose. */
export const passwordResetConfirmation = z.object({ token: z.string().min(20).max(100), password }).strict();
export type PasswordResetConfirmation = z.infer<typeof passwordResetConfirmation>;

export const principalSchema = z
  .object({
    type: z.enum(['agent', 'contact']),
    id,
    name: z.string(),
    email: z.string(),
    language,
    role: z.enum([...AGENT_ROLES, 'contact']),
    organizationId: id.nullable(),
  })
  .meta({ id: 'Principal' });
export type Principal = z.output<typeof principalSchema>;

export const sessionSchema = z
  .object({
    principal: principalSchema,
    csrfToken: z
      .string()
      .nullable()
      .describe('Send as X-CSRF-Token with every write made with the session cookie'),
    expiresAt: instant.nullable(),
  })
  .meta({ id: 'Session' });
export type Session = z.output<typeof sessionSchema>;

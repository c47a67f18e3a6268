/**
 * Signing in, the session, and the signed-in person's own profile.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { ABILITIES, AREAS } from '../domain/accounts/areas.js';
import { AGENT_ROLES } from '../domain/people.js';
import { email, id, instant, language, password } from './fields.js';

/** The second step's code: six digits from the authenticator app, or a recovery code (xxxxx-xxxxx). */
const secondFactorCode = z.string().trim().min(6).max(20);

export const loginInput = z.object({
  email,
  password: z.string().min(1).max(256),
  code: secondFactorCode
    .optional()
    .describe('Asked for (second_factor_required) when the account has an authenticator'),
});
export type LoginInput = z.infer<typeof loginInput>;

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
export const passwordResetConfirmation = z
  .object({
    token: z.string().min(20).max(100),
    password,
    code: secondFactorCode.optional().describe('Asked for when the account has an authenticator'),
  })
  .strict();
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
    areas: z.array(z.enum(AREAS)).describe('the parts of the desk this person is shown, in navigation order'),
    abilities: z.array(z.enum(ABILITIES)).describe('what this person may change beyond their own work'),
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
    secondFactorEnrolmentRequired: z
      .boolean()
      .describe(
        'The desk requires an authenticator of this person: until one is enrolled, only enrolment is open',
      ),
  })
  .meta({ id: 'Session' });
export type Session = z.output<typeof sessionSchema>;

export const securitySettingsSchema = z
  .object({
    staffSecondFactorRequired: z
      .boolean()
      .describe('Every staff account signs in with an authenticator; those without one must enrol first'),
  })
  .strict()
  .meta({ id: 'SecuritySettings' });
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const secondFactorStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabledAt: instant.nullable(),
    recoveryCodesLeft: z.number().int(),
    required: z
      .boolean()
      .describe('The desk requires an authenticator of this account: it cannot be turned off'),
  })
  .meta({ id: 'SecondFactorStatus' });
export type SecondFactorStatus = z.output<typeof secondFactorStatusSchema>;

export const secondFactorEnrolmentSchema = z
  .object({
    secret: z.string().describe('The base32 secret, for typing into an app that cannot scan'),
    uri: z.string().describe('The otpauth:// address the QR code holds'),
    qrSvg: z.string().describe('The QR code as an SVG image'),
  })
  .meta({ id: 'SecondFactorEnrolment' });
export type SecondFactorEnrolment = z.output<typeof secondFactorEnrolmentSchema>;

export const secondFactorCodeInput = z.object({ code: secondFactorCode }).strict();

export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()).describe('Shown this once; each signs in once') })
  .meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.output<typeof recoveryCodesSchema>;

export const secondFactorDisableInput = z.object({ password: z.string().min(1).max(256) }).strict();

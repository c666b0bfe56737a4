import { z } from 'zod';
import { emailSchema, orgUserSchema, roleSchema } from './auth';
import { text } from './connector';
import { newPasswordSchema } from './passwords';

const timestamp = z.iso.datetime({ offset: true });
const linkToken = z.string().min(1, 'The link is incomplete: open the whole link again').max(200);
const personName = text().trim().min(1, 'Enter your name').max(100, 'A name is at most 100 characters');

export const INVITATION_TTL_DAYS = 7;

/** First run: the organisation and its first admin, made with the link the server printed. */
export const setupRequestSchema = z.strictObject({
  token: linkToken,
  orgName: text().trim().min(1, 'Enter the organisation’s name').max(100, 'A name is at most 100 characters'),
  name: personName,
  email: emailSchema,
  password: newPasswordSchema,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;
export const setupStatusResponseSchema = z.object({ success: z.literal(true), needed: z.literal(true) });

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  createdAt: timestamp,
  expiresAt: timestamp,
  invitedBy: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const createInvitationRequestSchema = z.strictObject({ email: emailSchema, role: roleSchema });
export type CreateInvitationRequest = z.infer<typeof createInvitationRequestSchema>;
export const createInvitationResponseSchema = z.object({
  success: z.literal(true),
  invitation: invitationSchema,
  /** The link to hand to the person invited: shown in this answer only. */
  url: z.string(),
});
export const invitationListResponseSchema = z.object({ success: z.literal(true), invitations: z.array(invitationSchema) });

/** What the person invited sees before accepting; the token is sent in a body, never in a logged path. */
export const invitationLookupRequestSchema = z.strictObject({ token: linkToken });
export const invitationLookupResponseSchema = z.object({
  success: z.literal(true),
  email: z.string(),
  role: roleSchema,
  orgName: z.string(),
  invitedByName: z.string(),
  expiresAt: timestamp,
});
export const acceptInvitationRequestSchema = z.strictObject({ token: linkToken, name: personName, password: newPasswordSchema });
export type AcceptInvitationRequest = z.infer<typeof acceptInvitationRequestSchema>;

export const changeRoleRequestSchema = z.strictObject({ role: roleSchema });
export const personResponseSchema = z.object({ success: z.literal(true), user: orgUserSchema });
/** Shown before a removal is confirmed: what goes with the person. */
export const removalPreviewResponseSchema = z.object({ success: z.literal(true), personalConnectors: z.number().int() });
export const removalResponseSchema = z.object({ success: z.literal(true), deletedConnectors: z.number().int() });

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: text().min(1, 'Enter your current password').max(1000),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
export const changePasswordResponseSchema = z.object({
  success: z.literal(true),
  /** Sessions signed out elsewhere; the one that changed the password stays signed in. */
  revokedSessions: z.number().int(),
});

export const securityActionSchema = z.enum([
  'setup',
  'signed_in',
  'sign_in_failed',
  'locked_out',
  'password_changed',
  'invited',
  'invitation_revoked',
  'invitation_accepted',
  'role_changed',
  'removed',
]);
export type SecurityAction = z.infer<typeof securityActionSchema>;

export const securityEventSchema = z.object({
  id: z.string(),
  at: timestamp,
  action: securityActionSchema,
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  /** Whom it concerns when that is someone else than the actor (an invitation's email, a removed person). */
  subject: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  /** The network address the request came from. */
  address: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type SecurityEvent = z.infer<typeof securityEventSchema>;

export const MAX_SECURITY_PAGE = 100;
export const securityEventQuerySchema = z.strictObject({
  action: securityActionSchema.optional(),
  cursor: z.string().regex(/^\d{1,18}$/, 'cursor is the nextCursor of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SECURITY_PAGE).default(50),
});
export const securityEventsResponseSchema = z.object({
  success: z.literal(true),
  events: z.array(securityEventSchema),
  pagination: z.object({ nextCursor: z.string().nullable() }),
});

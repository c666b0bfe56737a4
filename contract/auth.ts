import { z } from 'zod';
import { text } from './connector';

export const roleSchema = z.enum(['admin', 'member']);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  orgId: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const emailSchema = z.string().trim().min(1, 'Enter an email').max(320).pipe(z.email('Enter a valid email address'));

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: text().min(1, 'Enter your password').max(1000),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  user: userSchema,
});

export const meResponseSchema = z.object({ success: z.literal(true), user: userSchema });

// People of the caller's org, so that a connector's creator can be shown by name; removed people
// stay listed (`removed`) for the names of what they made and did.
export const orgUserSchema = userSchema.pick({ id: true, email: true, name: true, role: true }).extend({ removed: z.boolean() });
export type OrgUser = z.infer<typeof orgUserSchema>;
export const usersResponseSchema = z.object({ success: z.literal(true), users: z.array(orgUserSchema) });

// Listed on the sign-in page only while the server runs on its seeded demo data.
export const demoAccountsResponseSchema = z.object({
  success: z.literal(true),
  password: z.string().nullable(),
  accounts: z.array(userSchema.pick({ email: true, name: true, role: true })),
});

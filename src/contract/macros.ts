/**
 * Macros: canned replies with variables and actions, shared or personal; previewed for a request and
 * applied in one step. Shared by the server's routes and by the web.
 */
import { z } from 'zod';
import { MACRO_PURPOSES, MACRO_STATUSES, MACRO_VARIABLES } from '../domain/macros/macro.js';
import { TEXT_MAX_LENGTH } from '../domain/tickets/limits.js';
import { id, instant, severity, text, version } from './fields.js';

const macroText = z
  .string()
  .trim()
  .max(TEXT_MAX_LENGTH)
  .describe(`Variables in double braces: ${MACRO_VARIABLES.map((name) => `{{${name}}}`).join(', ')}`);

export const macroActionsSchema = z
  .object({
    status: z.enum(MACRO_STATUSES).optional().describe('The status the request is left in'),
    severity: z.object({ value: severity, reason: text(2000) }).optional(),
    assignee: z
      .union([id, z.enum(['self', 'none'])])
      .optional()
      .describe('An agent, `self` (whoever applies it) or `none` (unassigned)'),
    note: macroText.optional().describe('An internal note for support'),
    tagIds: z.array(id).max(20).optional(),
  })
  .strict()
  .meta({ id: 'MacroActions' });

export const macroInput = z
  .object({
    title: text(200),
    body: macroText.default('').describe('The public reply; empty for a macro of actions only'),
    actions: macroActionsSchema.default({}),
    shared: z.boolean().default(false).describe('Shared with the whole team (administrators only)'),
  })
  .strict();
export type MacroInput = z.infer<typeof macroInput>;

export const macroUpdateInput = macroInput.omit({ shared: true }).partial().strict();
export type MacroUpdateInput = z.infer<typeof macroUpdateInput>;

export const macroSchema = z
  .object({
    id,
    title: z.string(),
    body: z.string(),
    actions: macroActionsSchema,
    shared: z.boolean(),
    purpose: z
      .enum(MACRO_PURPOSES)
      .nullable()
      .describe(
        'The policy answer it stands for: the §4.5 information request, the §4.2 out-of-scope answer',
      ),
    mayEdit: z
      .boolean()
      .describe('Whether the reader may change it: their own, or any shared one for an administrator'),
    updatedAt: instant,
  })
  .meta({ id: 'Macro' });
export type Macro = z.output<typeof macroSchema>;

export const macroPreviewSchema = z
  .object({
    body: z.string().describe('The reply with the variables filled in from the request'),
    note: z.string().nullable(),
    actions: macroActionsSchema,
  })
  .meta({ id: 'MacroPreview' });
export type MacroPreview = z.output<typeof macroPreviewSchema>;

export const applyMacroInput = z
  .object({
    macroId: id,
    body: z
      .string()
      .trim()
      .max(TEXT_MAX_LENGTH)
      .optional()
      .describe("The reply as the agent edited it; the macro's own text, filled in, when absent"),
    note: z.string().trim().max(TEXT_MAX_LENGTH).optional(),
    version: version.optional(),
  })
  .strict();
export type ApplyMacroInput = z.infer<typeof applyMacroInput>;

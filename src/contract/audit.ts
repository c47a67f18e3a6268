/**
 * The audit trail of who changed what.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { id, instant } from './fields.js';

export const auditEventSchema = z
  .object({
    id,
    sequence: z.int().describe('Commit order; newer events have larger numbers'),
    at: instant,
    actor: z.object({ type: z.string(), id: id.nullable(), label: z.string() }),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    organizationId: id.nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.output<typeof auditEventSchema>;

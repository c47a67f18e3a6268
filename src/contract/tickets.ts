/**
 * Requests: filing, the queue, the conversation and every action support and customers take.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { MACRO_STATUSES } from '../domain/macros/macro.js';
import { TICKET_OPERATIONS } from '../domain/tickets/allowedActions.js';
import { ATTACHMENTS_PER_MESSAGE, SUBJECT_MAX_LENGTH, TEXT_MAX_LENGTH } from '../domain/tickets/limits.js';
import { QUEUE_SORTS, SORT_DIRECTIONS } from '../domain/tickets/queueSort.js';
import { SEARCH_MAX_LENGTH, TICKET_NUMBER_PATTERN } from '../domain/tickets/searchQuery.js';
import {
  calendarDate,
  category,
  channel,
  clockKind,
  id,
  instant,
  level,
  severity,
  status,
  text,
  version,
  visibility,
} from './fields.js';
import { satisfactionSchema } from './satisfaction.js';
import { tagSchema } from './tags.js';

export const ticketInput = z.object({
  instanceId: id,
  severity,
  category: category.default('problem'),
  subject: text(SUBJECT_MAX_LENGTH),
  description: text(TEXT_MAX_LENGTH),
  attachmentIds: z.array(id).max(ATTACHMENTS_PER_MESSAGE).default([]),
  contactId: id.optional().describe("Support filing on a contact's behalf names the contact"),
});
export type TicketInput = z.infer<typeof ticketInput>;

export const messageInput = z.object({
  body: text(TEXT_MAX_LENGTH),
  visibility: visibility.default('public'),
  /** Support's public reply that hands the request to the customer (a question, a fix to try). */
  awaitCustomer: z.boolean().default(false),
  attachmentIds: z.array(id).max(ATTACHMENTS_PER_MESSAGE).default([]),
});
export type MessageInput = z.infer<typeof messageInput>;

export const instanceChangeInput = z.object({ instanceId: id });
export type InstanceChangeInput = z.infer<typeof instanceChangeInput>;

export const severityChangeInput = z.object({ severity, reason: text(2000) });
export type SeverityChangeInput = z.infer<typeof severityChangeInput>;

export const splitInput = z.object({
  parts: z
    .array(
      z.object({
        subject: text(SUBJECT_MAX_LENGTH),
        severity,
        description: z.string().trim().max(TEXT_MAX_LENGTH).optional(),
        messageIds: z.array(id).max(500).default([]),
      }),
    )
    .min(1)
    .max(20),
});
export type SplitInput = z.infer<typeof splitInput>;

export const infoRequestInput = z.object({ body: z.string().trim().max(20_000).optional() });
export type InfoRequestInput = z.infer<typeof infoRequestInput>;

export const resolutionInput = z.object({ body: text(TEXT_MAX_LENGTH) });
export type ResolutionInput = z.infer<typeof resolutionInput>;

export const closeInput = z.object({ reason: z.string().trim().max(2000).optional() });
export type CloseInput = z.infer<typeof closeInput>;

export const assignInput = z.object({ assigneeId: id.nullable() });
export type AssignInput = z.infer<typeof assignInput>;

export const remoteSessionInput = z.object({
  startedAt: z.iso.datetime({ offset: true }),
  durationMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
  engineerId: id.optional().describe('The engineer who connected; the caller when absent'),
  outcome: text(4000),
  recommendations: text(20_000),
});
export type RemoteSessionInput = z.infer<typeof remoteSessionInput>;

export const outOfScopeInput = z.object({ note: z.string().trim().max(20_000).optional() });
export type OutOfScopeInput = z.infer<typeof outOfScopeInput>;

export const ticketNumber = z
  .string()
  .regex(TICKET_NUMBER_PATTERN, { error: 'validation.ticket_number' })
  .describe('SD, the Moscow year and five digits or more: SD-2026-00001');

const oneOrMany = <Item extends z.ZodType>(item: Item) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((value) => (value === undefined ? undefined : ([value].flat() as z.output<Item>[])));

/** What selects requests in the queue: the filters a saved view keeps and the URL carries. */
export const ticketQueueFilter = z.object({
  status: oneOrMany(z.union([status, z.literal('all')]))
    .transform((values) =>
      values?.includes('all') ? undefined : (values as z.output<typeof status>[] | undefined),
    )
    .describe(
      'Only requests in these statuses; `all` (as the queue’s address writes it) asks for every status',
    ),
  severity: oneOrMany(severity),
  organizationId: id.optional(),
  assigneeId: z
    .union([id, z.enum(['none', 'me'])])
    .optional()
    .describe('An agent, `me` (the reader: what a shared view means by "mine") or `none` (unassigned)'),
  breached: z.enum(['true', 'false']).optional(),
  awaiting: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      "Only requests awaiting support (the customer's message is the latest public word), or none of them",
    ),
  tag: oneOrMany(id).describe('Only requests carrying every one of these tags'),
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH)
    .optional()
    .describe(
      'Search the requests, their messages and file names, as a web search: words in any form, "a phrase", -word, OR, tag:name; a number such as SD-2026-00001. Results come best first.',
    ),
});
export type TicketQueueFilter = z.output<typeof ticketQueueFilter>;

/** The queue's order: its own bands (`queue`), or one column either way. */
export const queueSortFields = {
  sort: z.enum(QUEUE_SORTS).default('queue'),
  direction: z.enum(SORT_DIRECTIONS).default('asc'),
};

export const ticketListQuery = ticketQueueFilter.extend({
  ...queueSortFields,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export const countdownSchema = z
  .object({
    remainingMs: z.number().describe('Clock time left to the response deadline; negative once passed'),
    used: z.number().describe('Share of the response window used: 0.75 is the warning point'),
    running: z.boolean().describe('Whether the clock runs now (inside its working hours)'),
  })
  .meta({ id: 'Countdown' });

/**
 * A request as anyone who may read it sees it. A contact reads the `customer` view; support reads the
 * `support` view, which adds what is support's alone (who works on it, its tags, its history). The
 * answers are serialized by these schemas, so a field a view does not name never leaves the server.
 */
const sharedSummaryFields = {
  id,
  number: z.string(),
  version,
  organizationId: id,
  contactId: id.nullable().describe('Null only on an imported request whose requester had no account'),
  requesterEmail: z
    .string()
    .nullable()
    .describe('The address an imported request came from when its requester had no account'),
  instanceId: id.nullable().describe('Null only on a request imported from another desk'),
  level: level.nullable().describe('Null only on a request imported from another desk'),
  severity,
  status,
  category,
  outOfScope: z.boolean(),
  channel,
  subject: z.string(),
  registeredAt: instant,
  responseDueAt: instant,
  firstResponseAt: instant.nullable(),
  breached: z.boolean(),
  autoCloseAt: instant.nullable(),
  resolvedAt: instant.nullable(),
  closedAt: instant.nullable(),
  closeReason: z.string().nullable(),
  splitFromId: id.nullable(),
  mergedIntoId: id.nullable().describe('The original this duplicate was merged into'),
  policyVersion: calendarDate.nullable(),
  importedFrom: z
    .string()
    .nullable()
    .describe('The desk the request was imported from (glpi); its history is not measured against the SLA'),
  externalReference: z.string().nullable().describe('The number the request had in that desk'),
  countdown: countdownSchema.nullable().describe('The response countdown; null once support has responded'),
  awaitingSupportSince: instant
    .nullable()
    .describe(
      "Since the customer's first message support has not answered; null when support has the last word",
    ),
  followUp: z
    .object({ dueAt: instant, breached: z.boolean(), countdown: countdownSchema })
    .nullable()
    .describe("Support's reply to that message is due, where the request's policy sets a follow-up target"),
  allowedActions: z
    .array(z.enum(TICKET_OPERATIONS))
    .describe('What the reader may do to the request now; the web offers exactly these'),
};

export const customerTicketSummarySchema = z
  .object({ view: z.literal('customer'), ...sharedSummaryFields })
  .meta({ id: 'CustomerTicketSummary' });

/** Support-only: the assignee, and on pages and details the tags and history below. */
const supportSummaryFields = { assigneeId: id.nullable() };

export const supportTicketSummarySchema = z
  .object({ view: z.literal('support'), ...sharedSummaryFields, ...supportSummaryFields })
  .meta({ id: 'SupportTicketSummary' });

export const ticketSummarySchema = z
  .discriminatedUnion('view', [supportTicketSummarySchema, customerTicketSummarySchema])
  .meta({ id: 'TicketSummary' });

const segments = z.array(z.object({ text: z.string(), hit: z.boolean() }));

export const searchMatchSchema = z
  .object({
    subject: segments.describe('The subject, with the words the search matched marked'),
    snippet: segments.nullable().describe('The best passage that matched, or null when only the subject did'),
    source: z.enum(['description', 'message', 'attachment']).nullable(),
  })
  .meta({ id: 'SearchMatch' });

export const ticketPageSchema = z
  .object({
    items: z.array(
      z.discriminatedUnion('view', [
        supportTicketSummarySchema.extend({ match: searchMatchSchema.optional(), tags: z.array(tagSchema) }),
        customerTicketSummarySchema.extend({ match: searchMatchSchema.optional() }),
      ]),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'TicketPage' });

export const attachmentSchema = z
  .object({ id, fileName: z.string(), contentType: z.string(), size: z.int() })
  .meta({ id: 'Attachment' });

export const uploadedAttachmentSchema = attachmentSchema
  .extend({ sha256: z.string() })
  .meta({ id: 'UploadedAttachment' });

export const messageSchema = z
  .object({
    id,
    authorType: z.string(),
    authorId: id.nullable(),
    authorName: z.string(),
    visibility,
    kind: z.string(),
    body: z.string(),
    channel,
    createdAt: instant,
    mergedFrom: z
      .object({ id, number: z.string() })
      .nullable()
      .describe('The duplicate the message was written on before it was merged into this request'),
    attachments: z.array(attachmentSchema),
  })
  .meta({ id: 'Message' });

export const remoteSessionSchema = z
  .object({
    id,
    startedAt: instant,
    durationMinutes: z.int(),
    engineerId: id,
    outcome: z.string(),
    recommendations: z.string(),
  })
  .meta({ id: 'RemoteSession' });

export const historyEventSchema = z
  .object({
    at: instant,
    actor: z.string(),
    action: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'HistoryEvent' });

const ticketLink = z.object({ id, number: z.string() });

const sharedDetailFields = {
  description: z.string(),
  descriptionAttachments: z
    .array(attachmentSchema)
    .describe('The files the request was filed with; shown with the description, not as a message'),
  contact: z.object({ id, name: z.string(), email: z.string() }).nullable(),
  instance: z.object({ id, name: z.string(), environment: z.string() }).nullable(),
  sla: z
    .object({
      dueAt: instant,
      clock: clockKind,
      respondedAt: instant.nullable(),
      remainingMs: z
        .number()
        .nullable()
        .describe('Clock time left; negative once overdue; null once responded'),
      used: z.number().nullable().describe('Share of the response window used; 0.75 is the warning point'),
      running: z.boolean().describe('Whether the response clock runs now'),
      breached: z.boolean(),
      explanation: z.array(z.string()),
    })
    .nullable()
    .describe('The response deadline explained; null on an imported request'),
  messages: z.array(messageSchema),
  splitFrom: ticketLink.nullable(),
  splitInto: z.array(ticketLink),
  followsUp: ticketLink
    .nullable()
    .describe('The closed request the customer wrote to again; this one continues it'),
  followedUpBy: z.array(ticketLink).describe('Requests that continue this one after it was closed'),
  mergedInto: ticketLink.nullable().describe('The original this request was merged into'),
  mergedFrom: z.array(ticketLink).describe('Duplicates merged into this request'),
  remoteSessions: z.array(remoteSessionSchema),
  satisfaction: satisfactionSchema
    .nullable()
    .describe('The customer’s rating, asked at the first resolution; null before it was asked'),
};

export const customerTicketDetailSchema = customerTicketSummarySchema
  .extend(sharedDetailFields)
  .meta({ id: 'CustomerTicketDetail' });

export const supportTicketDetailSchema = supportTicketSummarySchema
  .extend({ ...sharedDetailFields, tags: z.array(tagSchema), history: z.array(historyEventSchema) })
  .meta({ id: 'SupportTicketDetail' });

export const ticketDetailSchema = z
  .discriminatedUnion('view', [supportTicketDetailSchema, customerTicketDetailSchema])
  .meta({ id: 'TicketDetail' });

export type Countdown = z.output<typeof countdownSchema>;
export type TicketSummary = z.output<typeof ticketSummarySchema>;
export type SupportTicketSummary = z.output<typeof supportTicketSummarySchema>;
export type CustomerTicketSummary = z.output<typeof customerTicketSummarySchema>;
export type TicketPage = z.output<typeof ticketPageSchema>;
export type SearchMatch = z.output<typeof searchMatchSchema>;
export type FoundTicket = TicketPage['items'][number];
export type Attachment = z.output<typeof attachmentSchema>;
export type Message = z.output<typeof messageSchema>;
export type RemoteSession = z.output<typeof remoteSessionSchema>;
export type HistoryEvent = z.output<typeof historyEventSchema>;
export type TicketDetail = z.output<typeof ticketDetailSchema>;
export type SupportTicketDetail = z.output<typeof supportTicketDetailSchema>;
export type CustomerTicketDetail = z.output<typeof customerTicketDetailSchema>;
export type UploadedAttachment = z.output<typeof uploadedAttachmentSchema>;

export const mergeInput = z
  .object({
    intoTicketId: id.describe('The original: it keeps the conversation; this request is the duplicate'),
    intoVersion: version.optional().describe('The version of the original the caller saw'),
  })
  .strict();
export type MergeInput = z.infer<typeof mergeInput>;

export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assign'), assigneeId: id.nullable() }).strict(),
  z
    .object({
      kind: z.literal('status'),
      status: z.enum(MACRO_STATUSES),
      body: z
        .string()
        .trim()
        .max(TEXT_MAX_LENGTH)
        .default('')
        .describe('The reply each request gets; a resolution needs one'),
    })
    .strict(),
  z.object({ kind: z.literal('tag'), tagIds: z.array(id).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('macro'), macroId: id }).strict(),
]);

export const bulkUpdateInput = z
  .object({
    tickets: z
      .array(z.object({ id, version: version.optional() }).strict())
      .min(1)
      .max(200)
      .describe('The selected requests, each with the version the agent saw'),
    action: bulkActionSchema,
  })
  .strict();
export type BulkUpdateInput = z.infer<typeof bulkUpdateInput>;

export const bulkResultSchema = z
  .object({
    results: z.array(
      z.object({
        ticketId: id,
        ok: z.boolean(),
        ticket: ticketSummarySchema.optional(),
        code: z.string().optional().describe('Why this one was not changed'),
        message: z.string().optional().describe("The reason in the reader's language"),
      }),
    ),
    changed: z.int(),
    failed: z.int(),
  })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.output<typeof bulkResultSchema>;

export const phoneRequestInput = ticketInput
  .omit({ contactId: true, attachmentIds: true })
  .extend({
    contactId: id.describe('The authorized contact who phoned'),
    calledAt: z.iso
      .datetime({ offset: true })
      .describe('When the call came: the registration time; not in the future, not more than a day back'),
  })
  .strict();
export type PhoneRequestInput = z.infer<typeof phoneRequestInput>;

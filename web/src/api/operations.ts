import type {
  Agent,
  agentInput,
  agentUpdate,
  OwnSession,
  OwnToken,
  ownTokenInput,
  PartnerAssignment,
  TeamMember,
} from '@contract/agents';
import type {
  loginInput,
  passwordChangeInput,
  passwordResetConfirmation,
  passwordResetRequest,
  profileInput,
  RecoveryCodes,
  SecondFactorEnrolment,
  SecondFactorStatus,
  SecuritySettings,
  Session,
} from '@contract/auth';
import type { CalendarMonth, CalendarOverride, calendarOverrideInput } from '@contract/calendar';
import type { CustomerContext } from '@contract/customerContext';
import type { OutboxEntry } from '@contract/deliveries';
import type { DeskSettings, TelegramBinding, TelegramLink } from '@contract/desk';
import type { DocumentationPage, documentationInput, suggestionOpenedInput } from '@contract/documentation';
import type { EntitlementDecision, entitlementCheckInput } from '@contract/entitlement';
import type { PresentPerson, presenceInput } from '@contract/events';
import type { IntakeRejection, rejectionContactInput, rejectionRegistrationInput } from '@contract/intake';
import type { applyMacroInput, Macro, MacroPreview, macroInput, macroUpdateInput } from '@contract/macros';
import type { ReceivedMail, SentMail } from '@contract/mail';
import type {
  Notification,
  NotificationSettings,
  NotificationsReadInput,
  notificationSettingsInput,
} from '@contract/notifications';
import type {
  Certificate,
  Contact,
  certificateInput,
  certificateUpdate,
  contactInput,
  contactUpdate,
  Instance,
  instanceInput,
  License,
  licenseInput,
  Organization,
  OrganizationDetail,
  organizationInput,
  organizationUpdate,
} from '@contract/organizations';
import type { Product } from '@contract/products';
import type { Release, ReleaseFile, releaseInput } from '@contract/releases';
import type { ReportTable } from '@contract/reports';
import type {
  linkCommentInput,
  linkRatingInput,
  RatedRequest,
  Satisfaction,
  ticketRatingInput,
} from '@contract/satisfaction';
import type { PolicyHistoryEntry, PolicyVersion } from '@contract/sla';
import type { Tag, tagInput } from '@contract/tags';
import type {
  assignInput,
  BulkResult,
  bulkUpdateInput,
  closeInput,
  infoRequestInput,
  instanceChangeInput,
  mergeInput,
  messageInput,
  outOfScopeInput,
  phoneRequestInput,
  RemoteSession,
  remoteSessionInput,
  resolutionInput,
  severityChangeInput,
  splitInput,
  TicketDetail,
  TicketPage,
  TicketSummary,
  ticketInput,
  UploadedAttachment,
} from '@contract/tickets';
import type { SavedView, viewInput, viewUpdateInput } from '@contract/views';
import type { CreatedWebhook, Webhook, WebhookDelivery, webhookInput } from '@contract/webhooks';
import type { Worklog, WorklogEntry, worklogInput } from '@contract/worklog';
import type { z } from 'zod';
import { get, patch, post, postAt, postOnce, put, query, remove } from './client';

/**
 * What an operation takes: the fields of the contract's input schema with their types. A field may be
 * left out or empty: whether the input is complete is the server's rule, and its answer names the
 * field, which the form shows under it. A field the contract does not have, or a value of the wrong
 * type, fails to compile.
 */
type Body<Schema extends z.ZodType> = { [Field in keyof z.input<Schema>]?: z.input<Schema>[Field] | null };

/**
 * One typed call per API operation (named as in the OpenAPI document), its body and answer typed by
 * the contract the server validates with: a call the server would refuse for its shape fails to compile.
 */
export const desk = {
  getSession: () => get<Session>('/me'),
  login: (body: Body<typeof loginInput>) => post<Session>('/auth/login', body),
  logout: () => post<undefined>('/auth/logout'),
  getSignInMethods: () => get<{ singleSignOn: { name: string } | null }>('/auth/methods'),
  requestPasswordReset: (body: Body<typeof passwordResetRequest>) =>
    post<undefined>('/auth/password-reset', body),
  confirmPasswordReset: (body: Body<typeof passwordResetConfirmation>) =>
    post<Session>('/auth/password-reset/confirm', body),
  updateProfile: (body: Body<typeof profileInput>) => patch<Body<typeof profileInput>>('/me', body),
  changePassword: (body: Body<typeof passwordChangeInput>) => post<undefined>('/me/password', body),

  listProducts: () => get<Product[]>('/products'),
  listOrganizations: () => get<Organization[]>('/organizations'),
  getOrganization: (organizationId: string) => get<OrganizationDetail>(`/organizations/${organizationId}`),
  createOrganization: (body: Body<typeof organizationInput>) => post<Organization>('/organizations', body),
  updateOrganization: (organizationId: string, body: Body<typeof organizationUpdate>) =>
    patch<Organization>(`/organizations/${organizationId}`, body),
  createLicense: (organizationId: string, body: Body<typeof licenseInput>) =>
    post<License>(`/organizations/${organizationId}/licenses`, body),
  createInstance: (organizationId: string, body: Body<typeof instanceInput>) =>
    post<Instance>(`/organizations/${organizationId}/instances`, body),
  createCertificate: (organizationId: string, body: Body<typeof certificateInput>) =>
    post<Certificate>(`/organizations/${organizationId}/certificates`, body),
  updateCertificate: (certificateId: string, body: Body<typeof certificateUpdate>) =>
    patch<Certificate>(`/certificates/${certificateId}`, body),
  createContact: (organizationId: string, body: Body<typeof contactInput>) =>
    post<Contact>(`/organizations/${organizationId}/contacts`, body),
  updateContact: (contactId: string, body: Body<typeof contactUpdate>) =>
    patch<Contact>(`/contacts/${contactId}`, body),
  inviteContact: (contactId: string) => post<undefined>(`/contacts/${contactId}/invitation`),
  eraseContact: (contactId: string, body: { email: string }) =>
    post<undefined>(`/contacts/${contactId}/erasure`, body),
  checkEntitlement: (body: Body<typeof entitlementCheckInput>) =>
    post<EntitlementDecision>('/entitlement-checks', body),

  listAgents: () => get<TeamMember[]>('/agents'),
  resetAgentSecondFactor: (agentId: string) => remove<undefined>(`/agents/${agentId}/second-factor`),
  unlockAgentSecondFactor: (agentId: string) => post<undefined>(`/agents/${agentId}/second-factor/unlock`),
  getSecuritySettings: () => get<SecuritySettings>('/settings/security'),
  updateSecuritySettings: (body: SecuritySettings) => put<SecuritySettings>('/settings/security', body),
  getSecondFactor: () => get<SecondFactorStatus>('/me/second-factor'),
  startSecondFactorEnrolment: () => post<SecondFactorEnrolment>('/me/second-factor'),
  confirmSecondFactor: (code: string) => post<RecoveryCodes>('/me/second-factor/confirm', { code }),
  renewRecoveryCodes: (code: string) => post<RecoveryCodes>('/me/second-factor/recovery-codes', { code }),
  disableSecondFactor: (password: string) => post<undefined>('/me/second-factor/disable', { password }),
  createAgent: (body: Body<typeof agentInput>) => post<Agent>('/agents', body),
  updateAgent: (agentId: string, body: Body<typeof agentUpdate>) => patch<Agent>(`/agents/${agentId}`, body),
  inviteAgent: (agentId: string) => post<undefined>(`/agents/${agentId}/invitation`),
  getPartnerOrganizations: (agentId: string) => get<PartnerAssignment>(`/partners/${agentId}/organizations`),
  setPartnerOrganizations: (agentId: string, organizationIds: string[]) =>
    put<PartnerAssignment>(`/partners/${agentId}/organizations`, { organizationIds }),
  listOwnSessions: () => get<OwnSession[]>('/me/sessions'),
  endOwnSession: (sessionId: string) => remove<undefined>(`/me/sessions/${sessionId}`),
  endOtherSessions: () => remove<{ ended: number }>('/me/sessions'),
  listOwnTokens: () => get<OwnToken[]>('/me/tokens'),
  createOwnToken: (body: Body<typeof ownTokenInput>) =>
    post<{ id: string; name: string; token: string }>('/me/tokens', body),
  revokeOwnToken: (tokenId: string) => remove<undefined>(`/me/tokens/${tokenId}`),
  getDeskSettings: () => get<DeskSettings>('/desk'),
  suggestDocumentation: (typed: string) =>
    get<DocumentationPage[]>(`/documentation/suggestions?q=${encodeURIComponent(typed)}`),
  getTelegramBinding: (contactId: string) => get<TelegramBinding>(`/contacts/${contactId}/telegram`),
  unbindTelegram: (contactId: string) => remove<undefined>(`/contacts/${contactId}/telegram`),
  createTelegramLink: (contactId: string) => post<TelegramLink>(`/contacts/${contactId}/telegram/link`, {}),
  listOutbox: () => get<OutboxEntry[]>('/outbox?limit=200'),
  listOutboundMail: () => get<SentMail[]>('/mail/outbound?limit=200'),
  listInboundMail: () => get<ReceivedMail[]>('/mail/inbound?limit=200'),
  listIntakeRejections: () => get<IntakeRejection[]>('/intake-rejections?limit=200'),
  registerRefusedRequest: (rejectionId: string, body: Body<typeof rejectionRegistrationInput>) =>
    post<IntakeRejection>(`/intake-rejections/${rejectionId}/registration`, body),
  addRefusedSender: (rejectionId: string, body: Body<typeof rejectionContactInput>) =>
    post<IntakeRejection>(`/intake-rejections/${rejectionId}/contact`, body),

  listPolicyVersions: () => get<PolicyVersion[]>('/sla/policies'),
  policyHistory: () => get<PolicyHistoryEntry[]>('/sla/policies/history'),
  calendarMonth: (month: string) => get<CalendarMonth>(`/calendar/months/${month}`),
  listCalendarOverrides: () => get<CalendarOverride[]>('/calendar/overrides'),
  setCalendarOverride: (date: string, body: Body<typeof calendarOverrideInput>) =>
    put<CalendarOverride>(`/calendar/overrides/${date || '-'}`, body),
  removeCalendarOverride: (date: string) => remove<undefined>(`/calendar/overrides/${date}`),

  listTickets: (
    filter: Record<string, string | readonly string[] | null | undefined>,
    cursor: string | null,
  ) => get<TicketPage>(`/tickets${query({ limit: 50, ...filter, cursor })}`),
  getTicket: (ticketId: string) => get<TicketDetail>(`/tickets/${ticketId}`),
  getTicketByNumber: (number: string) => get<TicketDetail>(`/ticket-numbers/${encodeURIComponent(number)}`),
  createTicket: (body: Body<typeof ticketInput>, idempotencyKey: string) =>
    postOnce<TicketSummary>('/tickets', body, idempotencyKey),
  addTicketMessage: (
    ticketId: string,
    body: Body<typeof messageInput>,
    idempotencyKey: string,
    version?: number,
  ) => postOnce<{ messageId: string }>(`/tickets/${ticketId}/messages`, body, idempotencyKey, version),
  assignTicket: (ticketId: string, body: Body<typeof assignInput>, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/assignee`, body, version),
  changeTicketSeverity: (ticketId: string, body: Body<typeof severityChangeInput>, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/severity`, body, version),
  changeTicketInstance: (ticketId: string, body: Body<typeof instanceChangeInput>, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/instance`, body, version),
  splitTicket: (ticketId: string, body: Body<typeof splitInput>, version?: number) =>
    postAt<TicketSummary[]>(`/tickets/${ticketId}/split`, body, version),
  requestTicketInfo: (ticketId: string, body: Body<typeof infoRequestInput>, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/info-request`, body, version),
  resolveTicket: (ticketId: string, body: Body<typeof resolutionInput>, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/resolve`, body, version),
  closeTicket: (ticketId: string, body: Body<typeof closeInput>, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/close`, body, version),
  reopenTicket: (ticketId: string, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/reopen`, {}, version),
  markOutOfScope: (ticketId: string, body: Body<typeof outOfScopeInput>, version?: number) =>
    postAt<TicketSummary>(`/tickets/${ticketId}/out-of-scope`, body, version),
  createRemoteSession: (ticketId: string, body: Body<typeof remoteSessionInput>, version?: number) =>
    postAt<RemoteSession>(`/tickets/${ticketId}/remote-sessions`, body, version),
  mergeTicket: (ticketId: string, body: Body<typeof mergeInput>, version?: number) =>
    postAt<{ duplicate: TicketSummary; original: TicketSummary }>(
      `/tickets/${ticketId}/merge`,
      body,
      version,
    ),
  bulkUpdateTickets: (body: Body<typeof bulkUpdateInput>) => post<BulkResult>('/tickets/bulk', body),
  createPhoneRequest: (body: Body<typeof phoneRequestInput>) => post<TicketSummary>('/tickets/phone', body),
  getCustomerContext: (ticketId: string) => get<CustomerContext>(`/tickets/${ticketId}/context`),
  listWorklog: (ticketId: string) => get<Worklog>(`/tickets/${ticketId}/worklog`),
  createWorklogEntry: (ticketId: string, body: Body<typeof worklogInput>) =>
    post<WorklogEntry>(`/tickets/${ticketId}/worklog`, body),
  listMacros: () => get<Macro[]>('/macros'),
  createMacro: (body: Body<typeof macroInput>) => post<Macro>('/macros', body),
  updateMacro: (macroId: string, body: Body<typeof macroUpdateInput>) =>
    patch<Macro>(`/macros/${macroId}`, body),
  deleteMacro: (macroId: string) => remove<undefined>(`/macros/${macroId}`),
  previewMacro: (ticketId: string, macroId: string) =>
    get<MacroPreview>(`/tickets/${ticketId}/macros/${macroId}/preview`),
  applyMacro: (ticketId: string, body: Body<typeof applyMacroInput>) =>
    post<TicketSummary>(`/tickets/${ticketId}/macro`, body),
  listTags: () => get<Tag[]>('/tags'),
  createTag: (body: Body<typeof tagInput>) => post<Tag>('/tags', body),
  deleteTag: (tagId: string) => remove<undefined>(`/tags/${tagId}`),
  tagTicket: (ticketId: string, tagIds: string[]) =>
    post<TicketSummary>(`/tickets/${ticketId}/tags`, { tagIds }),
  untagTicket: (ticketId: string, tagId: string) =>
    remove<TicketSummary>(`/tickets/${ticketId}/tags/${tagId}`),
  listViews: () => get<SavedView[]>('/views'),
  createView: (body: Body<typeof viewInput>) => post<SavedView>('/views', body),
  updateView: (viewId: string, body: Body<typeof viewUpdateInput>) =>
    patch<SavedView>(`/views/${viewId}`, body),
  deleteView: (viewId: string) => remove<undefined>(`/views/${viewId}`),
  listNotifications: () => get<Notification[]>('/notifications?limit=20'),
  countUnreadNotifications: () => get<{ unread: number }>('/notifications/unread-count'),
  markNotificationsRead: (body: NotificationsReadInput) =>
    post<{ marked: number }>('/notifications/read', body),
  getNotificationSettings: () => get<NotificationSettings>('/me/notification-settings'),
  updateNotificationSettings: (body: Body<typeof notificationSettingsInput>) =>
    put<NotificationSettings>('/me/notification-settings', body),
  announcePresence: (ticketId: string, body: Body<typeof presenceInput>) =>
    post<PresentPerson[]>(`/tickets/${ticketId}/presence`, body),
  listPresence: (ticketId: string) => get<PresentPerson[]>(`/tickets/${ticketId}/presence`),
  uploadAttachment: (form: FormData) => post<UploadedAttachment>('/attachments', form),

  listReleases: () => get<Release[]>('/releases'),
  publishRelease: (body: Body<typeof releaseInput>) => post<Release>('/releases', body),
  addReleaseFile: (releaseId: string, form: FormData) =>
    post<ReleaseFile>(`/releases/${releaseId}/files`, form),
  listDocumentation: () => get<DocumentationPage[]>('/documentation'),
  addDocumentation: (body: Body<typeof documentationInput>) =>
    post<DocumentationPage>('/documentation', body),
  rateTicket: (ticketId: string, body: Body<typeof ticketRatingInput>) =>
    post<Satisfaction>(`/tickets/${ticketId}/satisfaction`, body),
  rateByLink: (body: Body<typeof linkRatingInput>) => post<RatedRequest>('/satisfaction/ratings', body),
  commentByLink: (body: Body<typeof linkCommentInput>) => post<RatedRequest>('/satisfaction/comments', body),
  recordSuggestionOpened: (pageId: string, body: Body<typeof suggestionOpenedInput>) =>
    post<undefined>(`/documentation/${pageId}/suggestion-opens`, body),
  listWebhooks: () => get<Webhook[]>('/webhooks'),
  createWebhook: (body: Body<typeof webhookInput>) => post<CreatedWebhook>('/webhooks', body),
  deleteWebhook: (webhookId: string) => remove<undefined>(`/webhooks/${webhookId}`),
  listWebhookDeliveries: (webhookId: string) =>
    get<WebhookDelivery[]>(`/webhooks/${webhookId}/deliveries${query({ limit: 100 })}`),
  report: <Rows>(name: string, period: { from: string; to: string }) =>
    get<Rows>(`/reports/${name}${query(period)}`),
  reportTable: (name: string, period: { from: string; to: string }) =>
    get<ReportTable>(`/reports/${name}${query({ ...period, format: 'table' })}`),
};

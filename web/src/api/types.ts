/** The shapes the desk's API answers with (see /api/openapi.json); only what the screens read. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
export type Status = 'new' | 'in_progress' | 'waiting_for_customer' | 'resolved' | 'closed';
export const STATUSES: Status[] = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'];
export type Level = 'standard' | 'extended';
export type Category = 'problem' | 'consultation';
export type Role = 'admin' | 'agent' | 'partner' | 'contact';
export type Language = 'ru' | 'en';

export interface Principal {
  type: 'agent' | 'contact';
  id: string;
  name: string;
  email: string;
  language: Language;
  role: Role;
  organizationId: string | null;
}

export interface Session {
  principal: Principal;
  csrfToken: string | null;
}

export interface Countdown {
  remainingMs: number;
  used: number;
  running: boolean;
}

export interface TicketSummary {
  id: string;
  number: string;
  organizationId: string;
  contactId: string;
  instanceId: string;
  level: Level;
  severity: Severity;
  status: Status;
  category: Category;
  outOfScope: boolean;
  channel: 'portal' | 'email' | 'telegram' | 'api';
  subject: string;
  assigneeId: string | null;
  registeredAt: string;
  responseDueAt: string;
  firstResponseAt: string | null;
  breached: boolean;
  autoCloseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  splitFromId: string | null;
  policyVersion: string;
  countdown: Countdown | null;
}

export interface TicketPage {
  items: TicketSummary[];
  nextCursor: string | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface Message {
  id: string;
  authorType: string;
  authorId: string | null;
  authorName: string;
  visibility: 'public' | 'internal';
  kind: string;
  body: string;
  channel: string | null;
  createdAt: string;
  attachments: Attachment[];
}

export interface HistoryEvent {
  at: string;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface RemoteSession {
  id: string;
  startedAt: string;
  durationMinutes: number;
  engineerId: string;
  outcome: string;
  recommendations: string;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  contact: { id: string; name: string; email: string } | null;
  instance: { id: string; name: string; environment: string } | null;
  sla: {
    dueAt: string;
    clock: 'business' | 'daily';
    respondedAt: string | null;
    remainingMs: number | null;
    used: number | null;
    running: boolean;
    breached: boolean;
    explanation: string[];
  };
  messages: Message[];
  splitFrom: { id: string; number: string } | null;
  splitInto: { id: string; number: string }[];
  remoteSessions: RemoteSession[];
  history: HistoryEvent[];
}

export type Validity = 'upcoming' | 'active' | 'expired';

export interface Product {
  id: string;
  code: string;
  name: string;
}

export interface License {
  id: string;
  organizationId: string;
  number: string;
  validFrom: string;
  validTo: string | null;
  status: Validity;
  products: Product[];
}

export interface Instance {
  id: string;
  organizationId: string;
  productId: string;
  name: string;
  environment: 'production' | 'test' | 'development';
  version: string;
}

export interface Certificate {
  id: string;
  organizationId: string;
  number: string;
  level: Level;
  validFrom: string;
  validTo: string;
  status: Validity;
  maxInstances: number;
  instanceIds: string[];
}

export interface Contact {
  id: string;
  organizationId: string;
  name: string;
  email: string;
  phone: string | null;
  language: Language;
  active: boolean;
  canSignIn: boolean;
}

export interface Organization {
  id: string;
  name: string;
  inn: string | null;
}

export interface OrganizationDetail extends Organization {
  licenses: License[];
  instances: Instance[];
  certificates: Certificate[];
  contacts: Contact[];
}

export interface EntitlementCheck {
  allowed: boolean;
  reason: string | null;
  message: string;
  level: Level | null;
}

export interface Agent {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'agent' | 'partner';
  active: boolean;
}

export type ResponseRule = { clock: 'business' | 'daily'; hours?: number; workingDays?: number };

export interface PolicyVersion {
  id: string;
  name: string;
  effectiveFrom: string;
  workingDayHours: number;
  response: Record<Level, Record<Severity, ResponseRule>>;
  autoClose: { clock: string; workingDays?: number; hours?: number };
  channels: Record<string, 'always' | 'business' | 'daily'>;
}

export interface CalendarDay {
  date: string;
  weekday: number;
  working: boolean;
  shortened: boolean;
  kind: 'regular' | 'weekend' | 'holiday' | 'dayOff' | 'short' | 'workday';
  name: string | null;
  nameEn: string | null;
  transferredFrom: string | null;
  source: 'rule' | 'official' | 'override' | 'fallback';
  hours: { opensAt: string; closesAt: string } | null;
}

export interface CalendarMonth {
  month: string;
  source: string;
  days: CalendarDay[];
  totals: { workingDays: number; deskHours: number; normHours40: number };
}

export interface CalendarOverride {
  date: string;
  type: string;
  name: string | null;
  createdAt: string;
  createdBy: string;
}

export interface IntakeRejection {
  id: string;
  at: string;
  channel: string;
  reason: string;
  contactId: string | null;
  sender: string | null;
  organizationId: string | null;
  instanceId: string | null;
  severity: string | null;
  subject: string | null;
  description: string | null;
}

export interface OutboxEntry {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: string;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed';
  deliveredAt: string | null;
  lastError: string | null;
}

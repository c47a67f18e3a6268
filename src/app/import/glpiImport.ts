import { eq, sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import { agentInput } from '../../contract/agents.js';
import { contactInput, organizationInput } from '../../contract/organizations.js';
import { writtenPhoneToE164 } from '../../contract/phone.js';
import { agents, contacts, organizations } from '../../db/schema.js';
import type { GlpiMapping } from '../../domain/glpi/glpiMapping.js';
import { decodeGlpiText, glpiPersonName, parentPath } from '../../domain/glpi/glpiText.js';
import { createAgent, updateAgent } from '../accounts/agents.js';
import type { AppContext } from '../context.js';
import { createContact, updateContact } from '../customers/contacts.js';
import { createOrganization, updateOrganization } from '../customers/organizations.js';
import type { GlpiEntity, GlpiFiles, GlpiSource, GlpiUser } from '../ports/glpiSource.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import type { SkippedRecord } from './glpiTicketPlan.js';
import { importGlpiTickets } from './glpiTickets.js';
import { fingerprintOf, type MappingKind, mappingOf, remember } from './importMappings.js';

/** What the import writes is audited under its own name. */
const importer: Actor = { type: 'system', name: 'glpi import' };

export interface GlpiImportOptions {
  /** The GLPI entities that are customers; every entity but the root when not given. */
  entityIds: number[] | null;
  /** GLPI's files folder, where its documents' contents lie. */
  files: GlpiFiles;
  /** How GLPI's statuses and priorities map; the default table with an operator's overrides. */
  mapping: GlpiMapping;
  /** Reads and reports everything, writes nothing. */
  dryRun: boolean;
  /** Told how far the run is, every thousand records or so. */
  onProgress?: (kind: string, done: number) => void;
}

export interface GlpiImportReport {
  organizations: number;
  contacts: number;
  agents: number;
  tickets: number;
  messages: number;
  attachments: number;
  skipped: SkippedRecord[];
}

const GLPI = 'glpi';
const PROGRESS_EVERY = 1_000;
/** People written in one transaction. */
const PEOPLE_TOGETHER = 200;

async function* inGroups<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let group: T[] = [];
  for await (const item of items) {
    group.push(item);
    if (group.length === size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}
const mappingOfGlpi = (ctx: AppContext, kind: MappingKind, id: number) =>
  mappingOf(ctx.db, GLPI, kind, String(id));
const rememberGlpi = (ctx: AppContext, kind: MappingKind, id: number, localId: string, fingerprint: string) =>
  remember(ctx.db, GLPI, [{ kind, externalId: String(id), localId, fingerprint }], ctx.clock.now());

/** Why a record could not be taken, in words for the report. */
function reasonOf(error: unknown): string {
  if (error instanceof ZodError)
    return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  if (error instanceof AppError) return `${error.code}${error.field ? ` (${error.field})` : ''}`;
  throw error;
}

/**
 * Takes a GLPI database's customers and people into the desk (docs/glpi-import.md): chosen entities
 * become organizations, self-service users contacts, technicians agents (mailed an invitation). Every
 * GLPI id taken is recorded, so a second run adds only what is new or changed, never a duplicate; a record
 * that cannot be taken is skipped with its reason, and the run goes on.
 */
export async function importGlpi(
  ctx: AppContext,
  source: GlpiSource,
  options: GlpiImportOptions,
): Promise<GlpiImportReport> {
  const report: GlpiImportReport = {
    organizations: 0,
    contacts: 0,
    agents: 0,
    tickets: 0,
    messages: 0,
    attachments: 0,
    skipped: [],
  };
  const organizationOf = new Map<number, string>();
  const entities: GlpiEntity[] = [];
  for await (const entity of source.entities()) entities.push(entity);
  const chosen = options.entityIds
    ? entities.filter((entity) => options.entityIds?.includes(entity.id))
    : entities.filter((entity) => entity.parentId !== null);
  for (const wanted of options.entityIds ?? []) {
    if (!entities.some((entity) => entity.id === wanted)) {
      report.skipped.push({ kind: 'entity', id: wanted, reason: 'no such entity in GLPI' });
    }
  }
  for (const entity of chosen) {
    const result = await importEntity(ctx, entity, options.dryRun).catch((error: unknown) => {
      report.skipped.push({ kind: 'entity', id: entity.id, reason: reasonOf(error) });
      return null;
    });
    if (!result) continue;
    organizationOf.set(entity.id, result.id);
    if (result.changed) report.organizations += 1;
  }

  let peopleSeen = 0;
  for await (const group of inGroups(source.users(), PEOPLE_TOGETHER)) {
    // A group in one transaction, each person in a savepoint of it: one commit for many people, and
    // one who cannot be written is rolled back alone.
    await ctx.db.transaction(async (tx) => {
      for (const user of group) {
        peopleSeen += 1;
        if (peopleSeen % PROGRESS_EVERY === 0) options.onProgress?.('people', peopleSeen);
        const result = await tx
          .transaction((savepoint) =>
            importUser({ ...ctx, db: savepoint }, user, organizationOf, options.dryRun),
          )
          .catch((error: unknown) => ({ skipped: reasonOf(error) }));
        if ('skipped' in result) {
          if (result.skipped) report.skipped.push({ kind: 'user', id: user.id, reason: result.skipped });
          continue;
        }
        if (result.changed) report[result.kind === 'agent' ? 'agents' : 'contacts'] += 1;
      }
    });
  }

  const taken = await importGlpiTickets(ctx, source.tickets(), {
    importer,
    mapping: options.mapping,
    organizationOf,
    files: options.files,
    dryRun: options.dryRun,
    onProgress: options.onProgress,
  });
  report.tickets = taken.tickets;
  report.messages = taken.messages;
  report.attachments = taken.attachments;
  report.skipped.push(...taken.skipped);
  return report;
}

async function importEntity(ctx: AppContext, entity: GlpiEntity, dryRun: boolean) {
  const parent = entity.parentId === null ? null : parentPath(entity.completeName);
  const wanted = { name: decodeGlpiText(entity.name), note: parent ? `GLPI: ${parent}` : null };
  organizationInput.parse(wanted);
  const fingerprint = fingerprintOf(wanted);
  const known = await mappingOfGlpi(ctx, 'entity', entity.id);
  if (known?.fingerprint === fingerprint) return { id: known.localId, changed: false };
  if (dryRun) return { id: known?.localId ?? `dry-run:${entity.id}`, changed: true };
  if (known) {
    await updateOrganization(ctx, importer, known.localId, { name: wanted.name });
    await ctx.db.update(organizations).set({ note: wanted.note }).where(eq(organizations.id, known.localId));
    await rememberGlpi(ctx, 'entity', entity.id, known.localId, fingerprint);
    return { id: known.localId, changed: true };
  }
  // Two entities of one name under different parents: the second is named by its whole path.
  const [taken] = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`lower(${organizations.name}) = lower(${wanted.name})`);
  const name = taken ? decodeGlpiText(entity.completeName) : wanted.name;
  const created = await createOrganization(
    ctx,
    importer,
    organizationInput.parse({ name, note: wanted.note }),
  );
  await rememberGlpi(ctx, 'entity', entity.id, created.id, fingerprint);
  return { id: created.id, changed: true };
}

type UserOutcome = { kind: 'agent' | 'contact'; changed: boolean } | { skipped: string | null };

async function importUser(
  ctx: AppContext,
  user: GlpiUser,
  organizationOf: Map<number, string>,
  dryRun: boolean,
): Promise<UserOutcome> {
  if (user.deleted) return { skipped: 'in the GLPI trash' };
  const [email, ...otherEmails] = user.emails.map((address) => decodeGlpiText(address).toLowerCase());
  if (user.interfaces.includes('central')) {
    if (!email) return { skipped: 'a technician without an e-mail address' };
    return importAgent(ctx, user, email, dryRun);
  }
  if (!user.interfaces.includes('helpdesk')) return { skipped: 'no profile' };
  const organizationId = user.entityIds.map((entity) => organizationOf.get(entity)).find(Boolean);
  // Someone of an entity that is not a customer is not a contact here: said once, quietly.
  if (!organizationId) return { skipped: 'not in a customer entity' };
  if (!email) return { skipped: 'no e-mail address' };
  const phone = user.phones.map((written) => writtenPhoneToE164(written)).find(Boolean) ?? null;
  const wanted = {
    organizationId,
    name: glpiPersonName(user),
    email,
    otherEmails,
    phone,
    active: user.active,
  };
  // Checked as the contact form checks it, also on a dry run: a bad address is reported, not written.
  const input = contactInput.parse({ name: wanted.name, email, phone, active: wanted.active, invite: false });
  const fingerprint = fingerprintOf(wanted);
  const known = await mappingOfGlpi(ctx, 'contact', user.id);
  if (known?.fingerprint === fingerprint) return { kind: 'contact', changed: false };
  if (dryRun) return { kind: 'contact', changed: true };
  let contactId = known?.localId;
  if (contactId) {
    await updateContact(ctx, importer, contactId, { name: wanted.name, email, phone, active: wanted.active });
  } else {
    // A contact made by an earlier run that stopped before it could record the mapping is taken over.
    const [existing] = await ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(sql`lower(${contacts.email}) = ${email}`);
    contactId = existing?.id ?? (await createContact(ctx, importer, organizationId, input)).id;
  }
  await ctx.db.update(contacts).set({ otherEmails }).where(eq(contacts.id, contactId));
  await rememberGlpi(ctx, 'contact', user.id, contactId, fingerprint);
  return { kind: 'contact', changed: true };
}

async function importAgent(
  ctx: AppContext,
  user: GlpiUser,
  email: string,
  dryRun: boolean,
): Promise<UserOutcome> {
  const wanted = { name: glpiPersonName(user), email, active: user.active };
  const input = agentInput.parse({ name: wanted.name, email, role: 'agent' });
  const fingerprint = fingerprintOf(wanted);
  const known = await mappingOfGlpi(ctx, 'agent', user.id);
  if (known?.fingerprint === fingerprint) return { kind: 'agent', changed: false };
  if (dryRun) return { kind: 'agent', changed: true };
  const [existing] = await ctx.db
    .select({ id: agents.id })
    .from(agents)
    .where(sql`lower(${agents.email}) = ${email}`);
  let agentId = known?.localId ?? existing?.id;
  if (!agentId) {
    // No password: an active technician is mailed an invitation to choose one.
    agentId = (await createAgent(ctx, importer, input)).id;
  }
  // Through the use case: a technician GLPI deactivated has their sessions and tokens end here too.
  await updateAgent(ctx, importer, agentId, { name: wanted.name, active: wanted.active });
  await rememberGlpi(ctx, 'agent', user.id, agentId, fingerprint);
  return { kind: 'agent', changed: true };
}

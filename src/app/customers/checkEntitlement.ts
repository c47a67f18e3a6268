import type { EntitlementCheckInput } from '../../contract/entitlement.js';
import {
  type ContactRow,
  entitlementFacts,
  findContact,
  findContactByEmail,
  findInstance,
} from '../../db/repositories/entitlementRecords.js';
import { decideEntitlement, type EntitlementDecision } from '../../domain/entitlement/entitlement.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { requireVisibleOrganization } from './organizationAccess.js';

export interface EntitlementCheck {
  decision: EntitlementDecision;
  at: Date;
  contactId: string | null;
  instanceId: string;
}

/**
 * May this contact file a request for this instance now (or at `at`)? Every channel asks this
 * before registering a request. A contact may ask only about itself; support may ask about anyone.
 */
export async function checkEntitlement(
  ctx: AppContext,
  actor: Actor,
  input: EntitlementCheckInput,
): Promise<EntitlementCheck> {
  const identity = contactIdentity(actor, input);
  const instance = await findInstance(ctx.db, input.instanceId);
  if (!instance) throw notFound();
  await requireVisibleOrganization(ctx.db, actor, instance.organizationId);

  const contact = await findContactBy(ctx, identity);
  const at = input.at ? new Date(input.at) : ctx.clock.now();
  const facts = await entitlementFacts(ctx.db, instance.organizationId);
  const decision = decideEntitlement({ contact: contact ?? null, instance, ...facts, at });
  return { decision, at, contactId: contact?.id ?? null, instanceId: instance.id };
}

type ContactIdentity = { contactId: string } | { contactEmail: string };

function contactIdentity(actor: Actor, input: EntitlementCheckInput): ContactIdentity {
  if (input.contactId && input.contactEmail) {
    throw new AppError('invalid', 'contact_identity_required', 'contactEmail');
  }
  if (actor.type === 'contact') {
    // A contact asks about itself only; naming anybody else looks exactly like naming nobody.
    if (input.contactId && input.contactId !== actor.id) throw notFound();
    if (input.contactEmail && input.contactEmail !== actor.email) throw notFound();
    return { contactId: actor.id };
  }
  if (input.contactId) return { contactId: input.contactId };
  if (input.contactEmail) return { contactEmail: input.contactEmail };
  throw new AppError('invalid', 'contact_identity_required', 'contactId');
}

function findContactBy(ctx: AppContext, identity: ContactIdentity): Promise<ContactRow | undefined> {
  return 'contactId' in identity
    ? findContact(ctx.db, identity.contactId)
    : findContactByEmail(ctx.db, identity.contactEmail);
}

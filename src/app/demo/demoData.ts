import { inArray, sql } from 'drizzle-orm';
import { agentInput } from '../../contract/agents.js';
import { macroInput } from '../../contract/macros.js';
import {
  certificateInput,
  contactInput,
  instanceInput,
  licenseInput,
  organizationInput,
} from '../../contract/organizations.js';
import { productInput } from '../../contract/products.js';
import { tagInput } from '../../contract/tags.js';
import { viewInput } from '../../contract/views.js';
import { rowsOf } from '../../db/database.js';
import { agents, contacts } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { createAgent } from '../accounts/agents.js';
import type { AppContext } from '../context.js';
import { createCertificate } from '../customers/certificates.js';
import { createContact } from '../customers/contacts.js';
import { createInstance } from '../customers/instances.js';
import { createLicense } from '../customers/licenses.js';
import { createOrganization } from '../customers/organizations.js';
import { createProduct } from '../customers/products.js';
import { createMacro } from '../macros/macros.js';
import type { Actor } from '../shared/actor.js';
import { createView } from '../tickets/savedViews.js';
import { createTag } from '../tickets/tags.js';

/** The fixed demo sign-ins; published in the README, so they must never exist in production. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@supportdesk.example', password: 'admin-demo-2026', who: 'administrator' },
  { email: 'irina.sokolova@supportdesk.example', password: 'agent-demo-2026', who: 'agent' },
  { email: 'pavel.orlov@supportdesk.example', password: 'agent-demo-2026', who: 'agent' },
  { email: 'dmitry.kim@integrator.example', password: 'partner-demo-2026', who: 'partner engineer' },
  { email: 'anna.petrova@baltlog.example', password: 'contact-demo-2026', who: 'contact, Standard customer' },
  {
    email: 'sergey.ivanov@uralenergo.example',
    password: 'contact-demo-2026',
    who: 'contact, Extended customer',
  },
] as const;

const DAY_MS = 86_400_000;
const loader: Actor = { type: 'system', name: 'demo' };

function password(email: string): string {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.email === email);
  if (!account) throw new Error(`no demo password for ${email}`);
  return account.password;
}

/**
 * Loads the demo world into an empty database through the same use cases (and the same input
 * checks) as every other channel. Returns false, loading nothing, when the database has data.
 */
export async function loadDemoData(ctx: AppContext): Promise<boolean> {
  const [counts] = await rowsOf<{ organizations: number; agents: number }>(
    ctx.db,
    sql`select (select count(*)::int from organizations) as organizations, (select count(*)::int from agents) as agents`,
  );
  if ((counts?.organizations ?? 0) > 0 || (counts?.agents ?? 0) > 0) return false;

  const now = ctx.clock.now();
  const day = (offsetDays: number) => moscowDate(new Date(now.getTime() + offsetDays * DAY_MS));

  const product: Record<string, string> = {};
  for (const [code, name, description] of [
    ['ESB', 'ESB', 'Enterprise service bus: routing and transformation of messages between systems'],
    ['REGISTRY', 'Registry', 'Master data registry'],
    ['SCHEDULER', 'Scheduler', 'Scheduling of jobs and integration flows'],
    ['DATA', 'Data', 'Data storage and query services'],
    ['ETL', 'ETL', 'Extract, transform and load pipelines'],
  ] as const) {
    product[code] = (await createProduct(ctx, loader, productInput.parse({ code, name, description }))).id;
  }

  for (const [name, email, role] of [
    ['Администратор Supportdesk', 'admin@supportdesk.example', 'admin'],
    ['Ирина Соколова', 'irina.sokolova@supportdesk.example', 'agent'],
    ['Павел Орлов', 'pavel.orlov@supportdesk.example', 'agent'],
    ['Дмитрий Ким (ООО «Интегратор»)', 'dmitry.kim@integrator.example', 'partner'],
  ] as const) {
    await createAgent(ctx, loader, agentInput.parse({ name, email, role, password: password(email) }));
  }

  const baltlog = await createOrganization(
    ctx,
    loader,
    organizationInput.parse({
      name: 'АО «Балтийская логистика»',
      inn: '7801234564',
      kpp: '780101001',
      ogrn: '1027800000018',
    }),
  );
  await createLicense(
    ctx,
    loader,
    baltlog.id,
    licenseInput.parse({
      number: 'ЛД-2024-0117',
      productIds: [product.ESB, product.REGISTRY],
      validFrom: '2024-02-01',
      validTo: null,
    }),
  );
  const addInstance =
    (organizationId: string) => async (code: string, name: string, environment: string, version: string) =>
      (
        await createInstance(
          ctx,
          loader,
          organizationId,
          instanceInput.parse({ productId: product[code], name, environment, version }),
        )
      ).id;
  const baltlogInstance = addInstance(baltlog.id);
  const baltlogEsbProduction = await baltlogInstance('ESB', 'esb-prod-spb', 'production', '4.2.1');
  const baltlogRegistryProduction = await baltlogInstance(
    'REGISTRY',
    'registry-prod-spb',
    'production',
    '2.8.0',
  );
  await baltlogInstance('ESB', 'esb-test-spb', 'test', '4.3.0-rc1');
  await createCertificate(
    ctx,
    loader,
    baltlog.id,
    certificateInput.parse({
      number: 'СТП-С-2026-0042',
      level: 'standard',
      validFrom: day(-120),
      validTo: day(245),
      maxInstances: 2,
      instanceIds: [baltlogEsbProduction, baltlogRegistryProduction],
    }),
  );
  await createContact(
    ctx,
    loader,
    baltlog.id,
    contactInput.parse({
      name: 'Анна Петрова',
      email: 'anna.petrova@baltlog.example',
      phone: '+78123334455',
      language: 'ru',
      password: password('anna.petrova@baltlog.example'),
    }),
  );
  await createContact(
    ctx,
    loader,
    baltlog.id,
    contactInput.parse({ name: 'Олег Смирнов', email: 'oleg.smirnov@baltlog.example', active: false }),
  );

  const uralenergo = await createOrganization(
    ctx,
    loader,
    organizationInput.parse({
      name: 'ПАО «Уралэнергосбыт»',
      inn: '6601987657',
      kpp: '660101001',
      ogrn: '1026600000020',
    }),
  );
  await createLicense(
    ctx,
    loader,
    uralenergo.id,
    licenseInput.parse({
      number: 'ЛД-2023-0981',
      productIds: [product.ESB, product.SCHEDULER, product.DATA, product.ETL],
      validFrom: '2023-11-15',
      validTo: day(600),
    }),
  );
  const uralInstance = addInstance(uralenergo.id);
  const covered = [
    await uralInstance('ESB', 'esb-prod-ekb', 'production', '4.2.1'),
    await uralInstance('SCHEDULER', 'scheduler-prod-ekb', 'production', '1.9.3'),
    await uralInstance('ETL', 'etl-prod-ekb', 'production', '3.1.0'),
    await uralInstance('DATA', 'data-test-ekb', 'test', '5.0.2'),
  ];
  await createCertificate(
    ctx,
    loader,
    uralenergo.id,
    certificateInput.parse({
      number: 'СТП-Р-2025-0007',
      level: 'standard',
      validFrom: day(-500),
      validTo: day(-136),
      maxInstances: 2,
      instanceIds: covered.slice(0, 2),
    }),
  );
  await createCertificate(
    ctx,
    loader,
    uralenergo.id,
    certificateInput.parse({
      number: 'СТП-Р-2026-0019',
      level: 'extended',
      validFrom: day(-135),
      validTo: day(230),
      maxInstances: 5,
      instanceIds: covered,
    }),
  );
  await createContact(
    ctx,
    loader,
    uralenergo.id,
    contactInput.parse({
      name: 'Сергей Иванов',
      email: 'sergey.ivanov@uralenergo.example',
      phone: '+73432223344',
      language: 'ru',
      password: password('sergey.ivanov@uralenergo.example'),
    }),
  );
  await createContact(
    ctx,
    loader,
    uralenergo.id,
    contactInput.parse({
      name: 'Elena Novak',
      email: 'elena.novak@uralenergo.example',
      phone: '+420601234567',
      language: 'en',
      // She writes by mail only; the demo mails nobody an invitation.
      invite: false,
    }),
  );
  await loadTeamTools(ctx, loader);
  return true;
}

/** What the team works with from the first day: tags, a shared macro and a shared view of the queue. */
async function loadTeamTools(ctx: AppContext, loader: Actor) {
  const tag = (name: string, color: string) => createTag(ctx, loader, tagInput.parse({ name, color }));
  const integration = await tag('интеграция-1С', 'blue');
  await tag('обновление', 'teal');
  await createMacro(
    ctx,
    loader,
    macroInput.parse({
      title: 'Просим журналы',
      body:
        'Здравствуйте, {{contact.name}}!\n\nЧтобы разобраться с запросом {{ticket.number}} ({{instance.name}}), ' +
        'пришлите, пожалуйста, журналы {{product.name}} за время сбоя.\n\n{{agent.name}}',
      actions: { status: 'waiting_for_customer', assignee: 'self', tagIds: [integration.id] },
      shared: true,
    }),
  );
  await createView(
    ctx,
    loader,
    viewInput.parse({
      name: 'Критичные без исполнителя',
      query: {
        severity: ['critical', 'high'],
        assigneeId: 'none',
        status: ['new', 'in_progress', 'waiting_for_customer'],
      },
      shared: true,
    }),
  );
}

/** The demo accounts present in a database, for the production start-up warning. */
export async function findDemoAccounts(ctx: AppContext): Promise<string[]> {
  const emails = DEMO_ACCOUNTS.map((account) => account.email);
  const [agentRows, contactRows] = await Promise.all([
    ctx.db.select({ email: agents.email }).from(agents).where(inArray(agents.email, emails)),
    ctx.db.select({ email: contacts.email }).from(contacts).where(inArray(contacts.email, emails)),
  ]);
  return [...agentRows, ...contactRows].map((row) => row.email);
}

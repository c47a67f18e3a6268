import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTP_POOL_CONNECTIONS } from '../src/channels/email/smtpSender.js';
import { freePort, type Served, serve } from './support/cli.js';
import { callOverHttp, type HttpSession, signInOverHttp, writeWithRetries } from './support/cluster.js';
import { createPostgresDatabase } from './support/databases.js';
import { startHaproxy } from './support/haproxy.js';
import { SmtpSink } from './support/mail.js';
import { fileForm } from './support/multipart.js';
import { startS3 } from './support/s3.js';
import { ADMIN, AGENT, STANDARD_CONTACT } from './support/testDesk.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const INSTANCES = 3;
/** Clients writing at once through the balancer: each files a request, then support answers it. */
const LANES = 6;
/** Requests filed in each phase: before the kill, while an instance is down, after it is back. */
const PER_PHASE = 24;
/** How long before a kill the killed instance's last mails may still wait for their note of "sent". */
const KILL_MOMENT_MS = 5_000;

const bare = (messageId: string) => messageId.replace(/^<|>$/g, '');

/** Every file below a folder, by its path inside it. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1));
}

interface Filed {
  id: string;
  subject: string;
  replyBody: string;
}

/**
 * Three desk processes (ROLE=all) on one PostgreSQL behind Debian's HAProxy, with files in an S3
 * server and the limits in Redis. Clients file requests and support answers them through the
 * balancer while one instance is killed (SIGKILL, no goodbye) and started again.
 */
describe.each(serverUrl ? [serverUrl] : [])('three instances behind HAProxy', (url) => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let s3: Awaited<ReturnType<typeof startS3>>;
  let balancer: Awaited<ReturnType<typeof startHaproxy>>;
  let pool: pg.Pool;
  const sink = new SmtpSink();
  const ports: number[] = [];
  const dataDirs: string[] = [];
  const running: (Served | null)[] = [];
  let instanceEnv: (index: number) => Record<string, string>;

  const direct = (index: number) => `http://127.0.0.1:${ports[index]}`;

  async function startInstance(index: number, demo: boolean) {
    running[index] = await serve(demo ? ['--demo'] : [], instanceEnv(index));
  }

  async function stopInstance(index: number, signal: NodeJS.Signals) {
    const served = running[index];
    running[index] = null;
    if (!served) return;
    served.child.kill(signal);
    await served.exited;
  }

  beforeAll(async () => {
    database = await createPostgresDatabase(url);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    s3 = await startS3();
    await sink.start();
    const redisPrefix = `supportdesk-cluster-${randomBytes(6).toString('hex')}:`;
    for (let index = 0; index < INSTANCES; index += 1) {
      ports.push(await freePort());
      dataDirs.push(mkdtempSync(join(tmpdir(), `supportdesk-instance-${index}-`)));
    }
    instanceEnv = (index) => ({
      ...s3.env,
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '6',
      // Each instance has a folder of its own: nothing may pass between them through a local disk.
      DATA_DIR: dataDirs[index] ?? '',
      PORT: String(ports[index]),
      SMTP_LISTEN_PORT: '0',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'info',
    });
    // The first start migrates and loads the demo; the others join the same database.
    await startInstance(0, true);
    await Promise.all([1, 2].map((index) => startInstance(index, false)));
    balancer = await startHaproxy(ports);
  }, 120_000);

  afterAll(async () => {
    await balancer?.stop();
    for (let index = 0; index < INSTANCES; index += 1) await stopInstance(index, 'SIGTERM');
    await sink.stop();
    await s3?.stop();
    await pool?.end();
    await database?.drop();
    for (const directory of dataDirs) rmSync(directory, { recursive: true, force: true });
  });

  async function esbInstanceOfBaltlog(admin: HttpSession) {
    const organizations = (await (
      await callOverHttp(balancer.url, admin, 'GET', '/organizations')
    ).json()) as {
      id: string;
      name: string;
    }[];
    const baltlog = organizations.find((organization) => organization.name.includes('Балтийская'));
    const detail = (await (
      await callOverHttp(balancer.url, admin, 'GET', `/organizations/${baltlog?.id}`)
    ).json()) as { instances: { id: string; name: string }[] };
    const instance = detail.instances.find((candidate) => candidate.name === 'esb-prod-spb');
    if (!instance) throw new Error('the demo instance esb-prod-spb is missing');
    return instance.id;
  }

  async function upload(base: string, session: HttpSession, fileName: string, content: Buffer) {
    const form = fileForm(fileName, content);
    const response = await fetch(`${base}/api/v1/attachments`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': form.contentType,
      },
      body: form.payload,
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function downloadDigest(base: string, session: HttpSession, attachmentId: string) {
    const response = await callOverHttp(base, session, 'GET', `/attachments/${attachmentId}`);
    expect(response.status).toBe(200);
    return createHash('sha256')
      .update(Buffer.from(await response.arrayBuffer()))
      .digest('hex');
  }

  async function pendingMail() {
    const { rows } = await pool.query<{ count: number }>(
      `select count(*)::int as count from outbox
        where topic in ('notice.mail', 'mail.refusal') and delivered_at is null and failed_at is null`,
    );
    return rows[0]?.count ?? 0;
  }

  it('files every acknowledged request once, serves every file from every instance, keeps sessions and sends each notice once', async () => {
    const anna = await signInOverHttp(balancer.url, ...STANDARD_CONTACT);
    const irina = await signInOverHttp(balancer.url, ...AGENT);
    const admin = await signInOverHttp(balancer.url, ...ADMIN);
    const instanceId = await esbInstanceOfBaltlog(admin);

    // A log over the multipart threshold of the S3 driver, uploaded to the first instance only.
    const log = randomBytes(6 * 1024 * 1024);
    const logId = await upload(direct(0), anna, 'esb-full.log', log);
    const withFile = await writeWithRetries<{ id: string }>(balancer.url, anna, '/tickets', {
      instanceId,
      severity: 'high',
      subject: 'Кластер: журнал шины',
      description: 'Журнал во вложении.',
      attachmentIds: [logId],
    });

    const filed: Filed[] = [];
    let stop = false;
    let sequence = 0;
    const lane = async () => {
      while (!stop) {
        sequence += 1;
        const subject = `Кластер: запрос ${sequence}`;
        const created = await writeWithRetries<{ id: string; version: number }>(
          balancer.url,
          anna,
          '/tickets',
          {
            instanceId,
            severity: 'medium',
            subject,
            description: 'Очередь заказов стоит.',
          },
        );
        const replyBody = `Ответ на «${subject}»: перезапустите адаптер.`;
        await writeWithRetries(balancer.url, irina, `/tickets/${created.id}/messages`, {
          body: replyBody,
          visibility: 'public',
        });
        filed.push({ id: created.id, subject, replyBody });
      }
    };
    const filedAtLeast = async (count: number) => {
      while (filed.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const lanes = Array.from({ length: LANES }, lane);

    await filedAtLeast(PER_PHASE);
    const killedAt = Date.now();
    await stopInstance(1, 'SIGKILL');
    // The signal takes a few milliseconds to end the process; until then it may still be sending.
    const diedAt = Date.now();
    await filedAtLeast(2 * PER_PHASE);
    await startInstance(1, false);
    await filedAtLeast(3 * PER_PHASE);
    stop = true;
    await Promise.all(lanes);

    // Every request answered 201 is stored once, and every reply once; no retry made a second copy.
    const { rows: stored } = await pool.query<{ id: string; subject: string; replies: number }>(
      `select t.id, t.subject,
              (select count(*)::int from ticket_messages m where m.ticket_id = t.id and m.kind = 'reply') as replies
         from tickets t where t.subject like 'Кластер: запрос %'`,
    );
    expect(stored).toHaveLength(filed.length);
    const byId = new Map(stored.map((row) => [row.id, row]));
    for (const request of filed) {
      expect(byId.get(request.id)?.subject).toBe(request.subject);
      expect(byId.get(request.id)?.replies).toBe(1);
    }
    expect(new Set(stored.map((row) => row.subject)).size).toBe(stored.length);

    // Sessions made before the kill work on every instance, the restarted one included.
    for (let index = 0; index < INSTANCES; index += 1) {
      for (const session of [anna, irina]) {
        const me = await callOverHttp(direct(index), session, 'GET', '/me');
        expect(me.status).toBe(200);
      }
    }

    // The file uploaded to the first instance downloads whole from each, and through the balancer.
    const expected = createHash('sha256').update(log).digest('hex');
    const detail = (await (
      await callOverHttp(balancer.url, anna, 'GET', `/tickets/${withFile.id}`)
    ).json()) as { descriptionAttachments: { id: string }[] };
    const attachmentIds = detail.descriptionAttachments.map((file) => file.id);
    expect(attachmentIds).toEqual([logId]);
    for (let index = 0; index < INSTANCES; index += 1)
      expect(await downloadDigest(direct(index), anna, logId)).toBe(expected);
    expect(await downloadDigest(balancer.url, irina, logId)).toBe(expected);
    // Nothing went to an instance's own folder: the files are in the bucket.
    for (const directory of dataDirs) expect(filesUnder(directory)).toEqual([]);

    // Each notice goes out once. The entries the killed instance held come due again when their
    // claim lapses (30 s) and another instance sends them.
    await expect.poll(pendingMail, { timeout: 90_000, interval: 500 }).toBe(0);
    const { rows: mails } = await pool.query<{ message_id: string; sent_at: Date | null }>(
      'select message_id, sent_at from outbound_mail',
    );
    expect(mails.length).toBeGreaterThanOrEqual(2 * filed.length);
    expect(mails.every((mail) => mail.sent_at !== null)).toBe(true);
    await expect.poll(() => new Set(sink.received.map((mail) => mail.messageId)).size).toBe(mails.length);
    const arrivals = new Map<string, number[]>();
    sink.received.forEach((mail, index) => {
      const messageId = bare(mail.messageId ?? '');
      arrivals.set(messageId, [...(arrivals.get(messageId) ?? []), sink.acceptedAt[index] ?? 0]);
    });
    expect(new Set(arrivals.keys())).toEqual(new Set(mails.map((mail) => bare(mail.message_id))));
    // SMTP cannot tell a sender whether the relay kept a mail when the sender dies between the
    // relay's "250 OK" and its own note that the mail went out. Such a mail goes again, with its
    // Message-ID, by which the receiving server drops the copy. Only a mail first accepted in the
    // moment of the kill (the seconds before it, up to the process's end) may repeat; any other
    // repeat is a delivery taken twice.
    const repeats = [...arrivals.values()].filter((times) => times.length > 1);
    for (const times of repeats) {
      expect(times[0]).toBeGreaterThan(killedAt - KILL_MOMENT_MS);
      expect(times[0]).toBeLessThanOrEqual(diedAt);
    }
    expect(repeats.length).toBeLessThanOrEqual(SMTP_POOL_CONNECTIONS);
  }, 240_000);
});

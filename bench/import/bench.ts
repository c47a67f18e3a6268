/**
 * The GLPI import at the size of a vendor's years of history: 100,000 GLPI tickets with 500,000 followups
 * (rich text as GLPI stores it), 50 customer entities, 2,000 self-service users and 20 technicians, in the
 * machine's MariaDB, taken by `supportdesk import glpi` into PostgreSQL. The importer runs as its own
 * process, as an operator runs it; its resident memory is read while it works. Prints the memory at each
 * quarter of the tickets, the import's own counts, and as the last line one JSON object
 * `{"ticketsPerSecond", "peakRssMb"}`. Target: 1,000 tickets/s, memory that does not grow with the database.
 * BENCH_TICKETS sets another size; BENCH_VERBOSE=1 prints every progress line with the memory beside it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { glpiDatabase } from '../../test/support/glpi.js';
import { benchDatabase } from '../support/desk.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const FOLLOWUPS_PER_TICKET = 5;
const ENTITIES = 50;
const CONTACTS = 2_000;
const TECHNICIANS = 20;
const out = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** GLPI rows made by MariaDB itself (its sequence tables), text encoded as GLPI 10 encodes it. */
async function seedGlpi(db: Awaited<ReturnType<typeof glpiDatabase>>['db']) {
  const paragraph = (words: string) =>
    `concat('&#60;p&#62;', ${words}, '&#60;/p&#62;&#60;p&#62;Журнал: &#60;a href="https://logs.example/', seq, '"&#62;ссылка&#60;/a&#62;&#60;/p&#62;')`;
  await db.query(
    `insert into glpi_entities (id, name, entities_id, completename, level)
     select seq, concat('Заказчик ', seq), 0, concat('Корневая организация > Заказчик ', seq), 2 from seq_1_to_${ENTITIES}`,
  );
  await db.query(
    `insert into glpi_users (id, name, firstname, realname, is_active, is_deleted, entities_id)
     select seq, concat('user', seq), 'Имя', concat('Фамилия', seq), 1, 0, 1 + seq % ${ENTITIES} from seq_1_to_${CONTACTS + TECHNICIANS}`,
  );
  await db.query(
    `insert into glpi_useremails (users_id, email, is_default)
     select seq, concat('user', seq, '@customer', 1 + seq % ${ENTITIES}, '.example'), 1 from seq_1_to_${CONTACTS + TECHNICIANS}`,
  );
  await db.query(
    `insert into glpi_profiles_users (users_id, profiles_id, entities_id)
     select seq, if(seq > ${CONTACTS}, 6, 1), if(seq > ${CONTACTS}, 0, 1 + seq % ${ENTITIES}) from seq_1_to_${CONTACTS + TECHNICIANS}`,
  );
  await db.query(
    `insert into glpi_tickets (id, entities_id, name, content, status, priority, urgency, impact, type, is_deleted,
       date, date_creation, date_mod, takeintoaccountdate, solvedate, closedate, requesttypes_id)
     select seq, 1 + seq % ${ENTITIES}, concat('Запрос ', seq, ': сервер не отвечает'),
       ${paragraph("'Сервер приложений не отвечает после обновления &#38;nbsp;до версии 4.2, в журнале ошибки подключения к базе'")},
       1 + seq % 6, 1 + seq % 5, 3, 3, 1 + seq % 2, 0,
       timestamp '2021-01-01 00:00:00' + interval seq * 30 minute, timestamp '2021-01-01 00:00:00' + interval seq * 30 minute,
       timestamp '2021-01-01 00:00:00' + interval seq * 30 minute + interval 3 day,
       timestamp '2021-01-01 00:00:00' + interval seq * 30 minute + interval 1 hour,
       if(seq % 6 >= 4, timestamp '2021-01-01 00:00:00' + interval seq * 30 minute + interval 2 day, null),
       if(seq % 6 = 5, timestamp '2021-01-01 00:00:00' + interval seq * 30 minute + interval 3 day, null), 1
     from seq_1_to_${TICKETS}`,
  );
  await db.query(
    `insert into glpi_tickets_users (tickets_id, users_id, type)
     select seq, 1 + seq % ${CONTACTS}, 1 from seq_1_to_${TICKETS}
     union all select seq, ${CONTACTS + 1} + seq % ${TECHNICIANS}, 2 from seq_1_to_${TICKETS}`,
  );
  await db.query(
    `insert into glpi_itilfollowups (id, itemtype, items_id, users_id, content, is_private, date, date_creation, requesttypes_id)
     select seq, 'Ticket', 1 + (seq - 1) div ${FOLLOWUPS_PER_TICKET},
       if(seq % 2 = 0, ${CONTACTS + 1} + seq % ${TECHNICIANS}, 1 + ((seq - 1) div ${FOLLOWUPS_PER_TICKET}) % ${CONTACTS}),
       ${paragraph("'Проверьте параметры подключения и пришлите журнал службы за последний час'")},
       seq % 5 = 0, timestamp '2021-01-01 00:00:00' + interval ((seq - 1) div ${FOLLOWUPS_PER_TICKET}) * 30 minute + interval seq % 5 hour,
       timestamp '2021-01-01 00:00:00' + interval ((seq - 1) div ${FOLLOWUPS_PER_TICKET}) * 30 minute + interval seq % 5 hour, 1
     from seq_1_to_${TICKETS * FOLLOWUPS_PER_TICKET}`,
  );
}

/** The importer's resident and peak resident memory, from the kernel's own accounting. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function main() {
  const glpi = await glpiDatabase();
  const desk = await benchDatabase(SERVER_URL, 'bench_import');
  const dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-bench-import-'));
  const filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
  try {
    const seeding = performance.now();
    await seedGlpi(glpi.db);
    out(
      `GLPI: ${TICKETS} tickets, ${TICKETS * FOLLOWUPS_PER_TICKET} followups seeded in ${seconds(seeding)} s`,
    );

    const began = performance.now();
    const importer = spawn(
      process.execPath,
      ['bin/supportdesk.js', 'import', 'glpi', '--database', glpi.url, '--files', filesDir],
      {
        env: { ...process.env, DATABASE_URL: desk.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const pid = importer.pid as number;
    let peakMb = 0;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, memoryOf(pid).peakMb);
    }, 200);
    const quarters = new Set([1, 2, 3, 4].map((quarter) => (TICKETS * quarter) / 4));
    const progress = createInterface({ input: importer.stderr });
    progress.on('line', (line) => {
      if (process.env.BENCH_VERBOSE) out(`${seconds(began)} s ${line} (${memoryOf(pid).rssMb} MB)`);
      const done = /^tickets: (\d+)$/.exec(line);
      if (!done) return;
      const count = Number(done[1]);
      if (quarters.has(count)) {
        const memory = memoryOf(pid);
        out(
          `${count} tickets after ${seconds(began)} s: ${memory.rssMb} MB resident (peak ${memory.peakMb} MB)`,
        );
      }
    });
    let last = '';
    createInterface({ input: importer.stdout }).on('line', (line) => {
      last = line;
    });
    const code = await new Promise<number | null>((resolve) => importer.on('close', resolve));
    clearInterval(sampler);
    if (code !== 0) throw new Error(`the import failed with code ${code}: ${last}`);
    const elapsed = (performance.now() - began) / 1000;
    const report = JSON.parse(last) as { tickets: number; messages: number };
    if (report.tickets !== TICKETS) throw new Error(`imported ${report.tickets} tickets of ${TICKETS}`);
    out(`imported: ${last}`);
    out(`whole run (start-up, people and tickets): ${elapsed.toFixed(1)} s`);
    out(JSON.stringify({ ticketsPerSecond: Math.round(TICKETS / elapsed), peakRssMb: peakMb }));
  } finally {
    await glpi.drop();
    await desk.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  }
}

await main();

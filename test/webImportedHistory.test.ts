import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGlpi } from '../src/app/import/glpiImport.js';
import { openGlpiDatabase } from '../src/channels/glpi/glpiDatabase.js';
import { openGlpiFiles } from '../src/channels/glpi/glpiFiles.js';
import { DEFAULT_GLPI_MAPPING } from '../src/domain/glpi/glpiMapping.js';
import { accessibilityViolations } from './support/accessibility.js';
import { deskInBrowser } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import {
  addEntity,
  addFollowup,
  addTicket,
  addUser,
  type GlpiFixture,
  glpiDatabase,
  glpiEncoded,
} from './support/glpi.js';
import { AGENT } from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** A request brought over from GLPI, as support finds and reads it in Debian's Chromium. */
describe('imported history in a real browser', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;
  let glpi: GlpiFixture;
  let filesDir: string;
  let irina: Page;
  let number: string;

  beforeAll(async () => {
    glpi = await glpiDatabase();
    filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
    await addEntity(glpi.db, 1, 'ООО "Северный порт"', 0);
    await addUser(glpi.db, {
      id: 10,
      login: 'port',
      firstName: 'Пётр',
      realName: 'Лоцманов',
      emails: ['petr@port.test'],
      profiles: [{ profileId: 1, entityId: 1 }],
    });
    await addUser(glpi.db, {
      id: 13,
      login: 'tech',
      firstName: 'Олег',
      realName: 'Сидоров',
      emails: ['oleg@vendor.test'],
      profiles: [{ profileId: 6, entityId: 0 }],
    });
    await addTicket(glpi.db, {
      id: 4711,
      entityId: 1,
      name: 'Портовый терминал не печатает',
      content: glpiEncoded('<p>Терминал <b>не печатает</b> накладные</p><script>alert(1)</script>'),
      status: 2,
      date: '2025-12-31 21:15:00',
      requesterId: 10,
      assigneeId: 13,
    });
    await addFollowup(glpi.db, {
      id: 1,
      ticketId: 4711,
      userId: 13,
      content: glpiEncoded('<p>Проверяем драйвер принтера</p>'),
      date: '2026-01-02 08:00:00',
      private: true,
    });
    desk = await deskInBrowser(pglite);
    const source = await openGlpiDatabase(glpi.url);
    try {
      await importGlpi(desk.desk.ctx, source, {
        entityIds: [1],
        dryRun: false,
        files: await openGlpiFiles(filesDir),
        mapping: DEFAULT_GLPI_MAPPING,
      });
    } finally {
      await source.close();
    }
    irina = await desk.signedIn(AGENT);
  });

  afterAll(async () => {
    await desk?.close();
    await glpi?.drop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('finds the request by its GLPI number and shows it as imported, not as overdue', async () => {
    await irina.goto('/requests');
    const search = irina.getByRole('searchbox', { name: 'Поиск по запросам' });
    await search.fill('GLPI 4711');
    await search.press('Enter');
    const row = irina.locator('tr[data-ticket]').filter({ hasText: 'Портовый терминал не печатает' });
    await row.getByTestId('external-reference').waitFor();
    // The queue before the search may hold the request too: wait for the search's own answer.
    await expect.poll(() => irina.locator('tr[data-ticket]').count()).toBe(1);
    expect(await row.getByTestId('external-reference').textContent()).toBe('GLPI № 4711');
    expect(await row.textContent()).toContain('Перенесён: сроки ответа не отсчитываются');
    number = (await row.getAttribute('data-ticket')) ?? '';
    expect(number).toMatch(/^SD-2026-\d{5}$/);
  });

  it('opens the request with its history and offers only what an imported request allows', async () => {
    await irina.goto(`/requests/${number}`);
    await irina.getByRole('heading', { level: 1, name: 'Портовый терминал не печатает' }).waitFor();
    expect(await irina.getByTestId('external-reference').textContent()).toBe('GLPI № 4711');
    expect(await irina.getByTestId('sla-explanation').count()).toBe(0);
    expect(await irina.getByTestId('due-at').count()).toBe(0);
    await irina.getByText('Терминал не печатает накладные').waitFor();
    await irina.getByText('Проверяем драйвер принтера').waitFor();
    await irina.getByText('Перенесён из GLPI').waitFor();
    // The text came as plain text: nothing of GLPI's markup reached the page.
    expect(await irina.locator('main script').count()).toBe(0);
    expect(await irina.locator('main b').count()).toBe(0);
    expect(await accessibilityViolations(irina)).toEqual([]);
    await irina.getByRole('button', { name: 'Действия' }).click();
    await irina.getByRole('menuitem', { name: 'Решить' }).waitFor();
    expect(await irina.getByRole('menuitem', { name: 'Изменить критичность' }).count()).toBe(0);
    expect(await irina.getByRole('menuitem', { name: 'Разделить' }).count()).toBe(0);
  });
});

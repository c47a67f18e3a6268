import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, rowsOf } from '../src/db/database.js';
import { searchPhrases, ticketDocument, webSearchQuery } from '../src/db/searchDocuments.js';
import { requiredWordPairs } from '../src/domain/tickets/searchPhrases.js';
import { databaseBackends } from './support/databases.js';

/** Requests as support text has them: codes, paths, addresses, stop words, repeats. */
const REQUESTS: [subject: string, description: string][] = [
  ['Доступ не отвечает', 'Сервер доступа отвечает через раз, доступ отвечает ошибкой ERR-2702.'],
  ['Ошибка ERR 2702', 'Доступ к серверу есть, но отвечает он медленно.'],
  [
    'srv-app-12 недоступен',
    'Путь C:\\path\\file.txt не найден, см. https://example.com/a/b и 10.0.0.1:8080.',
  ],
  ['Очередь заказов', 'Заказов в очереди много; очередь заказов стоит. 4.7.7 please check'],
  ['Please check 4.7.7', 'foo-bar,baz and foo.bar/baz after the upgrade'],
  ['Доступ', 'отвечает'],
];

/** What people type: phrases, codes, paths, addresses, OR, left-out words, unbalanced quotes. */
const SEARCHES = [
  '"доступ отвечает"',
  'доступ отвечает',
  '"доступ не отвечает"',
  'ERR-2702',
  '"ERR 2702"',
  '-"доступ отвечает" очередь',
  '"доступ отвечает" OR "очередь заказов"',
  '"очередь заказов" "4.7.7 please"',
  'srv-app-12',
  'C:\\path\\file.txt',
  'https://example.com/a/b',
  '10.0.0.1:8080',
  'foo-bar,baz',
  'foo.bar/baz',
  '"please check" x"a b"y',
  '"доступ отвечает',
  'доступ:* отвеч:*',
];

describe.each(databaseBackends)('phrases found through their word pairs on $name', (backend) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await backend.open();
    await database.migrate();
  });
  afterAll(() => database?.close());

  it('never loses a match: every request a search matches holds each pair the search looks for', async () => {
    let narrowed = 0;
    for (const typed of SEARCHES) {
      const [read] = await rowsOf<{ query: string }>(
        database.db,
        sql`select ${webSearchQuery(typed)}::text as query`,
      );
      const query = read?.query ?? '';
      const pairs = requiredWordPairs(query);
      const requests = await rowsOf<{ matches: boolean; pairs: string[] }>(
        database.db,
        sql`select document @@ ${webSearchQuery(typed)} as matches, ${searchPhrases(sql`document`)} as pairs
          from (select ${ticketDocument(sql`subject`, sql`description`)} as document
            from (values ${sql.join(
              REQUESTS.map(([subject, description]) => sql`(${subject}, ${description})`),
              sql`, `,
            )}) as request(subject, description)) as documents`,
      );
      for (const request of requests.filter((found) => found.matches))
        expect(request.pairs, `${typed} (${query})`).toEqual(expect.arrayContaining(pairs));
      if (requests.some((request) => !pairs.every((pair) => request.pairs.includes(pair)))) narrowed += 1;
    }
    // The pairs do narrow: most of these searches leave out requests that hold their words apart.
    expect(narrowed).toBeGreaterThan(SEARCHES.length / 2);
  });

  it('pairs the words of a phrase as the search reads them, stop words leaving a gap', async () => {
    const pairsOf = async (typed: string) => {
      const [read] = await rowsOf<{ query: string }>(
        database.db,
        sql`select ${webSearchQuery(typed)}::text as query`,
      );
      return requiredWordPairs(read?.query ?? '');
    };
    expect(await pairsOf('"доступ отвечает"')).toEqual(['доступ отвеча']);
    expect(await pairsOf('ERR-2702')).toEqual(['err -2702']);
    expect(await pairsOf('"доступ не отвечает"')).toEqual([]);
    expect(await pairsOf('доступ отвечает')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { LABELS } from '../src/contract/labels.js';
import { EVENT_TYPES } from '../src/domain/events/catalogue.js';
import { NOTICE_NAMES } from '../src/domain/notices/catalogue.js';
import { en as serverEnglish } from '../src/i18n/catalog/en.js';
import { ru as serverRussian } from '../src/i18n/catalog/ru.js';
import { renderNotification } from '../src/i18n/notifications.js';
import { en as webEnglish } from '../web/src/i18n/en.js';
import { ru as webRussian } from '../web/src/i18n/ru.js';

/** A plural form's suffix: Russian has more forms than English, and a key is the same whichever. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(catalog: object, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value, `${prefix}${key}.`)
      : [`${prefix}${key}`.replace(PLURAL, '')],
  );
}

const sorted = (catalog: object) => [...new Set(keysOf(catalog))].sort();

/**
 * Every text exists in both languages: a key written in one catalogue only would show a reader of the
 * other the bare key. The web's, the server's (errors, mail, Telegram, notices, reports) and the labels.
 */
describe('the catalogues of both languages', () => {
  it.each([
    ['web', webRussian, webEnglish],
    ['server', serverRussian, serverEnglish],
    ['labels', LABELS.ru, LABELS.en],
  ] as const)('%s: every key in Russian is in English and back', (_, russian, english) => {
    const inRussian = sorted(russian);
    const inEnglish = sorted(english);
    expect(inRussian.filter((key) => !inEnglish.includes(key))).toEqual([]);
    expect(inEnglish.filter((key) => !inRussian.includes(key))).toEqual([]);
  });

  it('says each idea with one Russian term: severity is «критичность», never «приоритет»', () => {
    const texts = JSON.stringify([webRussian, serverRussian, LABELS.ru]).toLowerCase();
    expect(texts).not.toMatch(/приоритет/);
    // No word cut short where the full word fits, and no form that assumes the reader's gender.
    expect(texts).not.toMatch(/рабочих дн\./);
    expect(texts).not.toMatch(/(^|[^а-яё])я (сохранил|прочитал|согласен)/);
  });
});

describe('the notices', () => {
  const texts = (language: 'ru' | 'en') =>
    new Set(
      keysOf(language === 'ru' ? serverRussian : serverEnglish).filter((key) =>
        key.startsWith('notifications.'),
      ),
    );

  it.each(['ru', 'en'] as const)('has a text in %s for every notice of the catalogue', (language) => {
    const missing = NOTICE_NAMES.filter((name) => !texts(language).has(`notifications.${name}`));
    expect(missing).toEqual([]);
  });

  it('renders each in both languages, never as its bare key', () => {
    for (const name of NOTICE_NAMES) {
      for (const language of ['ru', 'en'] as const) {
        expect(renderNotification(name, { days: 3, number: 'SD-2026-00001' }, language)).not.toContain(
          'notifications.',
        );
      }
    }
  });
});

describe('the events', () => {
  it.each([
    ['ru', webRussian],
    ['en', webEnglish],
  ] as const)('has a name in the %s console for every event of the catalogue', (_, catalog) => {
    const names = catalog.webhooks.events as Record<string, string>;
    expect(EVENT_TYPES.filter((type) => !names[type.replace('.', '_')])).toEqual([]);
  });
});

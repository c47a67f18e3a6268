import { describe, expect, it } from 'vitest';
import { readSearch } from './searchQuery.js';

describe('reading a search', () => {
  it('knows a request number written in full, whatever its case', () => {
    expect(readSearch('  sd-2026-00017 ')).toEqual({
      text: 'sd-2026-00017',
      number: 'SD-2026-00017',
      externalReference: null,
      fragment: 'sd-2026-00017',
      sampleable: true,
      tags: [],
    });
    expect(readSearch('SD-2026-0017').number).toBeNull();
  });

  it('knows the number a request had in the desk it was imported from, as support quotes it', () => {
    expect(readSearch('1234').externalReference).toBe('1234');
    expect(readSearch('#1234').externalReference).toBe('1234');
    expect(readSearch('GLPI 1234').externalReference).toBe('1234');
    expect(readSearch('glpi-1234').externalReference).toBe('1234');
    expect(readSearch('сервер 1234').externalReference).toBeNull();
    expect(readSearch('SD-2026-00017').externalReference).toBeNull();
  });

  it('looks for one plain word of three letters or more inside words too, never for syntax', () => {
    expect(readSearch('серв').fragment).toBe('серв');
    expect(readSearch('00012').fragment).toBe('00012');
    expect(readSearch('ос').fragment).toBeNull();
    expect(readSearch('сервер диск').fragment).toBeNull();
    expect(readSearch('"очередь заказов"').fragment).toBeNull();
    expect(readSearch('-диск').fragment).toBeNull();
    expect(readSearch('сервер   \n диск').text).toBe('сервер диск');
  });

  it('reads from samples only words that need not stand together', () => {
    expect(readSearch('ошибка').sampleable).toBe(true);
    expect(readSearch('ошибка OR error').sampleable).toBe(true);
    expect(readSearch('ошибка -лицензия').sampleable).toBe(true);
    expect(readSearch('ошибка подключения').sampleable).toBe(false);
    expect(readSearch('"ошибка подключения"').sampleable).toBe(false);
    expect(readSearch('ошибка OR сервер диск').sampleable).toBe(false);
  });

  it('takes tag:name out of the words as a tag the requests must carry', () => {
    const terms = readSearch('tag:1С-интеграция ошибка TAG:срочно tag:срочно');
    expect(terms.tags).toEqual(['1с-интеграция', 'срочно']);
    expect(terms.text).toBe('ошибка');
    expect(readSearch('tag:срочно').text).toBe('');
  });
});

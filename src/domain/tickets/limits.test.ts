import { describe, expect, it } from 'vitest';
import { intakeText, messageText, NOTHING_WRITTEN, SUBJECT_MAX_LENGTH } from './limits.js';

describe('what a channel files when a person wrote little', () => {
  it('takes the first subject there is, cut to the limit, and the description as written', () => {
    const long = 'П'.repeat(SUBJECT_MAX_LENGTH + 50);
    expect(intakeText(['', '  ', long], 'Описание')).toEqual({
      subject: 'П'.repeat(SUBJECT_MAX_LENGTH),
      description: 'Описание',
    });
  });

  it('lets the subject stand for a missing description, and a dash for nothing at all', () => {
    expect(intakeText(['Упал сервис'], '  ')).toEqual({ subject: 'Упал сервис', description: 'Упал сервис' });
    expect(intakeText([null, undefined], '')).toEqual({
      subject: NOTHING_WRITTEN,
      description: NOTHING_WRITTEN,
    });
  });

  it('gives a message with no words the first text there is, or a dash', () => {
    expect(messageText('', ' Тема письма ')).toBe('Тема письма');
    expect(messageText(undefined, '')).toBe(NOTHING_WRITTEN);
  });
});

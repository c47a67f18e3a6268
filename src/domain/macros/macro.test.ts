import { describe, expect, it } from 'vitest';
import { fillVariables, type MacroValues, unknownVariables } from './macro.js';

const values: MacroValues = {
  'contact.name': 'Ирина Петрова',
  'contact.email': 'irina@baltlog.ru',
  'organization.name': 'ООО «Балтийская логистика»',
  'ticket.number': 'SD-2026-00042',
  'ticket.subject': 'Сервер не стартует',
  'ticket.severity': 'Критический',
  'ticket.responseDueAt': '02.12.2026 11:00 МСК',
  'product.name': 'Supportdesk Server',
  'instance.name': 'prod-1',
  'agent.name': 'Анна',
};

describe('macro variables', () => {
  it('fills every known variable, with or without spaces inside the braces', () => {
    expect(
      fillVariables(
        '{{contact.name}}, по заявке {{ ticket.number }} ответ до {{ticket.responseDueAt}}.',
        values,
      ),
    ).toBe('Ирина Петрова, по заявке SD-2026-00042 ответ до 02.12.2026 11:00 МСК.');
  });

  it('leaves an unknown placeholder as written and names it as unknown', () => {
    expect(fillVariables('{{ticket.numbr}} {{agent.name}}', values)).toBe('{{ticket.numbr}} Анна');
    expect(unknownVariables('{{ticket.numbr}} {{agent.name}} {{ticket.numbr}}')).toEqual(['ticket.numbr']);
  });

  it('reads a text with no placeholders as it is', () => {
    expect(unknownVariables('Здравствуйте! {не переменная}')).toEqual([]);
    expect(fillVariables('{{}} {{ x }}', values)).toBe('{{}} {{ x }}');
  });
});

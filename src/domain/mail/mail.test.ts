import { describe, expect, it } from 'vitest';
import { automatedReason, fromOwnAddress } from './automated.js';
import { visibleReply } from './replyText.js';
import { readSubject } from './subject.js';

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('the subject convention', () => {
  const instances = ['esb-prod-spb', 'registry-prod-spb'];

  it('reads the ticket, the severity and the instance from bracketed tags, and keeps the rest', () => {
    expect(readSubject('Re: [SD-2026-00042] Очередь стоит', instances)).toEqual({
      ticketNumber: 'SD-2026-00042',
      severity: null,
      instanceName: null,
      subject: 'Очередь стоит',
    });
    expect(readSubject('[critical] [ESB-PROD-SPB] Всё упало', instances)).toEqual({
      ticketNumber: null,
      severity: 'critical',
      instanceName: 'esb-prod-spb',
      subject: 'Всё упало',
    });
    expect(readSubject('[Высокий] Отчёт [черновик] не строится', instances)).toMatchObject({
      severity: 'high',
      subject: 'Отчёт [черновик] не строится',
    });
  });

  it('leaves a subject without tags as it is, apart from reply prefixes', () => {
    expect(readSubject('Fwd: Ответ: вопрос по лицензии', instances)).toEqual({
      ticketNumber: null,
      severity: null,
      instanceName: null,
      subject: 'вопрос по лицензии',
    });
  });
});

describe('mail written by machines', () => {
  it('recognises auto-replies, bulk and list mail, loops and bounces', () => {
    expect(automatedReason(headers({ 'auto-submitted': 'auto-replied' }), 'a@b.c', 'a@b.c')).toBe(
      'auto_submitted',
    );
    expect(automatedReason(headers({ precedence: 'bulk' }), 'a@b.c', 'a@b.c')).toBe('precedence');
    expect(automatedReason(headers({ 'x-loop': 'support' }), 'a@b.c', 'a@b.c')).toBe('loop');
    expect(automatedReason(headers({ 'list-id': '<x.lists.example>' }), 'a@b.c', 'a@b.c')).toBe(
      'mailing_list',
    );
    expect(automatedReason(headers({}), '<>', 'a@b.c')).toBe('bounce');
    expect(automatedReason(headers({}), null, 'MAILER-DAEMON@mx.example')).toBe('bounce');
  });

  it('lets a person through, including one who says Auto-Submitted: no', () => {
    expect(
      automatedReason(headers({ 'auto-submitted': 'no' }), 'anna@baltlog.example', 'anna@baltlog.example'),
    ).toBeNull();
    expect(automatedReason(headers({}), null, 'anna@baltlog.example')).toBeNull();
  });

  it("knows a mail that claims to come from the desk's own addresses, whatever their case", () => {
    const own = ['support@supportdesk.example', 'Help@Supportdesk.example'];
    expect(fromOwnAddress('SUPPORT@supportdesk.example', own)).toBe(true);
    expect(fromOwnAddress('help@supportdesk.example', own)).toBe(true);
    expect(fromOwnAddress('anna@baltlog.example', own)).toBe(false);
    expect(fromOwnAddress(null, own)).toBe(false);
  });
});

describe('what of a reply is shown', () => {
  it('drops the quoted history and the signature', () => {
    const reply = [
      'Журнал во вложении.',
      '',
      '-- ',
      'Анна Петрова',
      '',
      'вт, 24 нояб. 2026 г. в 12:00, Поддержка <support@supportdesk.example>:',
      '> Пришлите журнал.',
    ].join('\n');
    expect(visibleReply(reply)).toBe('Журнал во вложении.');
    expect(visibleReply('Thanks!\n\nOn Tue, 24 Nov 2026 at 12:00, Support <s@x.example> wrote:\n> old')).toBe(
      'Thanks!',
    );
    expect(visibleReply('Да\r\n> Вы уверены?\r\n')).toBe('Да');
    expect(
      visibleReply(
        'Спасибо, помогло.\n\nвт, 24 нояб. 2026 г. в 12:00, Поддержка <support@supportdesk.example>:\n\nстарое',
      ),
    ).toBe('Спасибо, помогло.');
  });

  it('shows a mail that is all quote whole, rather than nothing', () => {
    expect(visibleReply('> только цитата')).toBe('> только цитата');
  });
});

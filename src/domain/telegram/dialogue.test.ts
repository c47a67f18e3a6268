import { describe, expect, it } from 'vitest';
import { SUBJECT_MAX_LENGTH } from '../tickets/limits.js';
import { advance, type Dialogue } from './dialogue.js';

const text = (value: string, open = true, attachmentId: string | null = null) =>
  ({ kind: 'text', text: value, attachmentId, open }) as const;

describe('the Telegram dialogue', () => {
  it('leads from /new through instance, severity, subject and description to a request', () => {
    let step = advance(null, { kind: 'new_request', open: true });
    expect(step.effect).toEqual({ say: 'choose_instance' });
    step = advance(step.next, { kind: 'instance_chosen', instanceId: 'i1' });
    expect(step.effect).toEqual({ say: 'choose_severity' });
    step = advance(step.next, { kind: 'severity_chosen', severity: 'high', open: true });
    expect(step.effect).toEqual({ say: 'ask_subject' });
    step = advance(step.next, text('Очередь стоит'));
    expect(step.effect).toEqual({ say: 'ask_description' });
    step = advance(step.next, text('', true, 'file-1'));
    expect(step.effect).toEqual({ say: 'ask_description' });
    step = advance(step.next, text('С утра не разбирается', true, 'file-2'));
    expect(step).toEqual({
      next: null,
      effect: {
        register: {
          instanceId: 'i1',
          severity: 'high',
          subject: 'Очередь стоит',
          description: 'С утра не разбирается',
          attachmentIds: ['file-1', 'file-2'],
        },
      },
    });
  });

  it('refuses a subject over the limit and keeps asking for it', () => {
    const asking: Dialogue = { step: 'subject', instanceId: 'i1', severity: 'low' };
    expect(advance(asking, text('x'.repeat(SUBJECT_MAX_LENGTH + 1)))).toEqual({
      next: asking,
      effect: { say: 'too_long', max: SUBJECT_MAX_LENGTH },
    });
  });

  it('keeps what is written outside the hours as a draft, and files it once accepted', () => {
    let step = advance(null, { kind: 'new_request', open: false });
    expect(step).toEqual({ next: { step: 'draft_pending' }, effect: { say: 'closed_hours' } });
    step = advance(step.next, text('Упал планировщик\nс ночи', true));
    expect(step).toEqual({
      next: { step: 'draft', text: 'Упал планировщик\nс ночи' },
      effect: { say: 'draft_kept' },
    });
    step = advance(
      { step: 'draft_asked', text: 'Упал планировщик\nс ночи' },
      { kind: 'draft_answer', yes: true },
    );
    expect(step.next).toEqual({
      step: 'instance',
      subject: 'Упал планировщик',
      description: 'Упал планировщик\nс ночи',
    });
    step = advance(step.next, { kind: 'instance_chosen', instanceId: 'i2' });
    step = advance(step.next, { kind: 'severity_chosen', severity: 'medium', open: true });
    expect(step.effect).toEqual({
      register: {
        instanceId: 'i2',
        severity: 'medium',
        subject: 'Упал планировщик',
        description: 'Упал планировщик\nс ночи',
        attachmentIds: [],
      },
    });
  });

  it('drops a draft the user declines, and keeps a request as a draft if the hours end meanwhile', () => {
    expect(advance({ step: 'draft_asked', text: 'x' }, { kind: 'draft_answer', yes: false })).toEqual({
      next: null,
      effect: { say: 'draft_dropped' },
    });
    const describing: Dialogue = {
      step: 'description',
      instanceId: 'i1',
      severity: 'low',
      subject: 'Тема',
      attachmentIds: [],
    };
    expect(advance(describing, text('Описание', false))).toEqual({
      next: { step: 'draft', text: 'Тема\nОписание' },
      effect: { say: 'closed_hours' },
    });
  });

  it('answers anything out of turn with help and leaves the dialogue as it was', () => {
    const choosing: Dialogue = { step: 'instance' };
    expect(advance(choosing, { kind: 'severity_chosen', severity: 'low', open: true })).toEqual({
      next: choosing,
      effect: { say: 'help' },
    });
    expect(advance(null, { kind: 'draft_answer', yes: true })).toEqual({
      next: null,
      effect: { say: 'help' },
    });
    expect(advance(null, text('/unknown'))).toEqual({ next: null, effect: { say: 'help' } });
    expect(advance(null, text('привет', true))).toEqual({ next: null, effect: { say: 'help' } });
  });
});

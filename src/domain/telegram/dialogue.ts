import type { Severity } from '../sla/policy.js';
import { SUBJECT_MAX_LENGTH } from '../tickets/limits.js';

/**
 * Where a Telegram user is in filing a request: instance, severity, subject, description (with files).
 * Outside the bot's hours (§3.6) what they write is kept as a draft, offered when support opens.
 */
export type Dialogue =
  | { step: 'draft_pending' }
  | { step: 'draft'; text: string }
  | { step: 'draft_asked'; text: string }
  | { step: 'instance'; subject?: string; description?: string }
  | { step: 'severity'; instanceId: string; subject?: string; description?: string }
  | { step: 'subject'; instanceId: string; severity: Severity }
  | {
      step: 'description';
      instanceId: string;
      severity: Severity;
      subject: string;
      attachmentIds: string[];
    };

/** What the user did; `open` says whether the bot takes requests at that moment. */
export type DialogueEvent =
  | { kind: 'new_request'; open: boolean }
  | { kind: 'draft_answer'; yes: boolean }
  | { kind: 'instance_chosen'; instanceId: string }
  | { kind: 'severity_chosen'; severity: Severity; open: boolean }
  | { kind: 'text'; text: string; attachmentId: string | null; open: boolean };

export interface RequestDraft {
  instanceId: string;
  severity: Severity;
  subject: string;
  description: string;
  attachmentIds: string[];
}

/** What the bot does next: ask, explain, or file the request. */
export type DialogueEffect =
  | { say: 'choose_instance' | 'choose_severity' | 'ask_subject' | 'ask_description' }
  | { say: 'closed_hours' | 'draft_kept' | 'draft_dropped' | 'help' }
  | { say: 'too_long'; max: number }
  | { register: RequestDraft };

export interface Step {
  /** The dialogue after the event; null when it is over. */
  next: Dialogue | null;
  effect: DialogueEffect;
}

const stay = (dialogue: Dialogue | null, effect: DialogueEffect): Step => ({ next: dialogue, effect });

/** Files the request, or keeps it as a draft when the bot's hours ended meanwhile. */
function file(draft: RequestDraft, open: boolean): Step {
  if (open) return { next: null, effect: { register: draft } };
  const text = [draft.subject, draft.description].filter(Boolean).join('\n');
  return { next: { step: 'draft', text }, effect: { say: 'closed_hours' } };
}

/** The next step of the dialogue: pure, so every path is tested without a bot. */
export function advance(dialogue: Dialogue | null, event: DialogueEvent): Step {
  switch (event.kind) {
    case 'new_request':
      return event.open
        ? { next: { step: 'instance' }, effect: { say: 'choose_instance' } }
        : { next: { step: 'draft_pending' }, effect: { say: 'closed_hours' } };
    case 'draft_answer': {
      if (dialogue?.step !== 'draft_asked') return stay(dialogue, { say: 'help' });
      if (!event.yes) return { next: null, effect: { say: 'draft_dropped' } };
      const subject = dialogue.text.split('\n')[0]?.slice(0, SUBJECT_MAX_LENGTH);
      return {
        next: { step: 'instance', ...(subject ? { subject } : {}), description: dialogue.text },
        effect: { say: 'choose_instance' },
      };
    }
    case 'instance_chosen':
      if (dialogue?.step !== 'instance') return stay(dialogue, { say: 'help' });
      return {
        next: { ...dialogue, step: 'severity', instanceId: event.instanceId },
        effect: { say: 'choose_severity' },
      };
    case 'severity_chosen': {
      if (dialogue?.step !== 'severity') return stay(dialogue, { say: 'help' });
      const { instanceId, subject, description } = dialogue;
      if (description !== undefined) {
        const draft = {
          instanceId,
          severity: event.severity,
          subject: subject ?? '',
          description,
          attachmentIds: [],
        };
        return file(draft, event.open);
      }
      return {
        next: { step: 'subject', instanceId, severity: event.severity },
        effect: { say: 'ask_subject' },
      };
    }
    case 'text':
      return onText(dialogue, event);
  }
}

function onText(dialogue: Dialogue | null, event: Extract<DialogueEvent, { kind: 'text' }>): Step {
  if (dialogue?.step === 'subject' && event.text) {
    if (event.text.length > SUBJECT_MAX_LENGTH)
      return stay(dialogue, { say: 'too_long', max: SUBJECT_MAX_LENGTH });
    return {
      next: { ...dialogue, step: 'description', subject: event.text, attachmentIds: [] },
      effect: { say: 'ask_description' },
    };
  }
  if (dialogue?.step === 'description') {
    const attachmentIds = [...dialogue.attachmentIds, ...(event.attachmentId ? [event.attachmentId] : [])];
    // A file without words: kept, and the description is still to come.
    if (!event.text) return stay({ ...dialogue, attachmentIds }, { say: 'ask_description' });
    const { instanceId, severity, subject } = dialogue;
    return file({ instanceId, severity, subject, description: event.text, attachmentIds }, event.open);
  }
  const keepsDraft = dialogue?.step === 'draft_pending' || !event.open;
  if (event.text && !event.text.startsWith('/') && keepsDraft) {
    return { next: { step: 'draft', text: event.text }, effect: { say: 'draft_kept' } };
  }
  return stay(dialogue, { say: 'help' });
}

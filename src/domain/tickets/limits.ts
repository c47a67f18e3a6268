/** How much a person may write into a request; every channel and the web's inputs hold to these. */
export const SUBJECT_MAX_LENGTH = 300;
export const TEXT_MAX_LENGTH = 100_000;
export const ATTACHMENTS_PER_MESSAGE = 20;
/** What stands for a subject or a description the channel brought none of (an empty mail, a bare file). */
export const NOTHING_WRITTEN = '—';

/**
 * What a channel that cannot ask again (a mail, a bot message) files as subject and description:
 * the first words it has, cut to the limits, and a dash for what nobody wrote.
 */
export function intakeText(
  subjects: readonly (string | null | undefined)[],
  description: string | null | undefined,
) {
  const subject = subjects.map((candidate) => candidate?.trim() ?? '').find(Boolean) ?? '';
  const cutSubject = subject.slice(0, SUBJECT_MAX_LENGTH) || NOTHING_WRITTEN;
  return {
    subject: cutSubject,
    description: (description?.trim() || subject || NOTHING_WRITTEN).slice(0, TEXT_MAX_LENGTH),
  };
}

/** A message with no words (a bare photo, a mail of quotes only) still says that something came. */
export const messageText = (...candidates: (string | null | undefined)[]) =>
  (candidates.map((candidate) => candidate?.trim() ?? '').find(Boolean) ?? NOTHING_WRITTEN).slice(
    0,
    TEXT_MAX_LENGTH,
  );

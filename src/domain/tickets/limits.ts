/** How much a person may write into a request; every channel and the web's inputs hold to these. */
export const SUBJECT_MAX_LENGTH = 300;
export const TEXT_MAX_LENGTH = 100_000;
export const ATTACHMENTS_PER_MESSAGE = 20;
/** What stands for a subject or a description the channel brought none of (an empty mail, a bare file). */
export const NOTHING_WRITTEN = '—';

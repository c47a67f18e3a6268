import type { Visibility } from './lifecycle.js';

/** Who wrote a message: the customer's contact, a support person, or the desk itself. */
export type MessageAuthor = 'contact' | 'agent' | 'system';

/**
 * Since when a request has been awaiting support after a message: a customer's public message leaves
 * it awaiting from the first message support has not answered yet; a support person's public reply
 * answers it. Internal notes and the desk's own messages change nothing: the customer is still waiting.
 */
export function awaitingSupportAfter(
  since: Date | null,
  message: { author: MessageAuthor; visibility: Visibility; at: Date },
): Date | null {
  if (message.visibility !== 'public' || message.author === 'system') return since;
  if (message.author === 'agent') return null;
  return since ?? message.at;
}

import { useRef } from 'react';

/** 128 random bits as hex; crypto.randomUUID exists only on HTTPS pages, getRandomValues everywhere. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of a form's write. Sending the same content again (after a lost answer, a
 * double click) reuses the key, so the server files it once; changed content is a new write with
 * a new key, and so is the next one after a success (`written`).
 */
export function useWriteKey() {
  const current = useRef<{ key: string; content: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const content = JSON.stringify(body);
      if (current.current?.content !== content) current.current = { key: newKey(), content };
      return current.current.key;
    },
    written() {
      current.current = null;
    },
  };
}

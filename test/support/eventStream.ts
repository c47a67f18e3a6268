import type { LiveEvent } from '../../src/contract/events.js';

export interface ReceivedEvent {
  id: string;
  event: LiveEvent;
  at: number;
}

/**
 * A reader of the desk's live feed over real HTTP, as a browser's EventSource reads it: the stream's
 * events in order, with a way to wait for one.
 */
export interface EventStream {
  readonly received: ReceivedEvent[];
  /** Resolves with the first event (from the start of the stream) that matches, or fails after timeoutMs. */
  next(matches: (event: LiveEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Every event received, after waiting `quietMs` for more to arrive. */
  settle(quietMs: number): Promise<ReceivedEvent[]>;
  readonly status: number;
  readonly lastEventId: string | undefined;
  close(): void;
}

export async function openEventStream(
  baseUrl: string,
  headers: Record<string, string>,
): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  if (response.ok && response.body) {
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            const fields = Object.fromEntries(
              block
                .split('\n')
                .filter((line) => line && !line.startsWith(':'))
                .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
            );
            if (!fields.data) continue;
            received.push({ id: fields.id ?? '', event: JSON.parse(fields.data), at: performance.now() });
            for (const wake of waiters) wake();
          }
        }
      } catch {
        // Aborted by close(): the stream is done.
      }
    })();
  }
  return {
    received,
    status: response.status,
    get lastEventId() {
      return received.at(-1)?.id;
    },
    next(matches, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find((item) => matches(item.event));
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event in ${timeoutMs} ms; had ${JSON.stringify(received)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async settle(quietMs) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      return [...received];
    },
    close: () => controller.abort(),
  };
}

import { randomUUID } from 'node:crypto';
import type { LiveEvent } from '../../contract/events.js';
import type { LiveChange } from './changes.js';
import { eventFor, type LiveReader } from './liveReader.js';

/** How many recent changes an instance keeps for streams that reconnect. */
export const RECENT_CHANGES = 10_000;

export type Deliver = (eventId: string, event: LiveEvent) => void;

export interface LiveSubscription {
  /** What the reader may see changed (a partner's organizations): the stream sees by it from now on. */
  reread(reader: LiveReader): void;
  close(): void;
}

interface Subscriber {
  reader: LiveReader;
  deliver: Deliver;
}

/**
 * One instance's fan-out of the live feed: every change it hears goes to each open stream that may
 * see it. Event ids are this instance's own sequence; a stream that comes back with the id of the last
 * event it had gets what it missed from the recent changes, and one that comes back to another
 * instance, or after more than those, is told to fetch again (`resync`): an event is only a hint to
 * read again through the API, so missing one costs a refetch, never data.
 */
export class LiveHub {
  private readonly boot = randomUUID().slice(0, 8);
  private sequence = 0;
  private readonly recent: { sequence: number; change: LiveChange }[] = [];
  private readonly subscribers = new Set<Subscriber>();

  publish(change: LiveChange): void {
    this.sequence += 1;
    this.recent.push({ sequence: this.sequence, change });
    if (this.recent.length > RECENT_CHANGES) this.recent.splice(0, this.recent.length - RECENT_CHANGES);
    const id = this.eventId(this.sequence);
    for (const subscriber of this.subscribers) {
      const event = eventFor(subscriber.reader, change);
      if (event) subscriber.deliver(id, event);
    }
  }

  /** Changes may have been missed (the listening connection dropped and came back): every stream refetches. */
  resyncAll(): void {
    const id = this.eventId(this.sequence);
    for (const subscriber of this.subscribers) subscriber.deliver(id, { type: 'resync' });
  }

  /** Opens a stream; `lastEventId` is the last event a reconnecting stream had. */
  subscribe(reader: LiveReader, lastEventId: string | undefined, deliver: Deliver): LiveSubscription {
    if (lastEventId !== undefined) this.replay(reader, lastEventId, deliver);
    const subscriber = { reader, deliver };
    this.subscribers.add(subscriber);
    return {
      reread: (next) => {
        subscriber.reader = next;
      },
      close: () => {
        this.subscribers.delete(subscriber);
      },
    };
  }

  private replay(reader: LiveReader, lastEventId: string, deliver: Deliver): void {
    const [boot, counted] = lastEventId.split('-');
    const after = Number(counted);
    const oldest = this.recent[0]?.sequence ?? this.sequence + 1;
    const resumable =
      boot === this.boot && Number.isInteger(after) && after <= this.sequence && after >= oldest - 1;
    if (!resumable) {
      deliver(this.eventId(this.sequence), { type: 'resync' });
      return;
    }
    for (const { sequence, change } of this.recent) {
      if (sequence <= after) continue;
      const event = eventFor(reader, change);
      if (event) deliver(this.eventId(sequence), event);
    }
  }

  private eventId(sequence: number): string {
    return `${this.boot}-${sequence}`;
  }
}

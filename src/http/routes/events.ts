import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANGES_CHANNEL, PRESENCE_CHANNEL, readDatabaseChange } from '../../app/live/changes.js';
import { LiveHub } from '../../app/live/liveHub.js';
import { liveReaderOf } from '../../app/live/liveReader.js';
import { announcePresence, PresenceBoard, presentOn, readPresenceNotice } from '../../app/live/presence.js';
import type { LiveEvent } from '../../contract/events.js';
import { presenceInput, presentPersonSchema } from '../../contract/events.js';
import { problems } from '../../contract/problem.js';
import { credentialOf, signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { ticketParams } from './tickets.js';

/** A comment line every so often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;
/** How often an open stream checks that its session or token still holds. */
const RECHECK_MS = 60_000;
/** A reader that stopped reading is let go once this much waits unsent; it reconnects and resyncs. */
const MAX_UNSENT_BYTES = 1024 * 1024;
/** How often faded presence is cleared. */
const PRESENCE_SWEEP_MS = 5_000;

/**
 * The live feed (server-sent events) and support's presence on requests. Every instance listens to the
 * database's change channel and fans each change out to its own open streams, each reader seeing only
 * what they may; presence goes around the instances the same way.
 */
export const eventRoutes: FastifyPluginAsync<HttpDependencies> = async (app, deps) => {
  const { ctx, database } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const hub = new LiveHub();
  const board = new PresenceBoard();
  const streams = new Set<() => void>();

  const stopChanges = await database.listen(CHANGES_CHANNEL, (payload) => {
    if (payload === null) return hub.resyncAll();
    const change = readDatabaseChange(payload);
    if (change) hub.publish(change);
    else app.log.warn({ payload: payload.slice(0, 200) }, 'unknown change on the live channel');
  });
  const stopPresence = await database.listen(PRESENCE_CHANNEL, (payload) => {
    const notice = payload === null ? null : readPresenceNotice(payload);
    const change = notice ? board.apply(notice, ctx.clock.now().getTime()) : null;
    if (change) hub.publish(change);
  });
  const sweep = setInterval(() => {
    for (const change of board.expire(ctx.clock.now().getTime())) hub.publish(change);
  }, PRESENCE_SWEEP_MS);
  sweep.unref();
  // Open streams would hold the server's close forever: they end first, and the web reconnects elsewhere.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    await Promise.all([stopChanges(), stopPresence()]);
  });

  api.get(
    '/events',
    {
      schema: {
        operationId: 'streamEvents',
        tags: ['events'],
        summary:
          'Server-sent events: what changed that the reader may see (LiveEvent in each data line), to fetch again',
        headers: z.object({
          'last-event-id': z
            .string()
            .max(100)
            .optional()
            .describe('The id of the last event a reconnecting stream had: it gets what it missed'),
        }),
        produces: ['text/event-stream'],
        response: {
          200: z
            .string()
            .describe('text/event-stream: `id`, `event` (the LiveEvent type) and `data` (the LiveEvent)'),
          ...problems(401),
        },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const stillSignedIn = credentialOf(deps, request);
      const reader = await liveReaderOf(ctx.db, actor);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.id,
      });
      raw.write('retry: 3000\n\n');
      let open = true;
      const write = (chunk: string) => {
        if (!open) return;
        raw.write(chunk);
        if (raw.writableLength > MAX_UNSENT_BYTES) end();
      };
      const send = (eventId: string, event: LiveEvent) =>
        write(`id: ${eventId}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      const subscription = hub.subscribe(reader, request.headers['last-event-id'], send);
      const heartbeat = setInterval(() => write(': keepalive\n\n'), HEARTBEAT_MS);
      const recheck = setInterval(async () => {
        try {
          const now = await stillSignedIn();
          if (!now) end();
          else subscription.reread(await liveReaderOf(ctx.db, now));
        } catch (error) {
          request.log.warn({ err: error }, 'live stream could not recheck its session');
        }
      }, RECHECK_MS);
      const end = () => {
        if (!open) return;
        open = false;
        subscription.close();
        clearInterval(heartbeat);
        clearInterval(recheck);
        streams.delete(end);
        raw.end();
      };
      streams.add(end);
      raw.on('close', end);
    },
  );

  api.post(
    '/tickets/:ticketId/presence',
    {
      schema: {
        operationId: 'announcePresence',
        tags: ['events'],
        summary: 'Say that you are viewing or typing on a request, or left it (support); repeat within 30 s',
        params: ticketParams,
        body: presenceInput,
        response: { 200: z.array(presentPersonSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const notice = await announcePresence(ctx, signedIn(request), request.params.ticketId, request.body);
      // Counted here at once as well: the notice's round trip through the database comes a moment later.
      const change = board.apply(notice, ctx.clock.now().getTime());
      if (change) hub.publish(change);
      return board.people(notice.ticketId);
    },
  );

  api.get(
    '/tickets/:ticketId/presence',
    {
      schema: {
        operationId: 'listPresence',
        tags: ['events'],
        summary: 'Who of support is viewing or typing on a request now',
        params: ticketParams,
        response: { 200: z.array(presentPersonSchema), ...problems(401, 403, 404) },
      },
    },
    (request) => presentOn(ctx, signedIn(request), request.params.ticketId, board),
  );
};

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listNotifications, markNotificationsRead } from '../../app/notifications.js';
import { id, instant } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import type { HttpDependencies } from '../app.js';
import { signedIn } from '../authentication.js';

/** The signed-in person's in-app notifications. */
export const notificationRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: "The signed-in person's notifications, newest first, in their language",
        querystring: z.object({
          unread: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.array(
            z.object({
              id,
              ticketId: id.nullable(),
              template: z.string(),
              text: z.string(),
              createdAt: instant,
              readAt: instant.nullable(),
            }),
          ),
          ...problems(401),
        },
      },
    },
    (request) =>
      listNotifications(
        ctx,
        signedIn(request),
        { unreadOnly: request.query.unread === 'true', limit: request.query.limit },
        request.language,
      ),
  );

  api.post(
    '/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['notifications'],
        body: z.object({ ids: z.array(id).min(1).max(500) }),
        response: { 200: z.object({ marked: z.int() }), ...problems(400, 401) },
      },
    },
    async (request) => ({ marked: await markNotificationsRead(ctx, signedIn(request), request.body.ids) }),
  );
};

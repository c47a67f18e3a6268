import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  countUnreadNotifications,
  getNotificationSettings,
  listNotifications,
  markNotificationsRead,
  updateNotificationSettings,
} from '../../app/notices/notifications.js';
import {
  notificationSchema,
  notificationSettingsInput,
  notificationSettingsSchema,
  notificationsReadInput,
} from '../../contract/notifications.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** The signed-in person's in-app notifications, and which of them a support person gets by mail. */
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
        response: { 200: z.array(notificationSchema), ...problems(401) },
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

  api.get(
    '/notifications/unread-count',
    {
      schema: {
        operationId: 'countUnreadNotifications',
        tags: ['notifications'],
        summary: 'How many notifications are unread: the count on the bell',
        response: { 200: z.object({ unread: z.int() }), ...problems(401) },
      },
    },
    async (request) => ({ unread: await countUnreadNotifications(ctx, signedIn(request)) }),
  );

  api.post(
    '/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['notifications'],
        summary: 'Mark notices read: by id, those of one request, or all',
        body: notificationsReadInput,
        response: { 200: z.object({ marked: z.int() }), ...problems(400, 401) },
      },
    },
    async (request) => ({ marked: await markNotificationsRead(ctx, signedIn(request), request.body) }),
  );

  api.get(
    '/me/notification-settings',
    {
      schema: {
        operationId: 'getNotificationSettings',
        tags: ['notifications'],
        summary: 'Which notices come by mail as well as in the console (support)',
        response: { 200: notificationSettingsSchema, ...problems(401, 403) },
      },
    },
    (request) => getNotificationSettings(ctx, signedIn(request)),
  );

  api.put(
    '/me/notification-settings',
    {
      schema: {
        operationId: 'updateNotificationSettings',
        tags: ['notifications'],
        summary: 'Choose which notices come by mail; the ones not named stay as they were (support)',
        body: notificationSettingsInput,
        response: { 200: notificationSettingsSchema, ...problems(400, 401, 403) },
      },
    },
    (request) => updateNotificationSettings(ctx, signedIn(request), request.body),
  );
};

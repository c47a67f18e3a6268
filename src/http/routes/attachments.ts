import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../../app/ports/fileStore.js';
import { AppError } from '../../app/shared/errors.js';
import { openAttachment, uploadAttachment } from '../../app/tickets/attachments.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { uploadedAttachmentSchema } from '../../contract/tickets.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { binaryFile, fileUpload, storeRedirect } from '../openapi.js';
import { redirectToStore } from '../storeRedirect.js';

/** Files attached to requests and messages: uploaded first, then named by id; always downloaded, never shown inline. */
export const attachmentRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/attachments',
    {
      schema: {
        operationId: 'uploadAttachment',
        tags: ['tickets'],
        summary: 'Upload a file (multipart/form-data, field "file") to attach to a new ticket or message',
        consumes: ['multipart/form-data'],
        body: fileUpload,
        response: {
          201: uploadedAttachmentSchema,
          ...problems(400, 401),
        },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      let file: Awaited<ReturnType<typeof request.file>>;
      try {
        file = await request.file({ limits: { fileSize: ctx.files.maxBytes, files: 1 } });
      } catch {
        throw new AppError('invalid', 'attachment_empty', 'file');
      }
      if (!file) throw new AppError('invalid', 'attachment_empty', 'file');
      const data = await file.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('invalid', 'attachment_too_large', 'file', {
            maxMegabytes: Math.floor(ctx.files.maxBytes / 1_048_576),
          });
        }
        throw error;
      });
      return reply.code(201).send(await uploadAttachment(ctx, actor, { fileName: file.filename, data }));
    },
  );

  api.get(
    '/attachments/:attachmentId',
    {
      schema: {
        operationId: 'downloadAttachment',
        tags: ['tickets'],
        summary: 'Download an attachment; always as a download, never rendered inline',
        params: z.object({ attachmentId: id }),
        produces: ['application/octet-stream'],
        response: { 200: binaryFile, 302: storeRedirect, ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const file = await openAttachment(ctx, signedIn(request), request.params.attachmentId);
      const link = await file.link();
      if (link) return redirectToStore(reply, link);
      const { attachment } = file;
      return reply
        .header('content-type', attachment.contentType)
        .header('content-length', String(attachment.size))
        .header('content-disposition', attachmentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(await file.open());
    },
  );
};

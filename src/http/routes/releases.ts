import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentDisposition } from '../../app/ports/fileStore.js';
import {
  addReleaseFile,
  createRelease,
  downloadsOf,
  listReleases,
  openReleaseFile,
} from '../../app/releases/releases.js';
import { AppError } from '../../app/shared/errors.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { fileSchema, releaseInput, releaseSchema } from '../../contract/releases.js';
import { signedIn } from '../authentication.js';
import { requestedRange } from '../byteRange.js';
import type { HttpDependencies } from '../dependencies.js';
import { binaryFile, fileUpload, storeRedirect } from '../openapi.js';
import { sendProblem } from '../problem.js';
import { redirectToStore } from '../storeRedirect.js';

/** §3.4: product releases for supported customers, streamed, checksummed and logged. */
export const releaseRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx, config }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/releases',
    {
      schema: {
        operationId: 'listReleases',
        tags: ['releases'],
        summary: 'Releases newest first; for a contact, whether each may be downloaded now and why not',
        response: { 200: z.array(releaseSchema), ...problems(401) },
      },
    },
    async (request) => listReleases(ctx, signedIn(request)),
  );

  api.post(
    '/releases',
    {
      schema: {
        operationId: 'createRelease',
        tags: ['releases'],
        summary: 'Publish a release of a product, with notes in Markdown (admin)',
        body: releaseInput,
        response: {
          201: z.object({ id, version: z.string() }).passthrough(),
          ...problems(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await createRelease(ctx, signedIn(request), request.body)),
  );

  api.post(
    '/releases/:releaseId/files',
    {
      schema: {
        operationId: 'addReleaseFile',
        tags: ['releases'],
        summary: 'Add a file to a release (multipart/form-data, field "file"), streamed to storage (admin)',
        consumes: ['multipart/form-data'],
        params: z.object({ releaseId: id }),
        body: fileUpload,
        response: { 201: fileSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const file = await request
        .file({ limits: { fileSize: config.releaseMaxBytes, files: 1 } })
        .catch(() => undefined);
      if (!file) throw new AppError('invalid', 'attachment_empty', 'file');
      const added = await addReleaseFile(
        ctx,
        actor,
        request.params.releaseId,
        { fileName: file.filename, stream: file.file },
        config.releaseMaxBytes,
      );
      return reply.code(201).send(added);
    },
  );

  api.get(
    '/release-files/:fileId',
    {
      schema: {
        operationId: 'downloadReleaseFile',
        tags: ['releases'],
        summary:
          'Download a release file while support for its product is active; SHA-256 in X-Content-SHA256; Range resumes',
        params: z.object({ fileId: id }),
        produces: ['application/octet-stream'],
        response: {
          200: binaryFile,
          206: binaryFile,
          302: storeRedirect,
          ...problems(401, 403, 404, 416),
        },
      },
    },
    async (request, reply) => {
      const header = request.headers.range;
      // A piece from a later byte (or the last bytes) continues a download that was already counted.
      const asked = typeof header === 'string' ? header.trim().match(/^bytes=(\d*)-\d*$/) : null;
      const resumed = asked !== null && (asked[1] === '' || Number(asked[1]) > 0);
      const file = await openReleaseFile(ctx, signedIn(request), request.params.fileId, resumed);
      // The store serves the bytes, ranges included, from a link it signed.
      const link = await file.link();
      if (link) return redirectToStore(reply.header('x-content-sha256', file.sha256), link);
      const range = requestedRange(header, file.size);
      reply
        .header('accept-ranges', 'bytes')
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-sha256', file.sha256)
        .header('x-content-type-options', 'nosniff');
      if (range === 'unsatisfiable') {
        reply.header('content-range', `bytes */${file.size}`);
        return sendProblem(request, reply, 416, 'range_not_satisfiable', { params: { size: file.size } });
      }
      if (!range) return reply.header('content-length', String(file.size)).send(await file.open());
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(await file.open(range));
    },
  );

  api.get(
    '/release-files/:fileId/downloads',
    {
      schema: {
        operationId: 'listReleaseDownloads',
        tags: ['releases'],
        summary: 'Who downloaded a release file and when (admin)',
        params: z.object({ fileId: id }),
        response: {
          200: z.array(z.object({ actor: z.string(), organizationId: id.nullable(), at: z.iso.datetime() })),
          ...problems(401, 403),
        },
      },
    },
    async (request) => downloadsOf(ctx, signedIn(request), request.params.fileId),
  );
};

import { z } from 'zod';

/**
 * What the generated OpenAPI document needs beyond the routes' schemas: errors declared as the
 * problem+json they are sent as, uploads as multipart bodies, downloads as binary content.
 */

/** A download's body: the file itself, streamed (a stream is sent as it is, never serialized). */
export const binaryFile = z
  .unknown()
  .meta({ type: 'string', format: 'binary', description: 'The file, streamed' });

/** A download the object store serves: `Location` is a link it signed, valid for a few minutes. */
export const storeRedirect = z
  .null()
  .describe(
    'Found: fetch the file from Location, a short-lived link to the object store (S3_PRESIGNED_DOWNLOADS)',
  );

/** An upload's body, one part named "file": read by the route as a stream, so not validated here. */
export const fileUpload = z.unknown().meta({
  type: 'object',
  properties: { file: { type: 'string', format: 'binary', description: 'The file to store' } },
  required: ['file'],
});

const PROBLEM = 'application/problem+json';

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };
interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** Every error answer is problem+json; input variants nothing refers to are dropped. */
export function finishOpenApiDocument<T>(document: T): T {
  const spec = document as Document;
  for (const operations of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400 || !response.content) continue;
        const [media] = Object.values(response.content);
        response.content = { [PROBLEM]: media };
      }
    }
  }
  const schemas = spec.components?.schemas;
  if (schemas) {
    // Each registered schema gets an input twin; keep only those a request body or parameter uses.
    const referenced = (text: string) => (name: string) => text.includes(`"#/components/schemas/${name}"`);
    let text = JSON.stringify(spec);
    for (;;) {
      const unused = Object.keys(schemas).filter((name) => name.endsWith('Input') && !referenced(text)(name));
      if (unused.length === 0) break;
      for (const name of unused) delete schemas[name];
      text = JSON.stringify(spec);
    }
  }
  return document;
}

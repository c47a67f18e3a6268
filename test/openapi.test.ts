import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import { openTestDesk, type TestDesk } from './support/testDesk.js';

interface Response {
  content?: Record<string, { schema?: unknown }>;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, Response>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

describe('the OpenAPI document', () => {
  let desk: TestDesk;
  let spec: Spec;
  let source: string;
  let operations: Operation[];
  beforeAll(async () => {
    const [backend] = databaseBackends;
    if (!backend) throw new Error('no database backend');
    desk = await openTestDesk(backend);
    source = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).body;
    spec = JSON.parse(source);
    operations = Object.values(spec.paths).flatMap((byMethod) => Object.values(byMethod));
  });
  afterAll(() => desk?.close());

  const operation = (operationId: string) => {
    const found = operations.find((candidate) => candidate.operationId === operationId);
    if (!found) throw new Error(`no operation ${operationId}`);
    return found;
  };

  /**
   * The warnings of Redocly's `recommended` rules kept on purpose, each with why: everything else it
   * finds fails the test.
   */
  const KEPT_WARNINGS: Record<string, string> = {
    // Single sign-on is a browser's round trip: the desk answers with a redirect, never a body.
    'operation-2xx-response #/paths/~1api~1v1~1auth~1oidc~1start/get/responses': 'redirect only',
    'operation-2xx-response #/paths/~1api~1v1~1auth~1oidc~1callback/get/responses': 'redirect only',
    // Open to anyone, takes no input and is not limited: there is nothing to refuse.
    'operation-4xx-response #/paths/~1api~1v1~1auth~1methods/get/responses': 'cannot be refused',
    // The data of each server-sent event on /events: OpenAPI 3.1 cannot attach a schema to its lines.
    'no-unused-components #/components/schemas/LiveEvent': 'described for stream readers',
    // The product's licence is not chosen yet; the document does not invent one.
    'info-license #/info': 'no licence chosen',
  };

  it("passes Redocly's recommended rules with no error, and only the warnings kept on purpose", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const found = problems.map((problem) => ({
      severity: problem.severity,
      rule: `${problem.ruleId} ${problem.location[0]?.pointer ?? ''}`,
      message: problem.message,
    }));
    expect(found.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(found.map((problem) => problem.rule).sort()).toEqual(Object.keys(KEPT_WARNINGS).sort());
  });

  it('names the shapes it answers with, and every reference resolves', () => {
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['TicketSummary', 'TicketDetail', 'Message', 'Problem', 'OrganizationDetail']),
    );
    expect(operation('getTicket').responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/TicketDetail',
    });
    const references = [...JSON.stringify(spec).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    for (const name of new Set(references)) expect(spec.components.schemas, name).toHaveProperty(name);
    const unused = Object.keys(spec.components.schemas).filter((name) => !references.includes(name));
    expect(unused.filter((name) => name.endsWith('Input'))).toEqual([]);
  });

  it('declares every error as the problem+json the desk sends', () => {
    for (const { operationId, responses } of operations) {
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${operationId} ${status}`).toEqual([
          'application/problem+json',
        ]);
      }
    }
  });

  it('declares the uploads as multipart bodies and the downloads as binary content', () => {
    for (const operationId of ['uploadAttachment', 'addReleaseFile']) {
      expect(operation(operationId).requestBody?.content).toHaveProperty('multipart/form-data');
    }
    for (const operationId of ['downloadAttachment', 'downloadReleaseFile']) {
      expect(
        operation(operationId).responses['200']?.content?.['application/octet-stream']?.schema,
      ).toMatchObject({ type: 'string', format: 'binary' });
    }
  });
});

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createProduct, listProducts } from '../../app/customers/products.js';
import { problems } from '../../contract/problem.js';
import { productInput, productSchema } from '../../contract/products.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

export const productRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/products',
    {
      schema: {
        operationId: 'listProducts',
        tags: ['products'],
        summary: 'The products the vendor supports',
        response: { 200: z.array(productSchema), ...problems(401) },
      },
    },
    (request) => listProducts(ctx, signedIn(request)),
  );

  api.post(
    '/products',
    {
      schema: {
        operationId: 'createProduct',
        tags: ['products'],
        summary: 'Add a product (admin)',
        body: productInput,
        response: { 201: productSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createProduct(ctx, signedIn(request), request.body)),
  );
};

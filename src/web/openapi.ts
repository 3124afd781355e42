// The one OpenAPI document for /api/v1: each feature registers its paths and zod schemas here; served as JSON.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Operation = Record<string, unknown>;
export type SchemaRef = { $ref: string };

declare module 'fastify' {
  interface FastifyInstance {
    openapi: OpenApiRegistry;
  }
}

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  errors: z.record(z.string(), z.string()).optional().describe('Per-field messages in the language of the request'),
});

export class OpenApiRegistry {
  readonly #schemas = new Map<string, object>();
  readonly #paths = new Map<string, Partial<Record<Method, Operation>>>();
  readonly #securitySchemes = new Map<string, object>();
  #document: string | undefined;

  constructor() {
    this.schema('Problem', problem);
  }

  /** A named component from a zod schema; request bodies are described as input (before transforms). */
  schema(name: string, schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaRef {
    this.#schemas.set(name, z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }));
    this.#document = undefined;
    return { $ref: `#/components/schemas/${name}` };
  }

  securityScheme(name: string, scheme: object): void {
    this.#securitySchemes.set(name, scheme);
    this.#document = undefined;
  }

  /** Adds one operation; `path` is relative to /api/v1 and uses OpenAPI's {param} syntax. */
  path(path: string, method: Method, operation: Operation): void {
    const entry = this.#paths.get(path) ?? {};
    if (entry[method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} registered twice`);
    entry[method] = operation;
    this.#paths.set(path, entry);
    this.#document = undefined;
  }

  json(config: Config): string {
    this.#document ??= JSON.stringify({
      openapi: '3.0.3',
      info: {
        title: 'Rehab Center API',
        version: '1.0.0',
        description:
          'Public booking endpoints (no sign-in) and the session-cookie staff API. Staff state-changing calls need the X-CSRF-Token header from /auth/login or /me. Errors are application/problem+json.',
      },
      servers: [{ url: `${config.baseUrl}/api/v1` }],
      components: { schemas: Object.fromEntries(this.#schemas), securitySchemes: Object.fromEntries(this.#securitySchemes) },
      paths: Object.fromEntries(this.#paths),
    });
    return this.#document;
  }
}

export function jsonBody(schema: SchemaRef, required = true): Operation {
  return { required, content: { 'application/json': { schema } } };
}

export function jsonResponse(description: string, schema: SchemaRef | object): Operation {
  return { description, content: { 'application/json': { schema } } };
}

export function problemResponse(description: string, schema: SchemaRef = { $ref: '#/components/schemas/Problem' }): Operation {
  return { description, content: { 'application/problem+json': { schema } } };
}

export function registerOpenApiRoute(app: FastifyInstance, config: Config): void {
  app.get('/api/v1/openapi.json', (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(app.openapi.json(config)),
  );
}

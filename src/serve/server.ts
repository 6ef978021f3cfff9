// `marsad serve`: the HTTP API (docs/api.md, OpenAPI at /api/openapi.json) and the built web app (dist/web) over one
// store. Reads are open; writes need the token from MARSAD_API_TOKEN. Bad requests get JSON 4xx errors; nothing a
// request sends can crash the process. Input: ServeOptions. Output: a listening server and its URL.
import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { LRUCache } from 'lru-cache';
import { createPipelineContext, type PipelineContext } from '../pipeline.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { inlineAnnotator, workerAnnotator, type Annotator } from '../annotate-pool.js';
import { backfillViews } from '../views/publish.js';
import { MarsadService, NotFound, type ListQuery } from './service.js';
import { routeSchemas, sharedSchemas } from './schemas.js';

export interface ServeOptions {
  /** SQLite file (created when missing). */
  dbPath: string;
  port?: number;
  host?: string;
  /** Bearer token for writes; writes are refused when null. Defaults to MARSAD_API_TOKEN. */
  token?: string | null;
  /** Annotation worker threads for posted records; 0 analyses on the server thread. */
  workers?: number;
  /** The learned entity tagger (default on, as in `analyze`). */
  ner?: boolean;
  /** Largest request body in bytes (default 8 MB). */
  bodyLimit?: number;
  /** Bytes of whole GET responses kept in memory (default 64 MB; 0 turns the cache off). */
  cacheBytes?: number;
  /** Log requests to stdout (pino). */
  logger?: boolean;
  /** Folder of the built web app; defaults to dist/web next to this module's dist/. */
  webRoot?: string;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  service: MarsadService;
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
const defaultWebRoot = fileURLToPath(new URL('../web/', import.meta.url));

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(reply: FastifyReply, json: string, status = 200): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(json);
}

function errorBody(statusCode: number, error: string, message: string): string {
  return JSON.stringify({ error, message, statusCode });
}

/** Builds the Fastify app over an open store (the caller owns the store and the annotator). */
export async function buildApp(store: Store, context: PipelineContext, annotator: Annotator, options: Omit<ServeOptions, 'dbPath'> = {}): Promise<{ app: FastifyInstance; service: MarsadService }> {
  const token = options.token === undefined ? (process.env.MARSAD_API_TOKEN || null) : options.token;
  const service = new MarsadService(store, context, annotator);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Ids are validated by the route schemas (at most 300 characters, 400 beyond); the router's own limit is looser.
    routerOptions: { maxParamLength: 2000 },
    // Query strings like ?limit=20 arrive as strings: ajv coerces them to the schema's types.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
  });
  for (const schema of sharedSchemas) app.addSchema(schema);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Marsad API', version: '1.0.0', description: 'Arabic news intelligence: stories, events, claims, contradictions and search (docs/api.md).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'MARSAD_API_TOKEN' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    // The web app loads only its own scripts; an article's text can never bring one in (defence in depth: it is rendered as text).
    reply.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof NotFound) return sendJson(reply, errorBody(404, 'Not Found', error.message), 404);
    if (error.validation) return sendJson(reply, errorBody(400, 'Bad Request', `invalid ${error.validationContext ?? 'request'}: ${error.message}`), 400);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error(error);
      const message = request.method === 'POST'
        ? 'the write failed part-way: records stored before the failure are kept, and posting the same records again is safe (stored ones are skipped)'
        : 'the request failed; nothing stored was changed by it';
      return sendJson(reply, errorBody(500, 'Internal Server Error', message), 500);
    }
    const messages: Record<string, string> = {
      FST_ERR_CTP_BODY_TOO_LARGE: `request body too large: the limit is ${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`,
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported content type: send application/json',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'empty JSON body',
    };
    const message = messages[error.code] ?? (error instanceof SyntaxError ? `malformed JSON: ${error.message}` : error.message);
    return sendJson(reply, errorBody(status, status === 413 ? 'Payload Too Large' : status === 415 ? 'Unsupported Media Type' : 'Bad Request', message), status);
  });

  // Reads answer from a cache of whole responses, emptied by every write: a story page or a repeated search costs
  // one map lookup. Keyed by the URL as sent (path and query string).
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const cache = cacheBytes > 0 ? new LRUCache<string, { type: string; body: string }>({ maxSize: cacheBytes, sizeCalculation: (v) => v.body.length + 64 }) : null;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    // Another process may have written (watch, worker, analyze): cached answers and post indexes are then stale.
    service.noticeExternalWrites();
    if (!cache || request.method !== 'GET') return;
    const hit = cache.get(request.url);
    if (hit) return reply.code(200).type(hit.type).header('X-Cache', 'hit').send(hit.body);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (cache && request.method === 'GET' && reply.statusCode === 200 && typeof payload === 'string' && request.url.startsWith('/api/') && reply.getHeader('X-Cache') === undefined) {
      cache.set(request.url, { type: String(reply.getHeader('content-type')), body: payload });
    }
    return payload;
  });
  service.onWrite(() => cache?.clear());

  await app.register(async (api) => {
    // JSON only: other bodies get 415 instead of reaching the handlers as strings.
    api.removeContentTypeParser(['text/plain']);
    // ajv coerces "1e400" or "Infinity" to a number its bounds do not catch.
    api.addHook('preHandler', async (request, reply) => {
      for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
        if (typeof value === 'number' && !Number.isFinite(value)) return sendJson(reply, errorBody(400, 'Bad Request', `invalid querystring: ${name} must be a finite number`), 400);
      }
    });
    api.setNotFoundHandler((request, reply) => sendJson(reply, errorBody(404, 'Not Found', `no route ${request.method} ${request.url.split('?')[0]}`), 404));

    api.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => sendJson(reply, JSON.stringify(app.swagger())));
    api.get('/health', { schema: { hide: true } }, async (_request, reply) => sendJson(reply, JSON.stringify({ ok: true, articles: store.articleCount() })));

    api.get('/stories', { schema: routeSchemas.stories }, async (request, reply) => sendJson(reply, service.storiesJson(request.query as ListQuery)));
    api.get('/stories/:id', { schema: routeSchemas.story }, async (request, reply) => sendJson(reply, service.storyJson((request.params as { id: string }).id)));
    api.get('/entities/:id', { schema: routeSchemas.entity }, async (request, reply) => {
      const { limit } = request.query as { limit: number };
      return sendJson(reply, JSON.stringify(service.entity((request.params as { id: string }).id, limit)));
    });
    api.get('/events', { schema: routeSchemas.events }, async (request, reply) => {
      const query = request.query as ListQuery & { format: 'json' | 'geojson' };
      if (query.format === 'geojson') return reply.code(200).type('application/geo+json; charset=utf-8').send(JSON.stringify(service.eventsGeoJson(query)));
      return sendJson(reply, JSON.stringify(service.events(query)));
    });
    api.get('/search', { schema: routeSchemas.search }, async (request, reply) => {
      const { q, limit, offset } = request.query as { q: string; limit: number; offset: number };
      return sendJson(reply, JSON.stringify(service.search(q, limit, offset)));
    });
    api.get('/articles/:id', { schema: routeSchemas.article }, async (request, reply) => sendJson(reply, JSON.stringify(service.article((request.params as { id: string }).id))));
    api.get('/articles', { schema: routeSchemas.articles }, async (request, reply) => {
      const { storyId, limit, offset } = request.query as { storyId: string; limit: number; offset: number };
      return sendJson(reply, JSON.stringify(service.storyArticles(storyId, limit, offset)));
    });
    api.get('/outlets', { schema: routeSchemas.outlets }, async (_request, reply) => sendJson(reply, service.outletsJson()));

    // The token is checked before the body is even read: an unauthorised client cannot make the server parse megabytes.
    const authorise = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!token) return sendJson(reply, errorBody(403, 'Forbidden', 'writes are disabled: start the server with MARSAD_API_TOKEN set'), 403);
      const header = request.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!given || !sameToken(given, token)) return sendJson(reply, errorBody(401, 'Unauthorized', 'missing or wrong bearer token'), 401);
    };
    api.post('/articles', { schema: routeSchemas.postArticles, onRequest: authorise }, async (request, reply) => {
      const body = request.body;
      const records = Array.isArray(body) ? body : [body];
      return sendJson(reply, JSON.stringify(await service.addRecords(records)), 201);
    });
  }, { prefix: '/api' });

  const webRoot = options.webRoot ?? defaultWebRoot;
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html', wildcard: true });
  } else {
    app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send(`Marsad API is at /api (OpenAPI: /api/openapi.json). The web app is not built: ${webRoot} is missing (npm run build).`));
  }
  return { app, service };
}

/** Opens the store, backfills views it lacks, starts listening; close() stops accepting, finishes writes, closes the store. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const store = openStore(options.dbPath);
  const pipeline = { ner: options.ner !== false };
  const context = createPipelineContext(pipeline);
  const workers = options.workers ?? 1;
  const annotator = workers > 0 ? workerAnnotator(workers, pipeline) : inlineAnnotator(context);
  try {
    backfillViews(store, context.kb);
    const { app, service } = await buildApp(store, context, annotator, options);
    const address = await app.listen({ port: options.port ?? 8080, host: options.host ?? '127.0.0.1' });
    return {
      url: address,
      app,
      service,
      async close() {
        await app.close();
        await service.settle();
        await annotator.close();
        store.close();
      },
    };
  } catch (error) {
    await annotator.close();
    store.close();
    throw error;
  }
}

// JSON schemas of the HTTP API: request validation (Fastify/ajv answers 400 on a mismatch) and the OpenAPI document
// (@fastify/swagger turns them into /api/openapi.json). Response shapes mirror src/serve/api-types.ts.

const nullableString = { type: ['string', 'null'] } as const;
const id = { type: 'string', minLength: 1, maxLength: 300 } as const;
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } as const;
const ploverType = {
  type: 'string',
  enum: ['agree', 'consult', 'support', 'concede', 'cooperate', 'aid', 'retreat', 'request', 'accuse', 'reject', 'threaten', 'protest', 'sanction', 'mobilize', 'coerce', 'assault'],
} as const;

/** Shared schemas, registered with app.addSchema and referenced as { $ref: 'Name#' }. */
export const sharedSchemas = [
  {
    $id: 'EntityRef', type: 'object', required: ['id', 'type', 'name'],
    properties: {
      id: { type: 'string' }, type: { type: 'string', enum: ['person', 'organization', 'location', 'facility', 'misc'] },
      name: { type: 'object', properties: { ar: { type: 'string' }, en: { type: 'string' } } },
      coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, description: '[longitude, latitude]' },
    },
  },
  {
    $id: 'Snippet', type: 'object', required: ['text', 'highlights'],
    description: 'Plain text with matched words marked by [start, end) offsets into `text`.',
    properties: { text: { type: 'string' }, highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' } } } },
  },
  {
    $id: 'Event', type: 'object', description: 'A PLOVER event (docs/events.md, docs/output.md).',
    properties: {
      id: { type: 'string' }, type: ploverType, mode: { type: 'string' }, context: { type: 'string' },
      qualifiers: { type: 'array', items: { type: 'string' } }, status: { type: 'string', enum: ['reported', 'planned'] },
      actors: { type: 'array', items: { type: 'string' } }, recipients: { type: 'array', items: { type: 'string' } },
      location: nullableString, date: nullableString, counts: { type: 'object', additionalProperties: { type: 'number' } },
      articleIds: { type: 'array', items: { type: 'string' } },
      evidence: { type: 'array', items: { type: 'object', properties: { articleId: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } } } },
      attribution: nullableString,
      storyIds: { type: 'array', items: { type: 'string' } },
    },
  },
  {
    $id: 'Claim', type: 'object', description: 'An attributed statement (docs/events.md).',
    properties: {
      id: { type: 'string' }, speaker: nullableString, speakerText: { type: 'string' }, unnamed: { type: 'boolean' }, cue: { type: 'string' },
      text: { type: 'string' }, articleId: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' },
      stance: { type: 'string', enum: ['assert', 'deny', 'accuse', 'warn', 'reject', 'demand'] }, about: { type: 'array', items: { type: 'string' } },
    },
  },
  {
    $id: 'StorySummary', type: 'object',
    properties: {
      id: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, articleCount: { type: 'integer' }, sourceCount: { type: 'integer' },
      outlets: { type: 'array', items: { type: 'string' } }, firstPublished: nullableString, lastPublished: nullableString,
      updatedAt: { type: 'string', description: 'When an article last joined the story' },
      activity: { type: 'array', items: { type: 'object', properties: { date: { type: 'string' }, count: { type: 'integer' } } } },
      eventCount: { type: 'integer' }, contradictionCount: { type: 'integer' }, topEntities: { type: 'array', items: { $ref: 'EntityRef#' } },
    },
  },
  {
    $id: 'ArticleSummary', type: 'object',
    properties: {
      id: { type: 'string' }, title: { type: 'string' }, outlet: nullableString, published: nullableString, url: nullableString,
      storyId: nullableString, duplicateOf: nullableString, excerpt: { type: 'string' },
    },
  },
  {
    $id: 'Error', type: 'object', required: ['error', 'message', 'statusCode'],
    properties: { error: { type: 'string' }, message: { type: 'string' }, statusCode: { type: 'integer' } },
  },
] as const;

const errors = { 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } };

export const filterQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 500, description: 'Words in the articles (Arabic-aware: spelling variants, clitics)' },
    entity: { ...id, description: 'Entity id mentioned in the story' },
    place: { ...id, description: 'Place id: mentioned, or where an event happened' },
    type: { ...ploverType, description: 'PLOVER event type' },
    from: isoDate, to: isoDate,
    outlet: { type: 'string', minLength: 1, maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 },
  },
} as const;

export const routeSchemas = {
  stories: {
    summary: 'List stories, newest activity first, optionally filtered', tags: ['stories'],
    querystring: filterQuery,
    response: {
      200: { type: 'object', properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, stories: { type: 'array', items: { $ref: 'StorySummary#' } } } },
      ...errors,
    },
  },
  story: {
    summary: 'One story: articles, timeline, claims by speaker, contradictions, entities', tags: ['stories'],
    params: { type: 'object', required: ['id'], properties: { id } },
    response: {
      200: {
        description: 'StoryDetail (src/serve/api-types.ts): StorySummary plus articles, timeline, claimsBySpeaker, contradictions, entities, entityIndex',
        type: 'object',
        properties: {
          articles: { type: 'array', items: { $ref: 'ArticleSummary#' } },
          timeline: { type: 'array', items: { $ref: 'Event#' } },
          claimsBySpeaker: { type: 'array', items: { type: 'object', properties: { speaker: nullableString, speakerText: { type: 'string' }, claims: { type: 'array', items: { $ref: 'Claim#' } } } } },
          contradictions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' }, kind: { type: 'string', enum: ['accounts', 'numbers', 'denial', 'actors'] }, topic: { type: 'string' }, explanation: { type: 'string' },
                claims: { type: 'array', items: { $ref: 'Claim#' } }, events: { type: 'array', items: { $ref: 'Event#' } },
              },
            },
          },
          entities: { type: 'array', items: { type: 'object', properties: { entity: { $ref: 'EntityRef#' }, mentions: { type: 'integer' }, articles: { type: 'integer' } } } },
          entityIndex: { type: 'object', additionalProperties: { $ref: 'EntityRef#' } },
        },
      },
      ...errors,
    },
  },
  entity: {
    summary: 'One entity with its latest mentions and its stories', tags: ['entities'],
    params: { type: 'object', required: ['id'], properties: { id } },
    querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } } },
    response: {
      200: {
        type: 'object',
        properties: {
          entity: { $ref: 'EntityRef#' }, mentionCount: { type: 'integer' }, articleCount: { type: 'integer' },
          mentions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                articleId: { type: 'string' }, title: { type: 'string' }, outlet: nullableString, published: nullableString,
                start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' }, snippet: { $ref: 'Snippet#' },
              },
            },
          },
          stories: { type: 'array', items: { $ref: 'StorySummary#' } },
        },
      },
      ...errors,
    },
  },
  events: {
    summary: 'Events with the story filters; format=geojson gives a FeatureCollection of the located ones', tags: ['events'],
    querystring: {
      ...filterQuery,
      properties: {
        ...filterQuery.properties,
        storyId: id,
        limit: { type: 'integer', minimum: 1, maximum: 5000, default: 100 },
        format: { type: 'string', enum: ['json', 'geojson'], default: 'json' },
      },
    },
    response: {
      200: {
        description: 'EventList, or an RFC 7946 FeatureCollection of Point features (properties: the event and locationName) with format=geojson',
        type: 'object',
        properties: {
          total: { type: 'integer' }, events: { type: 'array', items: { $ref: 'Event#' } }, entityIndex: { type: 'object', additionalProperties: { $ref: 'EntityRef#' } },
          type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object' } },
        },
      },
      ...errors,
    },
  },
  search: {
    summary: 'Arabic-aware full-text search over stories and articles, with highlighted snippets', tags: ['search'],
    querystring: {
      type: 'object', additionalProperties: false, required: ['q'],
      properties: {
        q: { type: 'string', minLength: 1, maxLength: 500 },
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        offset: { type: 'integer', minimum: 0, maximum: 100000, default: 0 },
      },
    },
    response: {
      200: {
        type: 'object',
        properties: {
          query: { type: 'string' }, terms: { type: 'array', items: { type: 'string' } }, entities: { type: 'array', items: { $ref: 'EntityRef#' } },
          stories: { type: 'array', items: { type: 'object', properties: { story: { $ref: 'StorySummary#' }, score: { type: 'number' }, snippet: { $ref: 'Snippet#' } } } },
          articles: { type: 'array', items: { type: 'object', properties: { article: { $ref: 'ArticleSummary#' }, score: { type: 'number' }, snippet: { $ref: 'Snippet#' } } } },
          totalArticles: { type: 'integer' },
        },
      },
      ...errors,
    },
  },
  article: {
    summary: 'One article: its text as published, its entity mentions', tags: ['articles'],
    params: { type: 'object', required: ['id'], properties: { id } },
    response: { 200: { type: 'object', description: 'ArticleDetail (src/serve/api-types.ts)' }, ...errors },
  },
  articles: {
    summary: "A story's articles in arrival order, paged", tags: ['articles'],
    querystring: {
      type: 'object', additionalProperties: false, required: ['storyId'],
      properties: { storyId: id, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 1000000, default: 0 } },
    },
    response: {
      200: { type: 'object', properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, articles: { type: 'array', items: { $ref: 'ArticleSummary#' } } } },
      ...errors,
    },
  },
  outlets: {
    summary: 'Outlets with their article counts', tags: ['articles'],
    response: { 200: { type: 'array', items: { type: 'object', properties: { outlet: { type: 'string' }, articles: { type: 'integer' } } } } },
  },
  postArticles: {
    summary: 'Add records (the JSONL input shape, one object or an array); analysed and stored before the answer', tags: ['articles'],
    security: [{ bearer: [] }],
    body: {
      description: 'One record or up to 500: {id?, text | html, title?, outlet?, published?, url?}. Each record is checked on its own: a bad record is reported in `errors`, the others are stored.',
      oneOf: [{ type: 'object' }, { type: 'array', items: {}, minItems: 1, maxItems: 500 }],
    },
    response: {
      201: {
        type: 'object',
        properties: {
          articles: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, input: { type: 'string' }, storyId: nullableString, duplicateOf: nullableString, alreadyStored: { type: 'boolean' } } } },
          errors: { type: 'array', items: { type: 'object', properties: { input: { type: 'string' }, reason: { type: 'string' }, stage: { type: 'string' } } } },
        },
      },
      400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 413: { $ref: 'Error#' }, 415: { $ref: 'Error#' },
    },
  },
} as const;

// Test support for the HTTP API: a store filled by `marsad analyze` (quietly, knowledge base and rules only) and the
// API app over it, as `marsad serve` would build it. Input: a temp folder and input paths. Output: the open pieces.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { runAnalyze } from '../cli/analyze.js';
import { openStore } from '../store/open.js';
import { testDbLocation } from './test-store.js';
import type { Store } from '../store/store.js';
import { createPipelineContext, type PipelineContext } from '../pipeline.js';
import { inlineAnnotator, type Annotator } from '../annotate-pool.js';
import { buildApp } from '../serve/server.js';

export interface ServedStore {
  /** Where the store is (a SQLite file in the folder, or a PostgreSQL schema): other writers can open it too. */
  db: string;
  store: Store;
  context: PipelineContext;
  annotator: Annotator;
  app: FastifyInstance;
}

export async function servedStore(dir: string, inputs: string[], token: string): Promise<ServedStore> {
  const db = testDbLocation(dir);
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    assert.equal(await runAnalyze(inputs, { db, workers: 0, ner: false }), 0);
  } finally {
    process.stdout.write = write;
  }
  const store = openStore(db);
  const context = createPipelineContext({ ner: false });
  const annotator = inlineAnnotator(context);
  const { app } = await buildApp(store, context, annotator, { token });
  return { db, store, context, annotator, app };
}

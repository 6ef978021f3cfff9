// `marsad serve`: starts the HTTP API and web app over a store and runs until interrupted.
// Input: options. Output: the URL on stdout; exits 0 on SIGINT/SIGTERM after finishing queued writes.
import { existsSync } from 'node:fs';
import { startServer } from '../serve/server.js';
import { StoreOpenError, describeLocation, isPostgresUrl, resolveDbLocation } from '../store/open.js';

export interface ServeCliOptions {
  /** A SQLite file or a postgres:// URL (default: MARSAD_DATABASE_URL, else marsad.db). */
  db?: string;
  port: number;
  host: string;
  workers?: number;
  ner?: boolean;
  log?: boolean;
}

export async function runServe(options: ServeCliOptions): Promise<void> {
  const db = resolveDbLocation(options.db);
  if (!isPostgresUrl(db) && !existsSync(db)) process.stderr.write(`note: ${db} does not exist yet; starting with an empty store\n`);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ dbPath: db, port: options.port, host: options.host, workers: options.workers, ner: options.ner, logger: options.log });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    process.stderr.write(`marsad serve: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const writes = process.env.MARSAD_API_TOKEN ? 'writes enabled (bearer token from MARSAD_API_TOKEN)' : 'read-only (set MARSAD_API_TOKEN to allow POST /api/articles)';
  process.stdout.write(`marsad serve: ${server.url}  (store ${describeLocation(db)}, ${writes})\n`);
  const stop = async () => {
    process.stdout.write('stopping: finishing queued writes\n');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// `marsad serve`: starts the HTTP API and web app over a store and runs until interrupted.
// Input: options. Output: the URL on stdout; exits 0 on SIGINT/SIGTERM after finishing queued writes.
import { existsSync } from 'node:fs';
import { startServer } from '../serve/server.js';

export interface ServeCliOptions {
  db: string;
  port: number;
  host: string;
  workers?: number;
  ner?: boolean;
  log?: boolean;
}

export async function runServe(options: ServeCliOptions): Promise<void> {
  if (!existsSync(options.db)) process.stderr.write(`note: ${options.db} does not exist yet; starting with an empty store\n`);
  const server = await startServer({ dbPath: options.db, port: options.port, host: options.host, workers: options.workers, ner: options.ner, logger: options.log });
  const writes = process.env.MARSAD_API_TOKEN ? 'writes enabled (bearer token from MARSAD_API_TOKEN)' : 'read-only (set MARSAD_API_TOKEN to allow POST /api/articles)';
  process.stdout.write(`marsad serve: ${server.url}  (store ${options.db}, ${writes})\n`);
  const stop = async () => {
    process.stdout.write('stopping: finishing queued writes\n');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

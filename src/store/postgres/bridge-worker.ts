// The worker thread behind the synchronous PostgreSQL bridge (bridge.ts): holds node-postgres connections and runs
// what the main thread sends, one request at a time (the main thread waits on each through synckit).
// Input: connect / run / close requests. Output: connection ids, rows of the statements asked for, or the error.
import pg from 'pg';
import { runAsWorker } from 'synckit';
import { COMMIT_CHANNEL, type BridgeRequest, type BridgeResponse } from './bridge-protocol.js';

// bigint columns and count(*) arrive as numbers (every value Marsad stores fits in 2^53), as better-sqlite3 returns them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

interface Connection {
  client: pg.Client;
  /** An error the connection raised between requests (e.g. the server went away): reported by the next request. */
  broken: Error | null;
  /** Commits other connections announced on COMMIT_CHANNEL for this connection's schema, once listening. */
  othersCommits: number;
  listening: boolean;
}

const connections = new Map<number, Connection>();

/**
 * PostgreSQL text cannot hold NUL (SQLite's can): it becomes U+FFFD, one UTF-16 unit as well, so offsets into a text
 * stay valid and a lookup by a key holding NUL finds nothing instead of failing (docs/store.md).
 */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replace(/\u0000/g, '\uFFFD') : value;
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' || Array.isArray(v)) ? value.map(withoutNul) : value;
  return value;
}
let nextId = 1;

async function connect(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000 });
  const connection: Connection = { client, broken: null, othersCommits: 0, listening: false };
  client.on('error', (error: Error) => {
    connection.broken = error;
  });
  await client.connect();
  const id = nextId++;
  connections.set(id, connection);
  return id;
}

async function run(request: Extract<BridgeRequest, { op: 'run' }>): Promise<BridgeResponse> {
  const connection = connections.get(request.connection);
  if (!connection) throw new Error('the PostgreSQL connection is closed');
  if (connection.broken) throw connection.broken;
  const results: BridgeResponse['results'] = [];
  for (let i = 0; i < request.statements.length; i++) {
    const s = request.statements[i];
    try {
      const config = { text: s.sql, values: (s.params ?? []).map(withoutNul), rowMode: s.rowMode } as pg.QueryConfig;
      const result: pg.QueryResult = await connection.client.query(config);
      if (s.returns) results.push({ index: i, rows: result.rows as unknown[], rowCount: result.rowCount ?? 0 });
    } catch (error) {
      // A failed write inside a transaction aborts it: roll back here, in the same round trip, before reporting.
      if (request.rollbackOnError) await connection.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  return { results };
}

/** Starts listening on the first call; notifications arrive while the main thread does other work. */
async function commits(id: number): Promise<number> {
  const connection = connections.get(id);
  if (!connection) throw new Error('the PostgreSQL connection is closed');
  if (connection.broken) throw connection.broken;
  if (!connection.listening) {
    const { client } = connection;
    const schema = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0].schema;
    const ownPid = (client as unknown as { processID: number }).processID;
    client.on('notification', (message) => {
      if (message.channel === COMMIT_CHANNEL && message.payload === schema && message.processId !== ownPid) connection.othersCommits++;
    });
    await client.query(`LISTEN ${COMMIT_CHANNEL}`);
    connection.listening = true;
  }
  return connection.othersCommits;
}

async function close(id: number): Promise<void> {
  const connection = connections.get(id);
  connections.delete(id);
  if (connection) await connection.client.end().catch(() => undefined);
}

runAsWorker(async (request: BridgeRequest): Promise<BridgeResponse | number | null> => {
  switch (request.op) {
    case 'connect': return connect(request.url);
    case 'run': return run(request);
    case 'commits': return commits(request.connection);
    case 'close': await close(request.connection); return null;
  }
});

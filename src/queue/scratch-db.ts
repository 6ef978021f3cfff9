// Scratch stores for the queue tests and the workers benchmark: a SQLite file in a temporary folder, or a fresh schema
// in a PostgreSQL database (dropped afterwards). Input: a database URL. Output: a location openStore accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.js';
import { rawQuery, scratchSchema } from '../test-support/test-store.js';

export interface ScratchDb {
  /** What `openStore` and `--db` take. */
  location: string;
  dispose(): Promise<void>;
}

/**
 * Created and migrated, like a PostgreSQL scratch: the processes a test then starts open an existing store (opening a new
 * file from several processes at once has its own test in src/store/sqlite/sqlite-store.test.ts).
 */
export function sqliteScratch(): ScratchDb {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-queue-'));
  const location = join(dir, 'marsad.db');
  openStore(location).close();
  return { location, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** The reason PostgreSQL tests skip, or null when they can run. */
export function postgresSkipReason(): string | null {
  const url = process.env.MARSAD_TEST_DATABASE_URL;
  if (!url) return 'MARSAD_TEST_DATABASE_URL is not set (e.g. postgres://marsad:marsad@127.0.0.1:5432/marsad)';
  return null;
}

/** A new schema in the database (src/test-support/test-store.ts); the URL returned selects it for every connection. */
export async function postgresScratch(url: string = process.env.MARSAD_TEST_DATABASE_URL!): Promise<ScratchDb> {
  const { url: location, drop } = scratchSchema(url);
  // Fails early (and clearly) when the PostgreSQL back end cannot open or migrate a store.
  openStore(location).close();
  return { location, dispose: async () => drop() };
}

/** Row counts that expose an article stored twice or linked twice (same SQL on both back ends). */
export interface RowCounts {
  articles: number;
  distinctArticles: number;
  fingerprints: number;
  storyLinks: number;
  linkedArticles: number;
  storyMembers: number;
}

const ROW_COUNTS_SQL = `SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(DISTINCT id) FROM articles) AS "distinctArticles",
  (SELECT COUNT(*) FROM fingerprints) AS fingerprints, (SELECT COUNT(*) FROM story_articles) AS "storyLinks",
  (SELECT COUNT(DISTINCT article_id) FROM story_articles) AS "linkedArticles", (SELECT COUNT(*) FROM story_members) AS "storyMembers"`;

export async function rowCounts(location: string): Promise<RowCounts> {
  const [row] = rawQuery<Record<keyof RowCounts, number | string>>(location, { sqlite: ROW_COUNTS_SQL, postgres: ROW_COUNTS_SQL });
  // PostgreSQL counts are bigints, which arrive as strings.
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as RowCounts;
}

/**
 * The batches the workers committed, oldest first, each as its job inputs in claim order: jobs settled together share
 * done_at (one settle call per batch, inside the batch's transaction).
 */
export async function committedBatches(location: string): Promise<string[][]> {
  const sql = `SELECT input, done_at AS "doneAt" FROM jobs WHERE status = 'done' ORDER BY done_at, id`;
  const rows = rawQuery<{ input: string; doneAt: string }>(location, { sqlite: sql, postgres: sql });
  const batches: string[][] = [];
  rows.forEach((r, i) => {
    if (i === 0 || r.doneAt !== rows[i - 1].doneAt) batches.push([]);
    batches.at(-1)!.push(r.input);
  });
  return batches;
}

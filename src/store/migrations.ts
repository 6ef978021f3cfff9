// The numbered SQL migrations of a back end (`NNN_name.sql` in its data/migrations/ folder), in version order. Both
// back ends keep the same versions and names, each in its own dialect. Input: the folder. Output: Migration values.
import { readFileSync, readdirSync } from 'node:fs';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d+)_[\w-]+\.sql$/;

export function readMigrations(dir: URL): Migration[] {
  return readdirSync(dir)
    .map((name) => ({ name, match: MIGRATION_FILE.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map(({ name, match }) => ({ version: Number(match[1]), name, sql: readFileSync(new URL(name, dir), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

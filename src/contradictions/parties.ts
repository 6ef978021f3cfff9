// Which side an entity speaks for (data/parties.json); an entity not listed is a side of its own.
// Input: entity ids. Output: side names.
import { readFileSync } from 'node:fs';

let sides: Map<string, string> | null = null;

function load(): Map<string, string> {
  if (sides) return sides;
  const data = JSON.parse(readFileSync(new URL('./data/parties.json', import.meta.url), 'utf8')) as { parties: Record<string, string[]> };
  sides = new Map();
  for (const [party, ids] of Object.entries(data.parties)) for (const id of ids) sides.set(id, party);
  return sides;
}

export function sideOf(entityId: string): string {
  return load().get(entityId) ?? entityId;
}

export function listedEntityIds(): string[] {
  return [...load().keys()];
}

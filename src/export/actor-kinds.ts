// State or non-state: the actorKind the PLOVER→ACLED mapping needs (src/events/data/acled.json, `actorKind`).
// Input: an entity id and the knowledge base. Output: 'state', 'non-state', or null when the data does not say.
import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from '../kb/kb.js';

export type ActorKind = 'state' | 'non-state';

interface ActorKindData {
  countries: { notCountries: string[] };
  state: string[];
  nonState: string[];
  neither: string[];
  mintedNameHeads: { state: string[]; nonState: string[] };
}

let cached: ActorKindData | null = null;

export function loadActorKindData(): ActorKindData {
  cached ??= JSON.parse(readFileSync(new URL('./data/actor-kinds.json', import.meta.url), 'utf8')) as ActorKindData;
  return cached;
}

const MINTED = /^new:[a-z]+:(.+)$/;

/** Classifies entity ids with data/actor-kinds.json (README.md there): listed ids, countries by rule, minted names by head word. */
export function actorKindClassifier(kb: KnowledgeBase, data: ActorKindData = loadActorKindData()): (entityId: string) => ActorKind | null {
  const state = new Set(data.state);
  const nonState = new Set(data.nonState);
  const notCountries = new Set(data.countries.notCountries);
  const stateHeads = new Set(data.mintedNameHeads.state);
  const nonStateHeads = new Set(data.mintedNameHeads.nonState);
  return (entityId) => {
    if (state.has(entityId)) return 'state';
    if (nonState.has(entityId)) return 'non-state';
    const entity = kb.getEntity(entityId);
    if (entity) {
      const country = entity.type === 'location' && entity.country !== undefined && entity.partOf === undefined
        && entity.population === undefined && !notCountries.has(entity.id);
      return country ? 'state' : null;
    }
    const minted = MINTED.exec(entityId);
    if (!minted) return null;
    const head = minted[1].split('-')[0];
    return stateHeads.has(head) ? 'state' : nonStateHeads.has(head) ? 'non-state' : null;
  };
}

/** The countries the rule finds, for checking it (one per country code). */
export function countriesByRule(kb: KnowledgeBase, kindOf: (entityId: string) => ActorKind | null): string[] {
  return [...kb.entities.values()].filter((e) => e.type === 'location' && kindOf(e.id) === 'state').map((e) => e.id);
}

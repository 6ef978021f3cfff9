// Structural checks for the event layer's reference data (PLOVER ontology, ACLED categories and the mapping between them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const QUADS = ['verbal-cooperation', 'material-cooperation', 'verbal-conflict', 'material-conflict'];
const ACTOR_KINDS = ['state', 'non-state'];

interface PloverType {
  quad: string;
  definition: string;
  modes: Record<string, string>;
  recipientRequired: boolean;
}
interface Plover {
  version: string;
  types: Record<string, PloverType>;
  contexts: Record<string, string>;
  recordFields: Record<string, string>;
  magnitudeFields: string[];
}
interface MappingEntry {
  type: string;
  mode?: string;
  qualifier?: string;
  actorKind?: string;
  eventType: string;
  subEventType: string;
}
interface Acled {
  eventTypes: Record<string, string[]>;
  qualifiers: Record<string, string>;
  fromPlover: MappingEntry[];
  notes: string;
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;
const plover = readJson<Plover>('plover.json');
const acled = readJson<Acled>('acled.json');

test('plover.json describes every event type of its manual version', () => {
  assert.match(plover.version, /^\d+\.\d+/);
  const names = Object.keys(plover.types).sort();
  assert.deepEqual(names, [
    'accuse', 'agree', 'aid', 'assault', 'coerce', 'concede', 'consult', 'cooperate',
    'mobilize', 'protest', 'reject', 'request', 'retreat', 'sanction', 'support', 'threaten',
  ]);
  for (const [name, type] of Object.entries(plover.types)) {
    assert.ok(QUADS.includes(type.quad), `${name}: bad quad ${type.quad}`);
    assert.ok(type.definition.length > 20, `${name}: definition missing`);
    assert.equal(typeof type.recipientRequired, 'boolean', `${name}: recipientRequired`);
    for (const [mode, gloss] of Object.entries(type.modes)) {
      assert.match(mode, /^[a-zA-Z-]+$/, `${name}: odd mode ${mode}`);
      assert.ok(gloss.length > 0, `${name}.${mode}: gloss missing`);
    }
  }
  assert.ok(Object.keys(plover.types.assault.modes).length >= 10);
});

test('plover.json lists contexts, record fields and magnitude fields', () => {
  for (const special of ['historical', 'future', 'hypothetical', 'negation']) assert.ok(special in plover.contexts, special);
  for (const field of ['id', 'date', 'source', 'recipient', 'event', 'mode', 'context', 'event_loc']) assert.ok(field in plover.recordFields, field);
  for (const field of ['dead', 'injured']) assert.ok(plover.magnitudeFields.includes(field), field);
});

test('acled.json sub-event types each belong to exactly one event type', () => {
  assert.equal(Object.keys(acled.eventTypes).length, 6);
  const seen = new Map<string, string>();
  for (const [eventType, subs] of Object.entries(acled.eventTypes)) {
    assert.ok(subs.length > 0, eventType);
    for (const sub of subs) {
      assert.ok(!seen.has(sub), `${sub} listed under ${seen.get(sub)} and ${eventType}`);
      seen.set(sub, eventType);
    }
  }
  assert.ok(acled.eventTypes['Strategic developments'].includes('Other'));
  assert.ok(acled.notes.length > 0);
});

test('every fromPlover entry refers to known PLOVER and ACLED values', () => {
  for (const [index, entry] of acled.fromPlover.entries()) {
    const where = `fromPlover[${index}] ${JSON.stringify(entry)}`;
    const type = plover.types[entry.type];
    assert.ok(type, `${where}: unknown PLOVER type`);
    if (entry.mode !== undefined) assert.ok(entry.mode in type.modes, `${where}: mode not defined for ${entry.type}`);
    if (entry.qualifier !== undefined) assert.ok(entry.qualifier in acled.qualifiers, `${where}: undeclared qualifier`);
    if (entry.actorKind !== undefined) assert.ok(ACTOR_KINDS.includes(entry.actorKind), `${where}: bad actorKind`);
    const subs = acled.eventTypes[entry.eventType];
    assert.ok(subs, `${where}: unknown ACLED event type`);
    assert.ok(subs.includes(entry.subEventType), `${where}: sub-event not under ${entry.eventType}`);
  }
});

test('fromPlover is ordered most specific first and has a catch-all per PLOVER type', () => {
  const conditions = (entry: MappingEntry): [string, string][] =>
    (['mode', 'qualifier', 'actorKind'] as const).flatMap((key) => (entry[key] === undefined ? [] : [[key, entry[key] as string]]));
  acled.fromPlover.forEach((entry, index) => {
    const own = new Map(conditions(entry));
    for (const earlier of acled.fromPlover.slice(0, index)) {
      if (earlier.type !== entry.type) continue;
      const shadows = conditions(earlier).every(([key, value]) => own.get(key) === value);
      assert.ok(!shadows, `entry ${index} (${JSON.stringify(entry)}) is unreachable behind ${JSON.stringify(earlier)}`);
    }
  });
  for (const name of Object.keys(plover.types)) {
    assert.ok(
      acled.fromPlover.some((entry) => entry.type === name && conditions(entry).length === 0),
      `no catch-all mapping for ${name}`,
    );
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledgeBase } from '../kb/kb.js';
import { actorKindClassifier, countriesByRule, loadActorKindData } from './actor-kinds.js';

const kb = loadKnowledgeBase();
const data = loadActorKindData();
const kindOf = actorKindClassifier(kb);

test('every listed id is a knowledge-base entity, listed once', () => {
  const listed = [...data.state, ...data.nonState, ...data.neither, ...data.countries.notCountries];
  assert.deepEqual(listed.filter((id) => !kb.getEntity(id)), []);
  assert.equal(new Set(listed).size, listed.length);
});

test('every organisation of the knowledge base is classified: state, non-state, or neither (IGOs, media, companies)', () => {
  const listed = new Set([...data.state, ...data.nonState, ...data.neither]);
  const organisations = [...kb.entities.values()].filter((e) => e.type === 'organization').map((e) => e.id);
  assert.deepEqual(organisations.filter((id) => !listed.has(id)), []);
  assert.equal(kindOf('org:un'), null);
  assert.equal(kindOf('org:syrian-national-army'), 'non-state');
  assert.equal(kindOf('org:syrian-army'), 'state');
});

test('the country rule finds one country per country code, and no GeoNames place or region', () => {
  const countries = countriesByRule(kb, kindOf);
  const codes = countries.map((id) => kb.getEntity(id)!.country);
  assert.equal(new Set(codes).size, codes.length, `several countries share a code: ${countries.join(' ')}`);
  assert.ok(countries.includes('loc:syria') && countries.includes('loc:united-states'));
  assert.equal(kindOf('loc:shaddadi'), null);
  assert.equal(kindOf('loc:middle-east'), null);
  assert.ok(!countries.some((id) => id.startsWith('loc:geonames-')));
});

test('minted organisations are classified by the head word of their name', () => {
  assert.equal(kindOf('new:organization:وزارة-الزراعة-السورية'), 'state');
  assert.equal(kindOf('new:organization:حزب-الشعب'), 'non-state');
  assert.equal(kindOf('new:organization:مجموعة-مسلحة'), null);
  assert.equal(kindOf('new:person:أحمد-زيد'), null);
});

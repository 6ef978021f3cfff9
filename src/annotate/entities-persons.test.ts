import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../arabic/tokenize.js';
import { newDocument, type EntityType } from '../document.js';
import { loadKnowledgeBase } from '../kb/kb.js';
import { buildInstitutionIndex } from './entities-country.js';
import { propagateSurnames } from './entities-persons.js';
import { addMention, type Scan } from './entities-scan.js';
import { loadCues } from './entity-cues.js';

const kb = loadKnowledgeBase();
const cues = loadCues(kb);

/** A scan of `text` holding the given model mentions (word ranges), as the tagger would leave it. */
function scanWith(text: string, mentions: [first: number, end: number, type: EntityType, entityId: string][]): Scan {
  const doc = newDocument('t', { input: 't', title: '', text, outlet: null, published: '2026-01-20', url: null });
  const tokens = tokenize(text);
  const scan: Scan = {
    doc, tokens, kb, cues, institutionIndex: buildInstitutionIndex(kb, cues.institutionHeads), options: { date: doc.published },
    covered: new Array(tokens.length), mentions: [], titleMentions: new Set(), homographs: [], institutions: [],
  };
  for (const [first, end, type, entityId] of mentions) addMention(scan, first, end, tokens[first].start, type, entityId, 'model');
  return scan;
}

const described = (scan: Scan) => scan.mentions.sort((a, b) => a.start - b.start).map((m) => `${m.text}=${m.entityId}`);

test('a surname alone resolves to the person named in full, over a one-word model person', () => {
  const scan = scanWith('قالت كوندوليزا رايس إن الخطة جاهزة، وأضافت رايس أن رايس ستزور المنطقة.', [
    [1, 3, 'person', 'new:person:كوندوليزا-رايس'], [8, 9, 'person', 'new:person:رايس'],
  ]);
  propagateSurnames(scan);
  assert.deepEqual(described(scan), ['كوندوليزا رايس=new:person:كوندوليزا-رايس', 'رايس=new:person:كوندوليزا-رايس', 'رايس=new:person:كوندوليزا-رايس']);
});

test('a word the tagger names alone as a club lends a person span ending in it no surname', () => {
  // The model ran past the name: «عبدالسلام جمعة [جماهير العنابي]»; «العنابي» is the club it names elsewhere.
  const text = 'ووعد عبدالسلام جمعة جماهير العنابي بالفوز، وقال إن العنابي سيفوز وإن لاعبي العنابي جاهزون.';
  const tokens = tokenize(text);
  const at = (word: string, from = 0) => tokens.findIndex((t, k) => k >= from && t.norm === word);
  const club = at('العنابي', at('العنابي') + 1);
  const scan = scanWith(text, [[1, 5, 'person', 'new:person:عبدالسلام-جمعه-جماهير-العنابي'], [club, club + 1, 'organization', 'new:organization:العنابي']]);
  propagateSurnames(scan);
  assert.deepEqual(described(scan), [
    'عبدالسلام جمعة جماهير العنابي=new:person:عبدالسلام-جمعه-جماهير-العنابي', 'العنابي=new:organization:العنابي',
  ]);
});

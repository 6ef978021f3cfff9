// Validates the hand-annotated event files: every line parses, fields have the expected shape, every quote is a verbatim
// substring of its record's text, triggers lie in the first quote, entity ids exist in the knowledge base.
// Usage: node eval/events/check.mjs [file.jsonl ...]   (default: samples.jsonl and heldout.jsonl next to this script)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const kbDir = join(here, '../../src/kb/data');
const kbIds = new Set();
for (const f of ['persons', 'organizations', 'locations', 'facilities']) {
  for (const e of JSON.parse(readFileSync(join(kbDir, `${f}.json`), 'utf8'))) kbIds.add(e.id);
}
// Event types (docs/events.md "## Annotation guidelines"); modes per type from the PLOVER data file when present.
const TYPES = new Set(['agree', 'consult', 'support', 'concede', 'cooperate', 'aid', 'retreat', 'request', 'accuse', 'reject',
  'threaten', 'protest', 'sanction', 'mobilize', 'coerce', 'assault']);
const QUALIFIERS = new Set(['territory', 'aerial', 'prison-break', 'agreement', 'ceasefire', 'alliance', 'civilian-target', 'escape', 'intercepted']);
const COUNT_KEYS = new Set(['killed', 'injured', 'detained', 'released', 'escaped', 'transferred', 'displaced']);
const ploverPath = join(here, '../../src/events/data/plover.json');
let modesOf = null;
try { modesOf = Object.fromEntries(Object.entries(JSON.parse(readFileSync(ploverPath, 'utf8')).types).map(([t, v]) => [t, new Set(Object.keys(v.modes))])); } catch { /* modes unchecked */ }
const WHY = new Set(['negated', 'denied', 'conditional', 'question', 'called-for']);
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const files = process.argv.slice(2).length ? process.argv.slice(2) : [join(here, 'samples.jsonl'), join(here, 'heldout.jsonl')];
let errors = 0;
const fail = (where, msg) => { errors++; console.error(`${where}: ${msg}`); };
const checkEntity = (where, id) => {
  if (typeof id !== 'string') return fail(where, `entity is not a string: ${JSON.stringify(id)}`);
  if (id.startsWith('name:')) { if (id.length < 6) fail(where, 'empty name:'); return; }
  if (!kbIds.has(id)) fail(where, `unknown knowledge-base id ${id}`);
};

for (const file of files) {
  const ids = new Set();
  const counts = {};
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = `${file}:${i + 1}`;
    let r;
    try { r = JSON.parse(line); } catch (e) { return fail(at, `invalid JSON: ${e.message}`); }
    for (const k of ['id', 'source', 'published', 'outlet', 'title', 'text']) if (typeof r[k] !== 'string') fail(at, `missing ${k}`);
    if (ids.has(r.id)) fail(at, `duplicate id ${r.id}`);
    ids.add(r.id);
    if (!ISO.test(r.published)) fail(at, `bad published ${r.published}`);
    if (!Array.isArray(r.events) || !Array.isArray(r.nonEvents)) return fail(at, 'events/nonEvents must be arrays');
    const text = r.text;
    r.events.forEach((ev, j) => {
      const w = `${r.id} event ${j} (${ev.type})`;
      if (!TYPES.has(ev.type)) fail(w, `unknown type ${ev.type}`);
      if (ev.mode != null && modesOf && !modesOf[ev.type]?.has(ev.mode)) fail(w, `mode ${ev.mode} is not a mode of ${ev.type}`);
      if (!Array.isArray(ev.qualifiers)) fail(w, 'qualifiers must be an array');
      else for (const q of ev.qualifiers) if (!QUALIFIERS.has(q)) fail(w, `unknown qualifier ${q}`);
      if (!Array.isArray(ev.quotes) || ev.quotes.length === 0) fail(w, 'no quotes');
      else for (const q of ev.quotes) if (!text.includes(q)) fail(w, `quote not in text: «${q}»`);
      if (typeof ev.trigger !== 'string' || !ev.trigger) fail(w, 'no trigger');
      else if (ev.quotes?.[0] && !ev.quotes[0].includes(ev.trigger)) fail(w, `trigger «${ev.trigger}» not in first quote`);
      for (const k of ['actors', 'recipients']) {
        if (!Array.isArray(ev[k])) fail(w, `${k} must be an array`);
        else ev[k].forEach((id) => checkEntity(`${w} ${k}`, id));
      }
      if (ev.location != null) checkEntity(`${w} location`, ev.location);
      if (ev.attribution != null) checkEntity(`${w} attribution`, ev.attribution);
      if (ev.date != null && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(ev.date)) fail(w, `bad date ${ev.date}`);
      if (ev.counts != null) for (const [k, v] of Object.entries(ev.counts)) if (!COUNT_KEYS.has(k) || !Number.isFinite(v)) fail(w, `bad count ${k}: ${v}`);
      if (ev.planned != null && ev.planned !== true) fail(w, 'planned must be true or absent');
      counts[ev.type] ??= { events: 0, nonEvents: 0 };
      counts[ev.type].events++;
    });
    r.nonEvents.forEach((ne, j) => {
      const w = `${r.id} nonEvent ${j} (${ne.type})`;
      if (!TYPES.has(ne.type)) fail(w, `unknown type ${ne.type}`);
      if (typeof ne.quote !== 'string' || !text.includes(ne.quote)) fail(w, `quote not in text: «${ne.quote}»`);
      if (!WHY.has(ne.why)) fail(w, `bad why ${ne.why}`);
      counts[ne.type] ??= { events: 0, nonEvents: 0 };
      counts[ne.type].nonEvents++;
    });
  });
  console.log(`${file}: ${ids.size} records`);
  for (const t of Object.keys(counts).sort()) console.log(`  ${t}\t${counts[t].events}\t${counts[t].nonEvents}`);
}
if (errors) { console.error(`${errors} error(s)`); process.exit(1); }
console.log('ok');

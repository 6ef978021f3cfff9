// Checks an analysis document against its contract: the JSON Schema in docs/ and the cross-references it cannot express.
// Input: a parsed `marsad analyze --json` document. Output: a list of problems (empty when the document keeps the contract).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { AnalysisOutput, MentionOut } from '../output/analysis.js';
import { repoRoot } from './paths.js';

let validator: ValidateFunction | null = null;

function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs', 'output.schema.json'), 'utf8')) as object;
    validator = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  }
  return validator;
}

/** Schema violations, as "path: message" lines. */
export function schemaProblems(output: unknown): string[] {
  const validate = schemaValidator();
  if (validate(output)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

/** Offsets, ids and links that the schema cannot check. */
export function referenceProblems(output: AnalysisOutput): string[] {
  const problems: string[] = [];
  const order = new Map<string, number>();
  output.articles.forEach((a, i) => {
    if (order.has(a.id)) problems.push(`article id ${a.id} is listed twice`);
    order.set(a.id, i);
  });
  const texts = new Map(output.articles.map((a) => [a.id, a.text]));
  const checkSpan = (kind: string, span: MentionOut): void => {
    const text = texts.get(span.articleId);
    if (text === undefined) problems.push(`${kind} "${span.text}" names unknown article ${span.articleId}`);
    else if (text.slice(span.start, span.end) !== span.text) {
      problems.push(`${kind} "${span.text}" at ${span.start}-${span.end} of ${span.articleId} reads "${text.slice(span.start, span.end)}"`);
    }
  };
  const entityIds = new Set<string>();
  for (const e of output.entities) {
    if (entityIds.has(e.id)) problems.push(`entity id ${e.id} is listed twice`);
    entityIds.add(e.id);
    for (const m of e.mentions) checkSpan(`mention of ${e.id}`, m);
  }
  for (const t of output.times) checkSpan('time', t);
  for (const q of output.quantities) checkSpan('quantity', q);

  const storyIds = new Set<string>();
  for (const s of output.stories) {
    if (storyIds.has(s.id)) problems.push(`story id ${s.id} is listed twice`);
    storyIds.add(s.id);
    // Stories may list articles stored by an earlier --db run; only articles of this run are checked for membership.
    for (const id of s.articleIds) {
      const article = output.articles.find((a) => a.id === id);
      if (article && article.storyId !== s.id) problems.push(`story ${s.id} lists ${id}, whose storyId is ${article.storyId}`);
    }
  }
  output.articles.forEach((a, i) => {
    if (a.storyId !== null && !storyIds.has(a.storyId)) problems.push(`article ${a.id} has storyId ${a.storyId}, not in stories`);
    if (a.storyId !== null && !output.stories.find((s) => s.id === a.storyId)?.articleIds.includes(a.id)) {
      problems.push(`story ${a.storyId} does not list its article ${a.id}`);
    }
    if (a.duplicateOf !== null) {
      const original = order.get(a.duplicateOf);
      if (original !== undefined && original >= i) problems.push(`article ${a.id} is duplicateOf ${a.duplicateOf}, which comes later`);
      if (a.duplicateOf === a.id) problems.push(`article ${a.id} is duplicateOf itself`);
    }
  });
  // Events, claims and contradictions: spans read their text (for articles of this run), every id resolves.
  const eventIds = new Set(output.events.map((e) => e.id));
  const claimIds = new Set(output.claims.map((c) => c.id));
  const known = (id: string): boolean => entityIds.has(id);
  for (const e of output.events) {
    for (const ev of e.evidence) if (texts.has(ev.articleId)) checkSpan(`evidence of ${e.id}`, ev);
    for (const id of [...e.actors, ...e.recipients, ...(e.location ? [e.location] : []), ...(e.attribution ? [e.attribution] : [])]) {
      if (!known(id)) problems.push(`event ${e.id} names entity ${id}, not in entities`);
    }
    if (!e.evidence.every((ev) => e.articleIds.includes(ev.articleId))) problems.push(`event ${e.id} has evidence outside its articleIds`);
  }
  for (const c of output.claims) {
    if (texts.has(c.articleId)) checkSpan(`claim ${c.id}`, c);
    for (const id of [...(c.speaker ? [c.speaker] : []), ...c.about]) if (!known(id)) problems.push(`claim ${c.id} names entity ${id}, not in entities`);
  }
  const contradictionIds = new Set(output.contradictions.map((x) => x.id));
  for (const x of output.contradictions) {
    for (const id of x.claims) if (!claimIds.has(id)) problems.push(`contradiction ${x.id} names unknown claim ${id}`);
    for (const id of x.events) if (!eventIds.has(id)) problems.push(`contradiction ${x.id} names unknown event ${id}`);
    if (x.claims.length + x.events.length < 1) problems.push(`contradiction ${x.id} cites nothing`);
  }
  for (const s of output.stories) {
    for (const id of s.timeline) if (!eventIds.has(id)) problems.push(`story ${s.id} timeline names unknown event ${id}`);
    for (const group of s.claimsBySpeaker) for (const id of group.claims) if (!claimIds.has(id)) problems.push(`story ${s.id} names unknown claim ${id}`);
    for (const id of s.contradictions) if (!contradictionIds.has(id)) problems.push(`story ${s.id} names unknown contradiction ${id}`);
  }
  return problems;
}

/** Every story's articleIds that are neither in this run's articles nor in `stored` (ids from an earlier --db run). */
export function unknownStoryMembers(output: AnalysisOutput, stored: Iterable<string> = []): string[] {
  const known = new Set([...output.articles.map((a) => a.id), ...stored]);
  return output.stories.flatMap((s) => s.articleIds.filter((id) => !known.has(id)).map((id) => `${s.id}: ${id}`));
}

/** Duplicates that name an article outside this run and outside `stored`. */
export function unknownOriginals(output: AnalysisOutput, stored: Iterable<string> = []): string[] {
  const known = new Set([...output.articles.map((a) => a.id), ...stored]);
  return output.articles.filter((a) => a.duplicateOf !== null && !known.has(a.duplicateOf)).map((a) => `${a.id} → ${a.duplicateOf}`);
}

/** All contract problems of a document from one run without a prior store. */
export function contractProblems(output: AnalysisOutput): string[] {
  return [...schemaProblems(output), ...referenceProblems(output), ...unknownStoryMembers(output), ...unknownOriginals(output)];
}

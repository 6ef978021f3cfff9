// Reads the ANT news corpus into one integer token stream for distributional statistics.
// Arabic words become their `stem` (normalised, proclitics peeled); other tokens collapse to a few classes so that
// they still serve as context (numbers, Latin words, each punctuation mark). Articles and fields are separated by
// a boundary token so that no context window crosses them.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Token } from '../../document.js';
import { peelByLetters, tokenize } from '../../arabic/tokenize.js';

export const BOUNDARY = '<s>';
const NUMBER = '<num>';
const LATIN = '<lat>';
const OTHER = '<other>';

/** Proclitics as context: a conjunction (و، ف) and a preposition (ب، ل، ك) may both be present. */
export const CONJUNCTIONS = ['و', 'ف'];
export const PREPOSITIONS = ['ب', 'ل', 'ك'];

export interface TokenStream {
  /** Type id of every token, in corpus order; `BOUNDARY` (id 0) between fields and articles. */
  ids: Int32Array;
  /** Proclitic code of every token: conjunction index + 1 (0 none) plus 3 × (preposition index + 1). */
  clitics: Uint8Array;
  length: number;
  types: string[];
  counts: number[];
  /** Whether a type is an Arabic word stem (the only types that get a cluster). */
  isWord: boolean[];
  documents: number;
}

export class TokenStreamBuilder {
  private ids = new Int32Array(1 << 20);
  private clitics = new Uint8Array(1 << 20);
  private length = 0;
  private readonly index = new Map<string, number>();
  private readonly types: string[] = [];
  private readonly counts: number[] = [];
  private readonly isWord: boolean[] = [];
  private documents = 0;

  constructor() {
    this.typeId(BOUNDARY, false);
  }

  /** Adds one article: each non-empty field is followed by a boundary. */
  addDocument(fields: string[]): void {
    this.documents++;
    if (this.length === 0) this.push(0, 0);
    for (const field of fields) {
      if (!field) continue;
      for (const token of tokenize(field)) {
        // The tagger's features read words peeled by letters alone (src/ner/features.ts), so the clusters do too.
        const peeled = token.kind === 'word' ? peelByLetters(token.norm) : null;
        const [name, word] = typeOf(token, peeled?.stem ?? '');
        this.push(this.typeId(name, word), word && peeled ? cliticCode(peeled.prefix) : 0);
      }
      this.push(0, 0);
    }
  }

  build(): TokenStream {
    return {
      ids: this.ids.subarray(0, this.length),
      clitics: this.clitics.subarray(0, this.length),
      length: this.length,
      types: this.types,
      counts: this.counts,
      isWord: this.isWord,
      documents: this.documents,
    };
  }

  private typeId(name: string, word: boolean): number {
    let id = this.index.get(name);
    if (id === undefined) {
      id = this.types.length;
      this.index.set(name, id);
      this.types.push(name);
      this.counts.push(0);
      this.isWord.push(word);
    }
    return id;
  }

  private push(id: number, clitic: number): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const clitics = new Uint8Array(this.clitics.length * 2);
      clitics.set(this.clitics);
      this.clitics = clitics;
    }
    this.ids[this.length] = id;
    this.clitics[this.length] = clitic;
    this.length++;
    this.counts[id]++;
  }
}

function typeOf(token: Token, stem: string): [string, boolean] {
  switch (token.kind) {
    // A run of only tatweel or diacritics normalises to nothing: not a word.
    case 'word': return stem === '' ? [OTHER, false] : [stem, true];
    case 'number': return [NUMBER, false];
    case 'latin': return [LATIN, false];
    case 'punct': return [token.norm, false];
    default: return [OTHER, false];
  }
}

function cliticCode(prefix: string): number {
  let code = 0;
  for (const letter of prefix) {
    const conjunction = CONJUNCTIONS.indexOf(letter);
    const preposition = PREPOSITIONS.indexOf(letter);
    if (conjunction >= 0 && code === 0) code += conjunction + 1;
    else if (preposition >= 0) code += 3 * (preposition + 1);
  }
  return code;
}

/** Streams the gzipped JSON-lines corpus; title, abstract and text of every article, in file order. */
export async function readAntCorpus(path: string): Promise<TokenStream> {
  const builder = new TokenStreamBuilder();
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { title?: string; abstract?: string; text?: string };
    builder.addDocument([record.title ?? '', record.abstract ?? '', record.text ?? '']);
  }
  return builder.build();
}

// Distributional context vectors: how often each vocabulary word appears next to each frequent context type,
// one block of columns per relative position (left and right kept apart, so that "before a name" and "after a
// name" stay different signals), plus the word's own proclitics. Counts are weighted by positive PMI per block.
import type { TokenStream } from './corpus.js';
import { CONJUNCTIONS, PREPOSITIONS } from './corpus.js';

/** A sparse matrix in compressed-row form. */
export interface SparseMatrix {
  rows: number;
  columns: number;
  rowStart: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

export interface Vocabulary {
  /** Type ids of the clustered words, most frequent first. */
  words: number[];
  /** Type ids of the context types (any kind of token), most frequent first. */
  contexts: number[];
}

/** Most frequent word types with at least `minCount` occurrences, and the most frequent context types. */
export function chooseVocabulary(stream: TokenStream, maxWords: number, minCount: number, contextSize: number): Vocabulary {
  const byFrequency = stream.types.map((_, id) => id).sort((a, b) => stream.counts[b] - stream.counts[a] || (stream.types[a] < stream.types[b] ? -1 : 1));
  const words = byFrequency.filter((id) => stream.isWord[id] && stream.counts[id] >= minCount).slice(0, maxWords);
  return { words, contexts: byFrequency.slice(0, contextSize) };
}

/** The context columns: one block per neighbour offset, then the conjunction and preposition blocks. */
export function contextLayout(offsets: number[], contextSize: number): { blocks: Array<[number, number]>; columns: number } {
  const blocks: Array<[number, number]> = [];
  let start = 0;
  for (const size of [...offsets.map(() => contextSize), CONJUNCTIONS.length, PREPOSITIONS.length]) {
    blocks.push([start, start + size]);
    start += size;
  }
  return { blocks, columns: start };
}

/** Raw co-occurrence counts, one row per vocabulary word (in vocabulary order). */
export function countContexts(stream: TokenStream, vocabulary: Vocabulary, offsets: number[]): SparseMatrix {
  const { ids, clitics, length } = stream;
  const contextSize = vocabulary.contexts.length;
  const { columns } = contextLayout(offsets, contextSize);
  const row = new Int32Array(stream.types.length).fill(-1);
  vocabulary.words.forEach((id, index) => { row[id] = index; });
  const contextColumn = new Int32Array(stream.types.length).fill(-1);
  vocabulary.contexts.forEach((id, index) => { contextColumn[id] = index; });
  const cliticBase = offsets.length * contextSize;

  // Each (row, column) pair is one integer key; sorting the keys and counting runs gives the sparse counts
  // with far less memory than a map of maps.
  let keys = new Uint32Array(1 << 22);
  let keyCount = 0;
  const push = (key: number) => {
    if (keyCount === keys.length) {
      const grown = new Uint32Array(keys.length * 2);
      grown.set(keys);
      keys = grown;
    }
    keys[keyCount++] = key;
  };
  for (let i = 0; i < length; i++) {
    const r = row[ids[i]];
    if (r < 0) continue;
    const base = r * columns;
    for (let o = 0; o < offsets.length; o++) {
      const c = contextColumn[neighbourAt(ids, i, offsets[o])];
      if (c >= 0) push(base + o * contextSize + c);
    }
    const clitic = clitics[i];
    if (clitic % 3 > 0) push(base + cliticBase + (clitic % 3) - 1);
    if (clitic >= 3) push(base + cliticBase + CONJUNCTIONS.length + Math.floor(clitic / 3) - 1);
  }
  return sparseFromSortedKeys(keys.subarray(0, keyCount).sort(), vocabulary.words.length, columns);
}

/** The token `offset` places away, or the boundary (id 0) when the walk there meets one or leaves the stream. */
function neighbourAt(ids: Int32Array, i: number, offset: number): number {
  const step = offset < 0 ? -1 : 1;
  let j = i;
  for (let walked = 0; walked < Math.abs(offset); walked++) {
    j += step;
    if (j < 0 || j >= ids.length || ids[j] === 0) return 0;
  }
  return ids[j];
}

function sparseFromSortedKeys(keys: Uint32Array, rows: number, columns: number): SparseMatrix {
  let distinct = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) distinct++;
  const rowStart = new Int32Array(rows + 1);
  const column = new Int32Array(distinct);
  const value = new Float64Array(distinct);
  let k = -1;
  for (let i = 0; i < keys.length; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) {
      k++;
      column[k] = keys[i] % columns;
      rowStart[Math.floor(keys[i] / columns) + 1]++;
    }
    value[k]++;
  }
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
  return { rows, columns, rowStart, column, value };
}

/**
 * Positive PMI, computed within each block (each block is its own joint distribution of word and context).
 * Context probabilities are smoothed by raising counts to `alpha` (0.75 in Levy, Goldberg & Dagan 2015), which
 * keeps rare contexts from dominating.
 */
export function ppmi(counts: SparseMatrix, blocks: Array<[number, number]>, alpha: number): SparseMatrix {
  const blockOf = new Int32Array(counts.columns);
  blocks.forEach(([start, end], b) => blockOf.fill(b, start, end));
  const columnTotal = new Float64Array(counts.columns);
  for (let k = 0; k < counts.value.length; k++) columnTotal[counts.column[k]] += counts.value[k];
  const smoothedTotal = new Float64Array(blocks.length);
  for (let c = 0; c < counts.columns; c++) smoothedTotal[blockOf[c]] += Math.pow(columnTotal[c], alpha);
  const logContext = new Float64Array(counts.columns);
  for (let c = 0; c < counts.columns; c++) logContext[c] = columnTotal[c] > 0 ? alpha * Math.log(columnTotal[c]) - Math.log(smoothedTotal[blockOf[c]]) : 0;

  const rowStart = new Int32Array(counts.rows + 1);
  const column = new Int32Array(counts.value.length);
  const value = new Float64Array(counts.value.length);
  let kept = 0;
  const rowTotal = new Float64Array(blocks.length);
  for (let r = 0; r < counts.rows; r++) {
    rowTotal.fill(0);
    for (let k = counts.rowStart[r]; k < counts.rowStart[r + 1]; k++) rowTotal[blockOf[counts.column[k]]] += counts.value[k];
    for (let k = counts.rowStart[r]; k < counts.rowStart[r + 1]; k++) {
      const c = counts.column[k];
      const pmi = Math.log(counts.value[k] / rowTotal[blockOf[c]]) - logContext[c];
      if (pmi > 0) {
        column[kept] = c;
        value[kept++] = pmi;
      }
    }
    rowStart[r + 1] = kept;
  }
  return { rows: counts.rows, columns: counts.columns, rowStart, column: column.slice(0, kept), value: value.slice(0, kept) };
}

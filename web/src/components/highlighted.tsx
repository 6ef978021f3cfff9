// Text with marked ranges, built as text nodes and <mark> elements from offsets (never as HTML).
import type { Snippet } from '../api.js';

export interface Piece {
  text: string;
  marked: boolean;
}

/** Splits `text` at the highlight offsets: ranges are clamped to the text, sorted, and overlapping ones merged. */
export function splitHighlights(text: string, highlights: [number, number][]): Piece[] {
  const ranges = highlights
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const pieces: Piece[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false });
    pieces.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}

export function Highlighted({ snippet, class: className }: { snippet: Snippet; class?: string }) {
  return (
    <span class={className}>
      {splitHighlights(snippet.text, snippet.highlights).map((piece, i) => (piece.marked ? <mark key={i}>{piece.text}</mark> : piece.text))}
    </span>
  );
}

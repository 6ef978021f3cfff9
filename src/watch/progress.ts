// What `marsad watch` shows while it works: per source, items found, fetched, articles added, duplicates and errors.
// Input: progress events. Output: a state (pure reducer), a table redrawn on a terminal, or log lines elsewhere.

export type SourcePhase = 'waiting' | 'polling' | 'fetching' | 'idle' | 'poll-failed' | 'deferred';

export interface Counts {
  /** Items the feed or page listed, and how many of them were not seen before. */
  listed: number;
  new: number;
  fetched: number;
  added: number;
  /** Articles already stored, or stored as a near-duplicate of another. */
  duplicates: number;
  skipped: number;
  errors: number;
}

export interface SourceProgress {
  name: string;
  phase: SourcePhase;
  /** The last poll's result: 'ok', 'not-modified' or a failure code. */
  pollStatus: string | null;
  cycle: Counts;
  total: Counts;
}

export interface ProgressState {
  cycle: number;
  sources: SourceProgress[];
  lastError: string | null;
  /** When the next poll starts (ISO), while waiting between polls. */
  nextPollAt: string | null;
}

export type ProgressEvent =
  | { kind: 'cycle-start'; sources: string[] }
  | { kind: 'poll-start'; source: string }
  | { kind: 'polled'; source: string; url: string; status: 'ok' | 'not-modified'; listed: number; new: number }
  | { kind: 'poll-failed'; source: string; url: string; code: string; reason: string }
  /** Left out of this poll: it failed `failures` times in a row and backs off until `until` (ISO). */
  | { kind: 'poll-deferred'; source: string; failures: number; until: string }
  | { kind: 'item-fetched'; source: string; url: string }
  | { kind: 'item-stored'; source: string; url: string; articleId: string; duplicate: boolean }
  | { kind: 'item-skipped'; source: string; url: string; reason: string }
  | { kind: 'item-failed'; source: string; url: string; code: string; reason: string; willRetry: boolean }
  | { kind: 'cycle-end' }
  | { kind: 'waiting'; nextPollAt: string };

export function emptyCounts(): Counts {
  return { listed: 0, new: 0, fetched: 0, added: 0, duplicates: 0, skipped: 0, errors: 0 };
}

export function initialProgress(): ProgressState {
  return { cycle: 0, sources: [], lastError: null, nextPollAt: null };
}

/** The line an error is reported with, everywhere: source name, URL, stable code, reason. */
export function errorLine(source: string, url: string, code: string, reason: string): string {
  return `source ${source}: ${url}: ${code} ${reason}`;
}

function bump(source: SourceProgress, key: keyof Counts, by = 1): SourceProgress {
  return { ...source, cycle: { ...source.cycle, [key]: source.cycle[key] + by }, total: { ...source.total, [key]: source.total[key] + by } };
}

function withSource(state: ProgressState, name: string, change: (s: SourceProgress) => SourceProgress): ProgressState {
  const known = state.sources.some((s) => s.name === name);
  const sources = known ? state.sources : [...state.sources, newSource(name)];
  return { ...state, sources: sources.map((s) => (s.name === name ? change(s) : s)) };
}

function newSource(name: string): SourceProgress {
  return { name, phase: 'waiting', pollStatus: null, cycle: emptyCounts(), total: emptyCounts() };
}

/** The state after an event (a new object; the old one is left as it was). */
export function applyProgress(state: ProgressState, event: ProgressEvent): ProgressState {
  switch (event.kind) {
    case 'cycle-start': {
      const known = new Map(state.sources.map((s) => [s.name, s]));
      const sources = event.sources.map((name) => ({ ...(known.get(name) ?? newSource(name)), phase: 'waiting' as const, cycle: emptyCounts() }));
      return { ...state, cycle: state.cycle + 1, sources, nextPollAt: null };
    }
    case 'poll-start':
      return withSource(state, event.source, (s) => ({ ...s, phase: 'polling' }));
    case 'polled':
      return withSource(state, event.source, (s) => {
        const listed = bump(s, 'listed', event.listed);
        return { ...bump(listed, 'new', event.new), phase: 'fetching', pollStatus: event.status };
      });
    case 'poll-failed':
      return {
        ...withSource(state, event.source, (s) => ({ ...bump(s, 'errors'), phase: 'poll-failed', pollStatus: event.code })),
        lastError: errorLine(event.source, event.url, event.code, event.reason),
      };
    case 'poll-deferred':
      return withSource(state, event.source, (s) => ({ ...s, phase: 'deferred', pollStatus: `${event.failures} failures, next try ${event.until}` }));
    case 'item-fetched':
      return withSource(state, event.source, (s) => bump(s, 'fetched'));
    case 'item-stored':
      return withSource(state, event.source, (s) => bump(s, event.duplicate ? 'duplicates' : 'added'));
    case 'item-skipped':
      return withSource(state, event.source, (s) => bump(s, 'skipped'));
    case 'item-failed':
      return { ...withSource(state, event.source, (s) => bump(s, 'errors')), lastError: errorLine(event.source, event.url, event.code, event.reason) };
    case 'waiting':
      return { ...state, nextPollAt: event.nextPollAt };
    case 'cycle-end':
      return {
        ...state,
        sources: state.sources.map((s) => (s.phase === 'poll-failed' || s.phase === 'deferred' ? s : { ...s, phase: 'idle' })),
      };
  }
}

const COLUMNS: { title: string; key: keyof Counts }[] = [
  { title: 'new', key: 'new' }, { title: 'fetched', key: 'fetched' }, { title: 'added', key: 'added' },
  { title: 'dup', key: 'duplicates' }, { title: 'skipped', key: 'skipped' }, { title: 'errors', key: 'errors' },
];

/** The live table: one row per source with its totals since the watch started, and the last error. */
export function renderProgressTable(state: ProgressState): string {
  const nameWidth = Math.max(6, ...state.sources.map((s) => s.name.length));
  const stateWidth = Math.max(12, ...state.sources.map((s) => phaseLabel(s).length));
  const header = ['source'.padEnd(nameWidth), 'state'.padEnd(stateWidth), ...COLUMNS.map((c) => c.title.padStart(7))].join(' ');
  const rows = state.sources.map((s) => [
    s.name.padEnd(nameWidth), phaseLabel(s).padEnd(stateWidth), ...COLUMNS.map((c) => String(s.total[c.key]).padStart(7)),
  ].join(' '));
  const status = state.nextPollAt ? `poll ${state.cycle} done; next poll at ${state.nextPollAt}` : `poll ${state.cycle}`;
  return [`marsad watch: ${status}`, header, ...rows, ...(state.lastError ? [`last error: ${state.lastError}`] : [])].join('\n') + '\n';
}

function phaseLabel(s: SourceProgress): string {
  if (s.phase === 'poll-failed') return `failed (${s.pollStatus})`;
  if (s.phase === 'deferred') return `deferred (${s.pollStatus})`;
  if (s.phase === 'idle' && s.pollStatus === 'not-modified') return 'not modified';
  return s.phase;
}

/** Log lines for a terminal that cannot redraw (cron, a pipe): every error, and one line per source per poll. */
export function progressLogLines(event: ProgressEvent, after: ProgressState): string[] {
  switch (event.kind) {
    case 'poll-failed':
      return [errorLine(event.source, event.url, event.code, event.reason)];
    case 'item-failed':
      return [errorLine(event.source, event.url, event.code, event.reason + (event.willRetry ? ' (will retry)' : ''))];
    case 'item-skipped':
      return [errorLine(event.source, event.url, 'skipped', event.reason)];
    case 'cycle-end':
      return after.sources.map((s) => `source ${s.name}: ${pollSummary(s)}`);
    default:
      return [];
  }
}

function pollSummary(s: SourceProgress): string {
  const c = s.cycle;
  const poll = s.phase === 'poll-failed' ? `poll failed (${s.pollStatus})` : s.phase === 'deferred' ? `not polled: backing off (${s.pollStatus})`
    : s.pollStatus === 'not-modified' ? 'not modified' : `${c.listed} listed, ${c.new} new`;
  return `${poll}; ${c.fetched} fetched, ${c.added} added, ${c.duplicates} duplicates, ${c.skipped} skipped, ${c.errors} errors`;
}

export interface ProgressSink {
  report(event: ProgressEvent): void;
  close(): void;
}

/** Writes progress to a stream: the table redrawn in place on a TTY (at most every `redrawMs`), log lines otherwise. */
export class ProgressDisplay implements ProgressSink {
  state = initialProgress();
  private drawnLines = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly live = out.isTTY === true,
    private readonly redrawMs = 100,
  ) {}

  report(event: ProgressEvent): void {
    this.state = applyProgress(this.state, event);
    if (!this.live) {
      for (const line of progressLogLines(event, this.state)) this.out.write(line + '\n');
      return;
    }
    if (event.kind === 'cycle-end' || event.kind === 'waiting') this.draw();
    else this.timer ??= setTimeout(() => this.draw(), this.redrawMs);
  }

  close(): void {
    if (this.live) this.draw();
  }

  private draw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Lines wider than the terminal would wrap and break the count of lines to move up over.
    const width = (this.out as { columns?: number }).columns;
    const lines = renderProgressTable(this.state).split('\n');
    const table = (width ? lines.map((line) => line.slice(0, width - 1)) : lines).join('\n');
    // Up over the last drawing, clear to the end of the screen, draw again.
    const erase = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A\x1b[J` : '';
    this.out.write(erase + table);
    this.drawnLines = table.split('\n').length - 1;
  }
}

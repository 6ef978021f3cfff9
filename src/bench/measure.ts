// Benchmark measurements: latency percentiles and memory sampled as the corpus grows.
// Input: per-article timings and samples. Output: a printable line per pass.

export interface MemoryResult {
  peakRssMb: number;
  /** Heap used after a GC at each quarter of the corpus: flat figures mean memory does not grow with the corpus. */
  heapByQuarterMb: number[];
}

export interface PassResult {
  name: string;
  articles: number;
  seconds: number;
  latencies: number[];
  memory: MemoryResult;
  note?: string;
}

const MB = 1024 * 1024;

export class MemorySampler {
  private peakRss = 0;
  private readonly quarters: number[] = [];
  private nextQuarter = 0;

  constructor(private readonly expected: number) {}

  /** Call once per article with the running count; heap is read after a GC at each quarter of `expected`. */
  sample(count: number): void {
    if (count % 50 === 0) this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
    if (count >= ((this.nextQuarter + 1) * this.expected) / 4) {
      this.quarters.push(heapAfterGc());
      this.nextQuarter++;
    }
  }

  result(): MemoryResult {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
    return { peakRssMb: this.peakRss / MB, heapByQuarterMb: this.quarters.map((b) => b / MB) };
  }
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function formatPass(pass: PassResult, baseline?: PassResult): string {
  const sorted = [...pass.latencies].sort((a, b) => a - b);
  const rate = pass.articles / pass.seconds;
  const ratio = baseline ? `  (${(rate / (baseline.articles / baseline.seconds)).toFixed(3)} x baseline)` : '';
  const heap = pass.memory.heapByQuarterMb.length ? `  heap after GC: ${pass.memory.heapByQuarterMb.map((m) => m.toFixed(0)).join(' → ')} MB` : '';
  return [
    `${pass.name}: ${pass.articles} articles in ${pass.seconds.toFixed(2)} s = ${rate.toFixed(0)} articles/s${ratio}`,
    `  latency ms p50 ${percentile(sorted, 50).toFixed(2)}  p95 ${percentile(sorted, 95).toFixed(2)}  p99 ${percentile(sorted, 99).toFixed(2)}  max ${(sorted[sorted.length - 1] ?? 0).toFixed(1)}`,
    `  peak RSS ${pass.memory.peakRssMb.toFixed(0)} MB${heap}${pass.note ? `  [${pass.note}]` : ''}`,
  ].join('\n');
}

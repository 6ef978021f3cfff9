// Politeness gate: a minimum interval between request starts to one host, and caps on requests in flight per host
// and overall. Input: acquire(host, intervalMs) per HTTP exchange. Output: a release function once the slot is free.

export interface HostLimits {
  perHost: number;
  total: number;
}

/** Rejects waiters when the limiter is closed (the fetcher turns it into a failure value). */
export class LimiterClosedError extends Error {
  constructor() {
    super('fetcher closed');
  }
}

interface Waiter {
  host: string;
  intervalMs: number;
  grant: (release: () => void) => void;
  refuse: (error: Error) => void;
}

interface HostState {
  inFlight: number;
  lastStart: number;
}

const forgetIdleHostsAbove = 256;

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly waiting: Waiter[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly limits: HostLimits, private readonly now: () => number = () => performance.now()) {}

  /** Waits (first come, first served per host) until `host` may start a request; `intervalMs` spaces the starts. */
  acquire(host: string, intervalMs: number): Promise<() => void> {
    if (this.closed) return Promise.reject(new LimiterClosedError());
    return new Promise((grant, refuse) => {
      this.waiting.push({ host, intervalMs, grant, refuse });
      this.pump();
    });
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const waiter of this.waiting.splice(0)) waiter.refuse(new LimiterClosedError());
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { inFlight: 0, lastStart: -Infinity };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now();
    let nextReadyAt = Infinity;
    for (let index = 0; index < this.waiting.length && this.inFlight < this.limits.total; ) {
      const waiter = this.waiting[index];
      const state = this.state(waiter.host);
      const readyAt = state.lastStart + waiter.intervalMs;
      if (state.inFlight < this.limits.perHost && now >= readyAt) {
        this.waiting.splice(index, 1);
        state.inFlight++;
        state.lastStart = now;
        this.inFlight++;
        waiter.grant(this.releaser(state));
        continue;
      }
      if (state.inFlight < this.limits.perHost) nextReadyAt = Math.min(nextReadyAt, readyAt);
      index++;
    }
    if (this.waiting.length > 0 && nextReadyAt !== Infinity) {
      this.timer = setTimeout(() => this.pump(), Math.max(0, Math.ceil(nextReadyAt - now)));
    }
    if (this.hosts.size > forgetIdleHostsAbove) this.forgetIdleHosts(now);
  }

  private releaser(state: HostState): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.inFlight--;
      this.inFlight--;
      if (!this.closed) this.pump();
    };
  }

  /** Hosts nobody waits for, with nothing in flight and a last start long ago, need no memory. */
  private forgetIdleHosts(now: number): void {
    const waitedFor = new Set(this.waiting.map((waiter) => waiter.host));
    const longestInterval = Math.max(0, ...this.waiting.map((waiter) => waiter.intervalMs));
    for (const [host, state] of this.hosts) {
      if (state.inFlight === 0 && !waitedFor.has(host) && now - state.lastStart > Math.max(longestInterval, 60_000)) {
        this.hosts.delete(host);
      }
    }
  }
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostLimiter, LimiterClosedError } from './host-limiter.js';

/** Runs `jobs` (host, duration) through the limiter and records start and end times and the peak concurrency. */
async function run(limiter: HostLimiter, jobs: Array<[string, number]>, intervalMs: number) {
  const starts: Array<{ host: string; at: number }> = [];
  let inFlight = 0;
  let peak = 0;
  const perHostPeak = new Map<string, number>();
  const perHost = new Map<string, number>();
  await Promise.all(
    jobs.map(async ([host, ms]) => {
      const release = await limiter.acquire(host, intervalMs);
      starts.push({ host, at: performance.now() });
      peak = Math.max(peak, ++inFlight);
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      perHostPeak.set(host, Math.max(perHostPeak.get(host) ?? 0, perHost.get(host)!));
      await sleep(ms);
      perHost.set(host, perHost.get(host)! - 1);
      inFlight--;
      release();
    }),
  );
  return { starts, peak, perHostPeak };
}

describe('host limiter', () => {
  it('spaces starts to one host by the interval but lets other hosts go meanwhile', async () => {
    const limiter = new HostLimiter({ perHost: 4, total: 8 });
    const { starts } = await run(limiter, [['a', 1], ['a', 1], ['a', 1], ['b', 1]], 60);
    const a = starts.filter((start) => start.host === 'a').map((start) => start.at);
    for (let index = 1; index < a.length; index++) assert.ok(a[index] - a[index - 1] >= 55, `gap ${a[index] - a[index - 1]}`);
    const b = starts.find((start) => start.host === 'b')!.at;
    assert.ok(b - a[0] < 40, 'host b did not wait for host a');
  });

  it('caps requests in flight per host and overall', async () => {
    const perHost = await run(new HostLimiter({ perHost: 2, total: 8 }), Array.from({ length: 6 }, () => ['a', 20]), 0);
    assert.equal(perHost.perHostPeak.get('a'), 2);
    const jobs: Array<[string, number]> = ['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd'].map((host) => [host, 20]);
    const total = await run(new HostLimiter({ perHost: 2, total: 3 }), jobs, 0);
    assert.equal(total.peak, 3);
  });

  it('serves one host first come, first served', async () => {
    const limiter = new HostLimiter({ perHost: 1, total: 1 });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (index) => {
        const release = await limiter.acquire('a', 0);
        order.push(index);
        await sleep(2);
        release();
      }),
    );
    assert.deepEqual(order, [0, 1, 2, 3]);
  });

  it('refuses waiters and new requests once closed; a second release is harmless', async () => {
    const limiter = new HostLimiter({ perHost: 1, total: 1 });
    const release = await limiter.acquire('a', 0);
    const waiting = limiter.acquire('a', 0);
    limiter.close();
    await assert.rejects(waiting, LimiterClosedError);
    await assert.rejects(limiter.acquire('b', 0), LimiterClosedError);
    release();
    release();
  });
});

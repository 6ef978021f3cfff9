import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { describe, it } from 'node:test';
import {
  guardedLookup,
  isLocalhostName,
  isPublicAddress,
  literalAddress,
  type ResolveHost,
} from './address-policy.js';
import { checkTarget } from './target.js';

const publicAddresses = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '172.32.0.1', // just outside 172.16/12
  '100.128.0.1', // just outside CGNAT 100.64/10
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
  '2a00:1450:4001:80b::200e',
];

const nonPublicAddresses: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'this network'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'documentation'],
  ['198.18.0.1', 'benchmarking'],
  ['::1', 'IPv6 loopback'],
  ['::', 'IPv6 unspecified'],
  ['fe80::1', 'IPv6 link-local'],
  ['fc00::1', 'unique local'],
  ['fd12:3456:789a::1', 'unique local'],
  ['ff02::1', 'IPv6 multicast'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
  ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'],
  ['2002:7f00:1::1', '6to4'],
  ['2001:db8::1', 'documentation'],
  ['not-an-address', 'garbage'],
];

describe('address policy', () => {
  it('allows public unicast addresses', () => {
    for (const address of publicAddresses) assert.equal(isPublicAddress(address), true, address);
  });

  it('refuses every non-public range', () => {
    for (const [address, why] of nonPublicAddresses) assert.equal(isPublicAddress(address), false, `${address} (${why})`);
  });

  it('recognises IP literals in URL host names, and localhost names', () => {
    assert.equal(literalAddress('[::1]'), '::1');
    assert.equal(literalAddress('10.0.0.1'), '10.0.0.1');
    assert.equal(literalAddress('example.com'), null);
    assert.equal(isLocalhostName('LOCALHOST.'), true);
    assert.equal(isLocalhostName('api.localhost'), true);
    assert.equal(isLocalhostName('localhost.example.com'), false);
  });
});

describe('URL target check', () => {
  const check = (url: string, base?: string) => checkTarget(url, base, isPublicAddress);

  it('accepts http(s) URLs on public hosts, dropping the fragment', () => {
    const result = check('https://www.aljazeera.net/news/#top');
    assert.ok(result.ok);
    assert.equal(result.url.href, 'https://www.aljazeera.net/news/');
    assert.ok(check('/next', 'http://example.com/a').ok);
  });

  it('refuses other schemes, credentials and garbage as invalid-url', () => {
    for (const url of ['ftp://example.com/', 'javascript:alert(1)', 'data:text/html,x', 'http://a:b@example.com/', 'http://u@example.com/', '::']) {
      const result = check(url);
      assert.ok(!result.ok && result.code === 'invalid-url', url);
    }
  });

  it('refuses non-public literal hosts in every spelling the URL parser accepts', () => {
    const urls = [
      'http://127.0.0.1/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://017700000001/',
      'http://127.1/',
      'http://[::ffff:7f00:1]/',
      'http://[::1]:8080/',
      'http://localhost/',
      'http://169.254.169.254/',
    ];
    for (const url of urls) {
      const result = check(url);
      assert.ok(!result.ok && result.code === 'blocked-address', url);
    }
  });
});

describe('guarded lookup', () => {
  const table: Record<string, LookupAddress[]> = {
    'public.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ],
    'rebound.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
  };
  const resolve: ResolveHost = async (hostname) => table[hostname] ?? [];
  const lookup = guardedLookup(resolve, isPublicAddress);
  const ask = (hostname: string, options: object) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) =>
      lookup(hostname, options, (error, address, family) => done({ error, address, family })),
    );

  it('hands the socket exactly the checked addresses, single or all', async () => {
    assert.deepEqual(await ask('public.test', {}), { error: null, address: '93.184.216.34', family: 4 });
    assert.deepEqual((await ask('public.test', { all: true })).address, table['public.test']);
    assert.equal((await ask('public.test', { family: 6 })).address, '2606:2800:220:1:248:1893:25c8:1946');
  });

  it('refuses the name when any one address is not public', async () => {
    const { error } = await ask('rebound.test', { all: true });
    assert.equal(error?.code, 'EMARSAD_BLOCKED_ADDRESS');
    assert.match(String(error?.message), /127\.0\.0\.1/);
  });

  it('reports a name without addresses as ENOTFOUND', async () => {
    assert.equal((await ask('nothing.test', {})).error?.code, 'ENOTFOUND');
  });
});

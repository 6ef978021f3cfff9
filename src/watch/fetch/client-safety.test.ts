// SSRF guard end to end. The test server listens on 127.0.0.1, which the real policy refuses; tests that need a
// "public" site use the internal hooks: `isAllowedAddress` counts exactly 127.0.0.1 as public (everything else is
// judged by the real policy) and `resolveHost` maps made-up names to addresses. The production path (URL check per
// hop, the connector's guarded lookup, the peer check) runs unchanged.

import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { isPublicAddress, type ResolveHost } from './address-policy.js';
import { expectKind, reply, withServer } from './local-server.js';

const testServerCountsAsPublic = (address: string): boolean => address === '127.0.0.1' || isPublicAddress(address);

const madeUpNames: ResolveHost = async (hostname) => {
  const table: Record<string, string[]> = {
    'news.test': ['127.0.0.1'],
    'intranet.test': ['10.1.2.3'],
    'sneaky.test': ['127.0.0.1'],
    'mixed.test': ['93.184.216.34', '192.168.1.20'],
    'metadata.test': ['::ffff:169.254.169.254'],
  };
  const addresses = table[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('fetcher: SSRF guard', () => {
  it('refuses loopback, link-local and private targets without any connection (robots on, as by default)', async () => {
    await withServer((_, response) => reply(response, 200, {}, 'secret'), { allowPrivateNetwork: false, respectRobots: true }, async (server, fetcher) => {
      const port = server.port;
      const urls = [
        `http://127.0.0.1:${port}/`,
        `http://localhost:${port}/`,
        `http://sub.localhost:${port}/`,
        'http://[::1]/',
        `http://[::ffff:127.0.0.1]:${port}/`,
        `http://0x7f.1:${port}/`,
        `http://2130706433:${port}/`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/',
        'http://192.168.0.1/',
        'http://[fd00::1]/',
        'http://0.0.0.0/',
      ];
      for (const url of urls) {
        const failure = expectKind(await fetcher.fetch({ url }), 'error');
        assert.equal(failure.code, 'blocked-address', url);
        assert.equal(failure.attempts, 0, url);
      }
      assert.equal(server.connections, 0);
    });
  });

  it('checks every address DNS returns, and connects to the address it checked', async () => {
    const options = { allowPrivateNetwork: false, respectRobots: false };
    const internals = { resolveHost: madeUpNames, isAllowedAddress: testServerCountsAsPublic };
    await withServer((_, response) => reply(response, 200, {}, 'hello'), options, async (server, fetcher) => {
      for (const name of ['intranet.test', 'mixed.test', 'metadata.test']) {
        const failure = expectKind(await fetcher.fetch({ url: `http://${name}:${server.port}/` }), 'error');
        assert.equal(failure.code, 'blocked-address', name);
      }
      assert.equal(server.connections, 0);
      const ok = expectKind(await fetcher.fetch({ url: `http://news.test:${server.port}/page` }), 'ok');
      assert.equal(Buffer.from(ok.bytes).toString(), 'hello');
      assert.equal(server.requests[0].headers.host, `news.test:${server.port}`);
      const unknown = expectKind(await fetcher.fetch({ url: `http://nowhere.test:${server.port}/` }), 'error');
      assert.equal(unknown.code, 'dns');
    }, internals);
  });

  it('re-checks every redirect: a public page redirecting to a private address is refused', async () => {
    const targets: Record<string, string> = {
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
      '/to-rfc1918': 'http://10.0.0.1/admin',
      '/to-intranet-name': 'http://intranet.test/',
      '/to-localhost': 'http://localhost/',
      '/to-ipv6-loopback': 'http://[::1]/',
    };
    const handler = (request: IncomingMessage, response: ServerResponse) =>
      reply(response, 302, { location: targets[request.url!] ?? '/' });
    const internals = { resolveHost: madeUpNames, isAllowedAddress: testServerCountsAsPublic };
    await withServer(handler, { allowPrivateNetwork: false }, async (server, fetcher) => {
      for (const path of Object.keys(targets)) {
        const failure = expectKind(await fetcher.fetch({ url: `http://news.test:${server.port}${path}` }), 'error');
        assert.equal(failure.code, 'blocked-address', path);
        assert.match(failure.reason, /redirect to|resolves to/);
      }
      assert.deepEqual(server.requests.map((request) => request.path), Object.keys(targets));
    }, internals);
  });
});

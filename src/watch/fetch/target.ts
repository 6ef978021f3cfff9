// Decides whether a URL (the first one, or a redirect's Location) may be requested at all, before any connection.
// Input: URL text (and the URL it is relative to). Output: the normalised URL, or the failure code and reason.

import { isLocalhostName, literalAddress, type AddressPolicy } from './address-policy.js';

export type TargetCheck =
  | { ok: true; url: URL }
  | { ok: false; code: 'invalid-url' | 'blocked-address'; reason: string };

/**
 * Only http: and https:, no user:password@ (it would be sent to whoever the URL names), and no host that is
 * non-public on its face: IP literals are judged here because net.connect never asks DNS about them, and
 * localhost names are refused by name. Names are judged again, address by address, in the connector's lookup.
 */
export function checkTarget(text: string, base: string | URL | undefined, isAllowed: AddressPolicy): TargetCheck {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return { ok: false, code: 'invalid-url', reason: `not a URL: ${JSON.stringify(text.slice(0, 200))}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, code: 'invalid-url', reason: `scheme ${url.protocol} is not http: or https:` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, code: 'invalid-url', reason: 'URL carries credentials' };
  }
  url.hash = '';
  const literal = literalAddress(url.hostname);
  if (literal !== null && !isAllowed(literal)) {
    return { ok: false, code: 'blocked-address', reason: `${literal} is not a public address` };
  }
  // localhost names stand for the loopback addresses, whatever the resolver says.
  if (literal === null && isLocalhostName(url.hostname) && !(isAllowed('127.0.0.1') && isAllowed('::1'))) {
    return { ok: false, code: 'blocked-address', reason: `${url.hostname} is the local machine` };
  }
  return { ok: true, url };
}

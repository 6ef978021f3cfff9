// Names what went wrong below HTTP: DNS, connection, timeout, or a refused address.
// Input: an error from undici, net, tls or dns (possibly wrapped). Output: a failure code, a reason, retryable or not.

import type { FetchFailure } from './types.js';

export interface NetworkFailure {
  code: Extract<FetchFailure['code'], 'dns' | 'connect' | 'timeout' | 'blocked-address'>;
  reason: string;
  /** Timeouts and resets may pass; refusals, DNS and TLS failures will not within a few seconds. */
  retryable: boolean;
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL', 'ENODATA']);
const timeoutCodes = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** The error, its causes and (for AggregateError from happy-eyeballs connects) its parts, outermost first. */
function errorChain(error: unknown): Array<{ code?: unknown; message?: unknown }> {
  const chain: Array<{ code?: unknown; message?: unknown }> = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && chain.length < 16) {
    const next = pending.shift();
    if (typeof next !== 'object' || next === null) continue;
    chain.push(next as { code?: unknown; message?: unknown });
    if ('cause' in next) pending.push(next.cause);
    if (next instanceof AggregateError) pending.push(...next.errors);
  }
  return chain;
}

export function classifyNetworkError(error: unknown): NetworkFailure {
  const chain = errorChain(error);
  const codes = chain.map((entry) => (typeof entry.code === 'string' ? entry.code : '')).filter(Boolean);
  const message = chain.map((entry) => entry.message).find((text) => typeof text === 'string' && text !== '');
  const reason = [codes[0], message].filter(Boolean).join(': ') || String(error);
  if (codes.includes('EMARSAD_BLOCKED_ADDRESS')) {
    const blocked = chain.find((entry) => entry.code === 'EMARSAD_BLOCKED_ADDRESS');
    return { code: 'blocked-address', reason: String(blocked?.message ?? reason), retryable: false };
  }
  if (codes.some((code) => dnsCodes.has(code))) return { code: 'dns', reason, retryable: false };
  if (codes.some((code) => timeoutCodes.has(code))) return { code: 'timeout', reason, retryable: true };
  if (codes.some((code) => resetCodes.has(code))) return { code: 'connect', reason, retryable: true };
  return { code: 'connect', reason, retryable: false };
}

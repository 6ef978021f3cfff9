// Which network addresses the fetcher may connect to, and a DNS lookup for the connector that enforces it.
// Input: addresses and host names. Output: verdicts, and a lookup that only ever hands checked addresses to the socket.

import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** True when the fetcher may connect to this IP address. */
export type AddressPolicy = (address: string) => boolean;

/** Turns a host name into addresses; the default is the system resolver (dns.lookup, all families). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/**
 * Only globally routable unicast addresses are public: ipaddr.js names every special range (loopback, private,
 * link-local, CGNAT, multicast, reserved, documentation, 6to4, Teredo, NAT64, …) and calls the rest 'unicast'.
 * `process` turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it carries, so those are judged as IPv4.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export const allowEveryAddress: AddressPolicy = () => true;

export function addressPolicyFor(allowPrivateNetwork: boolean): AddressPolicy {
  return allowPrivateNetwork ? allowEveryAddress : isPublicAddress;
}

/** The IP address a URL host names literally (brackets of IPv6 removed), or null for a DNS name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (ipaddr.IPv4.isValidFourPartDecimal(bare) || bare.includes(':')) ? bare : null;
}

/** `localhost` and `*.localhost` are loopback by definition (RFC 6761); refuse them without asking DNS. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** Thrown inside the connector's lookup (it travels through undici as the connection error) and recognised by its code. */
export class BlockedAddressError extends Error {
  readonly code = 'EMARSAD_BLOCKED_ADDRESS';
  constructor(readonly hostname: string, readonly address: string) {
    super(`${hostname} resolves to ${address}, a non-public address`);
  }
}

export const resolveWithSystemDns: ResolveHost = (hostname) => dns.lookup(hostname, { all: true });

/**
 * A `lookup` for net/tls.connect: resolves the name, refuses the connection when ANY returned address fails the
 * policy, and otherwise hands the socket exactly the addresses it checked, so nothing can change between the check
 * and the connect (DNS rebinding). net.connect skips lookup for IP literals; the client checks those itself.
 */
export function guardedLookup(resolve: ResolveHost, isAllowed: AddressPolicy): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const blocked = addresses.find((entry) => !isAllowed(entry.address));
        if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), '', 0);
        const usable = options.family ? addresses.filter((entry) => entry.family === options.family) : addresses;
        if (usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no usable address`);
          error.code = 'ENOTFOUND';
          return callback(error, '', 0);
        }
        if (options.all) return callback(null, usable);
        return callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/**
 * Which client address a request comes from, when a reverse proxy may be in front.
 *
 * Express's numeric `trust proxy` (TRUST_PROXY=1) believes X-Forwarded-For from whoever connects, so a
 * client reaching the port directly could name any address and never be throttled. Here the header is
 * believed only when the connecting hop is a configured proxy address (TRUST_PROXY_ADDRESSES), and at most
 * TRUST_PROXY hops deep.
 */
import { addressMatcher } from '../../common/address-list.js';

/**
 * The value for express's `trust proxy`: trust hop `i` (0 = the connecting socket) only when it is within
 * `hops` and its address is a configured proxy. `hops` 0 trusts nothing (the socket address is the client).
 *
 * @example app.set('trust proxy', trustProxy(1, ['loopback', '10.0.0.5']))
 */
export function trustProxy(hops: number, proxies: readonly string[]): (address: string, hop: number) => boolean {
  const isProxy = addressMatcher(proxies);
  return (address, hop) => hop < hops && isProxy(address);
}

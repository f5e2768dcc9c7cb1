/**
 * The client's address and the `X-Forwarded-For` value to send upstream.
 *
 * `trustedHops` is how many proxies in front of the gateway append to `X-Forwarded-For` (the ingress
 * controller: 1; none: 0). Entries further left were written by the client and are ignored, so a
 * client cannot choose the address it is rate-limited under. Upstream sees exactly one address.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  if (trustedHops <= 0) return socketAddress;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = [
    ...header
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    socketAddress,
  ];
  const index = Math.max(chain.length - 1 - trustedHops, 0);
  return chain[index] ?? socketAddress;
}

/**
 * The scheme the client used: what the trusted proxy wrote in `X-Forwarded-Proto` (its last entry),
 * else the gateway's own connection's. A client-written value is ignored when no proxy is trusted.
 */
export function clientProtocol(socketProtocol: string, forwardedProto: string | string[] | undefined, trustedHops: number): string {
  if (trustedHops <= 0 || forwardedProto === undefined) return socketProtocol;
  const header = Array.isArray(forwardedProto) ? forwardedProto.join(',') : forwardedProto;
  const last = header.split(',').pop()?.trim().toLowerCase();
  return last === 'https' || last === 'http' ? last : socketProtocol;
}

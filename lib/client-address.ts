import { BlockList, isIP } from "node:net";

// The address a request comes from, for the sign-in throttle (#13.2). The socket's peer is the truth
// unless it is one of the configured TRUSTED_PROXIES; only then is X-Forwarded-For read, from the
// right (the entry our proxy appended) leftwards, skipping further trusted proxies. A client-set
// entry therefore never replaces the address it really came from.
export type TrustedProxies = BlockList;

// TRUSTED_PROXIES: comma-separated addresses or CIDR ranges ("10.0.0.5, 172.16.0.0/12"); empty = none.
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  for (const raw of (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, bits] = raw.split("/");
    const family = isIP(address);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`TRUSTED_PROXIES: "${raw}" has an invalid prefix`);
      list.addSubnet(address, prefix, type);
    }
  }
  return list;
}

const normalise = (a: string) => (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a);
const trusted = (list: TrustedProxies, a: string) => {
  const family = isIP(a);
  return family !== 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
};

// Whether the socket's peer is one of the TRUSTED_PROXIES (whose X-Forwarded-* headers then count).
export const isTrustedProxy = (list: TrustedProxies, socketAddress: string | undefined) => trusted(list, normalise(socketAddress ?? ""));

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, proxies: TrustedProxies): string {
  let client = normalise(socketAddress ?? "unknown");
  if (!trusted(proxies, client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => normalise(s.trim()))
    .filter((s) => isIP(s) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i];
    if (!trusted(proxies, client)) break;
  }
  return client;
}

// The header the server (scripts/serve.ts) sets on every request, replacing whatever a client sent.
export const CLIENT_ADDRESS_HEADER = "x-ledger-client-address";

/**
 * Whether an engine's URL is inside the deployment (docs/translation.md, "Engines"): its host is
 * a loopback, private or link-local address, or a name that only a local network resolves (one
 * label, such as a container's service name, or under `.internal`, `.local` or `.localhost`).
 * Anything else is outside, and is sent no case text unless its configuration says so.
 */
import { BlockList, isIPv4, isIPv6 } from "node:net";

const INSIDE = new BlockList();
for (const [net, prefix] of [
  ["127.0.0.0", 8], // loopback
  ["10.0.0.0", 8], // private (RFC 1918)
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["169.254.0.0", 16], // link-local
  ["100.64.0.0", 10], // shared address space of a carrier or cloud network (RFC 6598)
] as const)
  INSIDE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
] as const)
  INSIDE.addSubnet(net, prefix, "ipv6");

/** An IPv4 address written as IPv6 (`::ffff:a00:1`, `::ffff:10.0.0.1`), as IPv4; else null. */
function mappedIPv4(v6: string): string | null {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(v6);
  if (!m?.[1]) return null;
  const tail = m[1];
  if (isIPv4(tail)) return tail;
  const groups = tail.split(":");
  if (groups.length !== 2) return null;
  const [hi, lo] = groups.map((g) => parseInt(g, 16));
  if (hi === undefined || lo === undefined || Number.isNaN(hi) || Number.isNaN(lo)) return null;
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** Whether `host` (a URL's hostname) is inside the deployment. */
export function isInsideHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host === "") return false;
  if (isIPv4(host)) return INSIDE.check(host, "ipv4");
  if (isIPv6(host)) {
    const v4 = mappedIPv4(host);
    return v4 ? INSIDE.check(v4, "ipv4") : INSIDE.check(host, "ipv6");
  }
  if (!host.includes(".")) return true;
  return /\.(internal|local|localhost)$/.test(host);
}

/** Whether an engine at `url` is outside the deployment. */
export function isExternalUrl(url: string): boolean {
  return !isInsideHost(new URL(url).hostname);
}

// Where phones can reach the web app: a screen opened at localhost would otherwise tell a class
// to open "localhost:3000", which is each phone itself.
import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import type { JoinInfo } from '@backprop/contract';

/** Interfaces of containers and virtual machines: reachable from this computer only. */
const VIRTUAL =
  /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|podman|lxc|lxd|tailscale|utun|zt)/i;

/** School and home networks first (192.168/16, 10/8), then 172.16/12, then any other address. */
function rank(address: string): number {
  if (address.startsWith('192.168.')) return 0;
  if (address.startsWith('10.')) return 1;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(address)) return 2;
  // Link-local (no DHCP answer): rarely reachable.
  if (address.startsWith('169.254.')) return 4;
  return 3;
}

/** The non-internal IPv4 addresses of this machine, most likely classroom address first. */
export function networkAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const found: string[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    if (VIRTUAL.test(name)) continue;
    for (const info of infos ?? []) {
      // IPv4 only: an IPv6 address in a URL needs brackets, and phones type these by hand.
      if (info.internal || info.family !== 'IPv4') continue;
      if (!found.includes(info.address)) found.push(info.address);
    }
  }
  return found.sort((a, b) => rank(a) - rank(b));
}

export function joinInfo(
  publicUrl: string | null,
  interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>,
): JoinInfo {
  return {
    publicUrl: publicUrl ? publicUrl.replace(/\/+$/, '') : null,
    addresses: networkAddresses(interfaces),
  };
}

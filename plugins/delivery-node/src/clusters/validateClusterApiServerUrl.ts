import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Upstream's guard for catalog-located clusters
 * (plugins/kubernetes-backend/src/cluster-locator/validateClusterApiServerUrl.ts): anyone
 * who can register a catalog entity could otherwise point the backend, with its
 * credentials, at an internal address. HTTPS and a public address are required unless
 * the host matches `dangerouslyAllowClusterUrls` (`host` or `*.domain`).
 */
export async function validateClusterApiServerUrl(
  apiServerUrl: string | undefined,
  options: { dangerouslyAllowClusterUrls?: string[] },
): Promise<void> {
  let url: URL;
  try {
    url = new URL(apiServerUrl ?? '');
  } catch {
    throw new Error('Kubernetes cluster API server URL is not a valid URL');
  }
  if (url.username || url.password) {
    throw new Error(
      'Kubernetes cluster API server URL must not contain credentials',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      'Kubernetes cluster API server URL must use the HTTP or HTTPS scheme',
    );
  }
  const hostname = url.hostname.toLowerCase();
  const allowed = (options.dangerouslyAllowClusterUrls ?? []).some(pattern => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.')
      ? hostname.endsWith(p.slice(1)) || hostname === p.slice(2)
      : hostname === p;
  });
  if (allowed) return;
  if (url.protocol !== 'https:') {
    throw new Error(
      'Kubernetes cluster API server URL must use the HTTPS scheme',
    );
  }
  const nonPublic = (ip: string) => {
    try {
      return ipaddr.parse(ip).range() !== 'unicast';
    } catch {
      return true;
    }
  };
  if (ipaddr.isValid(hostname)) {
    if (nonPublic(hostname))
      throw new Error(
        'Kubernetes cluster API server URL must not use a non-public IP address',
      );
    return;
  }
  const addresses = await lookup(hostname, { all: true });
  if (addresses.some(a => nonPublic(a.address))) {
    throw new Error(
      `Kubernetes cluster API server URL hostname "${hostname}" resolves to a non-public address`,
    );
  }
}

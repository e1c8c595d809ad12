import { RESOURCE_TYPES } from './resources';

/** What `kubectl version` reads from /version. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-sandbox',
  gitCommit: 'sandbox',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function groups(): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const type of RESOURCE_TYPES) {
    if (!type.group) continue;
    const versions = byGroup.get(type.group) ?? [];
    if (!versions.includes(type.version)) versions.push(type.version);
    byGroup.set(type.group, versions);
  }
  return byGroup;
}

function apiGroup(name: string, versions: string[]) {
  const list = versions.map(version => ({
    groupVersion: `${name}/${version}`,
    version,
  }));
  return { name, versions: list, preferredVersion: list[0] };
}

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function resourceList(group: string, version: string) {
  const resources = [];
  for (const type of RESOURCE_TYPES) {
    if (type.group !== group || type.version !== version) continue;
    resources.push({
      name: type.resource,
      singularName: type.singularName ?? type.kind.toLowerCase(),
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.usageMetrics ? ['get', 'list'] : VERBS,
      ...(type.shortNames ? { shortNames: type.shortNames } : {}),
      ...(type.categories ? { categories: type.categories } : {}),
    });
    for (const sub of type.subresources ?? []) {
      resources.push({
        name: `${type.resource}/${sub}`,
        singularName: '',
        namespaced: type.namespaced,
        kind: sub === 'scale' ? 'Scale' : type.kind,
        ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
        verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

/** Answers the discovery endpoints kubectl and client libraries read, or undefined. */
export function discovery(pathname: string): unknown | undefined {
  const segments = pathname.split('/').filter(Boolean);
  if (pathname === '/version' || pathname === '/version/') return VERSION_INFO;
  if (segments[0] === 'api') {
    if (segments.length === 1) {
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [
          { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' },
        ],
      };
    }
    if (segments.length === 2 && segments[1] === 'v1')
      return resourceList('', 'v1');
    return undefined;
  }
  if (segments[0] === 'apis') {
    const all = groups();
    if (segments.length === 1) {
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...all].map(([name, versions]) => apiGroup(name, versions)),
      };
    }
    const versions = all.get(segments[1]);
    if (!versions) return undefined;
    if (segments.length === 2) {
      return {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...apiGroup(segments[1], versions),
      };
    }
    if (segments.length === 3 && versions.includes(segments[2])) {
      return resourceList(segments[1], segments[2]);
    }
  }
  return undefined;
}

import { findResourceType, ResourceType } from './resources';

export type ParsedPath =
  | { kind: 'discovery'; path: string }
  | {
      kind: 'resource';
      type: ResourceType;
      namespace?: string;
      name?: string;
      subresource?: string;
    }
  | { kind: 'unknown' };

/**
 * Maps a request path to what it addresses, following the API server's URL scheme:
 * /api/v1/namespaces/{ns}/{resource}/{name}/{subresource} for the core group and
 * /apis/{group}/{version}/... for the others; without `namespaces/{ns}` a namespaced
 * resource is listed across all namespaces.
 */
export function parsePath(pathname: string): ParsedPath {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    if (segments.length <= 2) return { kind: 'discovery', path: pathname };
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis') {
    if (segments.length <= 3) return { kind: 'discovery', path: pathname };
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return { kind: 'unknown' };
  }

  // namespaces/{ns}/{resource}/... unless the resource is the namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = findResourceType(group, version, rest[2]);
    if (!type || !type.namespaced) return { kind: 'unknown' };
    return {
      kind: 'resource',
      type,
      namespace: rest[1],
      name: rest[3],
      subresource: rest[4],
    };
  }
  const type = findResourceType(group, version, rest[0]);
  if (!type) return { kind: 'unknown' };
  if (type.namespaced && rest.length > 1) return { kind: 'unknown' };
  return { kind: 'resource', type, name: rest[1], subresource: rest[2] };
}

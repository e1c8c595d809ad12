import { Cluster } from '../fleet/Cluster';
import { ResourceType, storageKey } from './resources';

export type Verb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection';

/** A request for a resource, parsed once and handed to the verb handlers. */
export interface RequestContext {
  cluster: Cluster;
  verb: Verb;
  type: ResourceType;
  /** Storage key of the type, see storageKey(). */
  kind: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  contentType: string;
  accept: string;
  /** The User-Agent header: its product token names the field manager when none is given. */
  userAgent?: string;
  body?: any;
}

export function verbOf(
  method: string,
  hasName: boolean,
  query: URLSearchParams,
): Verb | undefined {
  switch (method) {
    case 'GET': {
      if (hasName) return 'get';
      const watch = query.get('watch');
      return watch === 'true' || watch === '1' ? 'watch' : 'list';
    }
    case 'POST':
      return hasName ? undefined : 'create';
    case 'PUT':
      return hasName ? 'update' : undefined;
    case 'PATCH':
      return hasName ? 'patch' : undefined;
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

export function kindOf(type: ResourceType): string {
  return storageKey(type);
}

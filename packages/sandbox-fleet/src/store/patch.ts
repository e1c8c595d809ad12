import { applyPatch, Operation } from 'fast-json-patch';
import { errors } from '../api/errors';

type Json = any;

const isObject = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, everything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * The merge keys of the lists that Kubernetes merges by key under a strategic merge patch
 * (from the `patchMergeKey` tags of the API types used here). Other lists are replaced.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};

/** Lists of primitives merged as sets (patchStrategy merge). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === 'ports') {
    // Container ports merge by containerPort, service ports by port.
    return items.some(item => isObject(item) && 'containerPort' in item)
      ? 'containerPort'
      : 'port';
  }
  return MERGE_KEYS[field];
}

function strategicList(
  field: string,
  target: Json[] | undefined,
  patch: Json[],
): Json[] {
  if (MERGED_PRIMITIVE_LISTS.has(field)) {
    return [...new Set([...(target ?? []), ...patch])];
  }
  const key = mergeKeyFor(field, [...(target ?? []), ...patch]);
  if (!key || !Array.isArray(target)) {
    return patch.filter(item => !(isObject(item) && item.$patch === 'delete'));
  }
  const result = target.map(item => item);
  for (const item of patch) {
    if (!isObject(item)) {
      throw errors.badRequest(
        `strategic merge patch: ${field} items must be objects`,
      );
    }
    const index = result.findIndex(
      existing => isObject(existing) && existing[key] === item[key],
    );
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = strategicMergePatch(result[index], item);
    } else {
      result.push(strategicMergePatch(undefined, item));
    }
  }
  return result;
}

/**
 * Strategic merge patch as kubectl sends it (`kubectl set image`, `kubectl scale`, ...):
 * a merge patch whose lists of named things merge by key. Supports the `$patch`
 * (replace, delete) directive and ignores `$setElementOrder`, which only orders output.
 */
export function strategicMergePatch(
  target: Json,
  patch: Json,
  field = '',
): Json {
  if (!isObject(patch)) {
    return Array.isArray(patch) ? strategicList(field, target, patch) : patch;
  }
  if (patch.$patch === 'replace') {
    const { $patch: _directive, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (
      key === '$patch' ||
      key.startsWith('$setElementOrder/') ||
      key === '$retainKeys'
    )
      continue;
    if (value === null) {
      delete result[key];
    } else {
      const merged = strategicMergePatch(result[key], value, key);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    }
  }
  return result;
}

/** RFC 6902 JSON patch; a failed `test` or a bad path is a 422 like on a real server. */
export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) {
    throw errors.badRequest(
      'json patch: the body must be an array of operations',
    );
  }
  try {
    return applyPatch(
      structuredClone(target),
      operations as Operation[],
      true,
      false,
    ).newDocument;
  } catch (error) {
    throw errors.invalid(
      target?.kind ?? 'Object',
      target?.metadata?.name ?? '',
      'patch',
      (error as Error).message.split('\n')[0],
    );
  }
}

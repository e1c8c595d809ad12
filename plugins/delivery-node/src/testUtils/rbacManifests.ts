import fs from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parseAllDocuments } from 'yaml';

/** One rule of a Role or ClusterRole, as Kubernetes RBAC writes it. */
interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** A Role or ClusterRole from docs/rbac.md. */
export interface RbacRole {
  kind: 'Role' | 'ClusterRole';
  name: string;
  rules: PolicyRule[];
}

/**
 * Requests a sandbox cluster served, as its RequestCounters snapshot keeps them:
 * `{ verb: { 'group/resource[/subresource]': count } }` (the core group is '').
 */
export type ServedRequests = Record<string, Record<string, number>>;

/** The repository's docs/rbac.md, two folders above this package. */
const RBAC_DOC = resolvePackagePath(
  '@internal/backstage-plugin-delivery-node',
  '../../docs/rbac.md',
);

/**
 * Every Role and ClusterRole in the ```yaml blocks of docs/rbac.md: the manifests an
 * operator applies are the ones the tests hold against the requests the code makes, so the
 * document cannot drift from the code.
 */
export function readRbacManifests(file = RBAC_DOC): RbacRole[] {
  const markdown = fs.readFileSync(file, 'utf8');
  const blocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    match => match[1],
  );
  return blocks
    .flatMap(block => parseAllDocuments(block).map(doc => doc.toJS()))
    .filter(
      (object: any) =>
        object?.kind === 'Role' || object?.kind === 'ClusterRole',
    )
    .map((object: any) => ({
      kind: object.kind,
      name: object.metadata.name,
      rules: (object.rules ?? []).map((rule: any) => ({
        apiGroups: rule.apiGroups ?? [],
        resources: rule.resources ?? [],
        verbs: rule.verbs ?? [],
      })),
    }));
}

/** The roles of docs/rbac.md with these names; throws when one is missing. */
export function rbacRolesNamed(...names: string[]): RbacRole[] {
  const roles = readRbacManifests();
  return names.map(name => {
    const role = roles.find(r => r.name === name);
    if (!role) throw new Error(`docs/rbac.md has no Role named ${name}`);
    return role;
  });
}

function split(groupResource: string): { group: string; resource: string } {
  const slash = groupResource.indexOf('/');
  return {
    group: groupResource.slice(0, slash),
    resource: groupResource.slice(slash + 1),
  };
}

function ruleAllows(
  rule: PolicyRule,
  verb: string,
  groupResource: string,
): boolean {
  const { group, resource } = split(groupResource);
  return (
    rule.apiGroups.includes(group) &&
    rule.resources.includes(resource) &&
    rule.verbs.includes(verb)
  );
}

/** Each served request as `verb group/resource`, skipping API discovery (always allowed). */
function servedPairs(served: ServedRequests): Array<[string, string]> {
  return Object.entries(served).flatMap(([verb, resources]) =>
    Object.keys(resources)
      .filter(resource => resource !== 'discovery')
      .map(resource => [verb, resource] as [string, string]),
  );
}

/** Requests that none of the roles allows, as `verb group/resource` lines (sorted). */
export function requestsNotAllowed(
  served: ServedRequests,
  roles: RbacRole[],
): string[] {
  return servedPairs(served)
    .filter(
      ([verb, resource]) =>
        !roles.some(role =>
          role.rules.some(rule => ruleAllows(rule, verb, resource)),
        ),
    )
    .map(([verb, resource]) => `${verb} ${resource}`)
    .sort();
}

/**
 * What a role grants that no served request used, as `verb group/resource` lines: a
 * least-privilege role has none once the code that needs it has run.
 */
export function grantsNotUsed(
  served: ServedRequests,
  role: RbacRole,
): string[] {
  const used = new Set(
    servedPairs(served).map(([verb, resource]) => `${verb} ${resource}`),
  );
  return role.rules
    .flatMap(rule =>
      rule.apiGroups.flatMap(group =>
        rule.resources.flatMap(resource =>
          rule.verbs.map(verb => `${verb} ${group}/${resource}`),
        ),
      ),
    )
    .filter(grant => !used.has(grant))
    .sort();
}

/** Merges the snapshots of several clusters (or runs) into one. */
export function mergeServed(...snapshots: ServedRequests[]): ServedRequests {
  const merged: ServedRequests = {};
  for (const snapshot of snapshots) {
    for (const [verb, resources] of Object.entries(snapshot)) {
      merged[verb] ??= {};
      for (const [resource, count] of Object.entries(resources)) {
        merged[verb][resource] = (merged[verb][resource] ?? 0) + count;
      }
    }
  }
  return merged;
}

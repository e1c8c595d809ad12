import { errors } from '../api/errors';
import { KubeObject } from './types';

export type ObjectFilter = (object: KubeObject) => boolean;

type Requirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: '=' | '!='; key: string; value: string };

/** Splits on commas that are not inside a set: `a in (x,y),b=c` has two requirements. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

function parseRequirement(text: string): Requirement {
  let match = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text);
  if (match) {
    return {
      op: match[2] as 'in' | 'notin',
      key: match[1],
      values: match[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    };
  }
  match = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=()]*)$/.exec(text);
  if (match) {
    return {
      op: match[2] === '!=' ? '!=' : '=',
      key: match[1],
      value: match[3],
    };
  }
  match = /^(!?)([^\s!=()]+)$/.exec(text);
  if (match) {
    return { op: match[1] ? 'notexists' : 'exists', key: match[2] };
  }
  throw errors.badRequest(`unable to parse requirement: ${text}`);
}

function matches(requirement: Requirement, value: string | undefined): boolean {
  switch (requirement.op) {
    case 'exists':
      return value !== undefined;
    case 'notexists':
      return value === undefined;
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case '=':
      return value === requirement.value;
    case '!=':
      return value !== requirement.value;
    default:
      return false;
  }
}

/** A label selector in the API's string form: equality- and set-based requirements. */
export function parseLabelSelector(selector: string | undefined): ObjectFilter {
  if (!selector?.trim()) return () => true;
  const requirements = splitTopLevel(selector).map(parseRequirement);
  return object => {
    const labels = object.metadata.labels ?? {};
    return requirements.every(r => matches(r, labels[r.key]));
  };
}

/** Reads a dotted field path such as `status.phase` or `metadata.name`. */
function fieldValue(object: KubeObject, path: string): string | undefined {
  let value: any = object;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[part];
  }
  if (value === undefined || value === null) return undefined;
  return String(value);
}

/**
 * A field selector: `=`, `==` and `!=` on any dotted path. A real server accepts a fixed
 * set of fields per kind (metadata.name and metadata.namespace everywhere, status.phase and
 * spec.nodeName on pods, ...); every one of those is a path here too.
 */
export function parseFieldSelector(selector: string | undefined): ObjectFilter {
  if (!selector?.trim()) return () => true;
  const requirements = splitTopLevel(selector).map(text => {
    const requirement = parseRequirement(text);
    if (requirement.op !== '=' && requirement.op !== '!=') {
      throw errors.badRequest(`invalid field selector: ${text}`);
    }
    return requirement;
  });
  return object =>
    requirements.every(r => matches(r, fieldValue(object, r.key) ?? ''));
}

/** Matches a structured LabelSelector (matchLabels, matchExpressions), as in specs. */
export function matchesLabelSelector(
  selector:
    | { matchLabels?: Record<string, string>; matchExpressions?: any[] }
    | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const own = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (own[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const op = String(expression.operator).toLowerCase();
    const requirement: Requirement =
      op === 'exists' || op === 'doesnotexist'
        ? { op: op === 'exists' ? 'exists' : 'notexists', key: expression.key }
        : {
            op: op === 'in' ? 'in' : 'notin',
            key: expression.key,
            values: expression.values ?? [],
          };
    if (!matches(requirement, own[expression.key])) return false;
  }
  return true;
}

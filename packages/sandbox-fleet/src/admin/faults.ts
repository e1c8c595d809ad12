/**
 * Faults that tests inject into the sandbox's Kubernetes API, matched per request:
 * - status: answer with this HTTP status and a Kubernetes Status body (429 may carry
 *   Retry-After), without touching any object;
 * - delay: wait, then serve the request normally;
 * - reset: drop the connection before anything is done;
 * - timeout-after-write: do the request (a write is applied) but never answer; the
 *   connection is dropped after `ms`, so the client sees a timeout with an unknown outcome.
 */
export type FaultAction =
  | {
      type: 'status';
      code: number;
      message?: string;
      retryAfterSeconds?: number;
    }
  | { type: 'delay'; ms: number }
  | { type: 'reset' }
  | { type: 'timeout-after-write'; ms?: number };

export interface FaultRuleInput {
  cluster?: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection. */
  verb?: string;
  /** A regular expression matched against the request path. */
  path?: string;
  /** How many matching requests the rule applies to; default 1, -1 for every one. */
  times?: number;
  action: FaultAction;
}

export interface FaultRule extends FaultRuleInput {
  id: number;
  times: number;
  /** How many requests the rule has applied to so far. */
  hits: number;
}

const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
];

/** Checks a rule posted to the admin API; the message names the field. */
export function validateFaultRule(
  input: any,
  clusters: string[],
): FaultRuleInput {
  if (!input || typeof input !== 'object')
    throw new Error('body: must be a JSON object');
  if (input.cluster !== undefined && !clusters.includes(input.cluster)) {
    throw new Error(
      `cluster: "${input.cluster}" is not one of ${clusters.join(', ')}`,
    );
  }
  if (input.verb !== undefined && !VERBS.includes(input.verb)) {
    throw new Error(`verb: "${input.verb}" is not one of ${VERBS.join(', ')}`);
  }
  if (input.path !== undefined) {
    try {
      RegExp(input.path);
    } catch {
      throw new Error(`path: "${input.path}" is not a regular expression`);
    }
  }
  if (
    input.times !== undefined &&
    (!Number.isInteger(input.times) || input.times === 0 || input.times < -1)
  ) {
    throw new Error(
      'times: must be a positive whole number, or -1 for every request',
    );
  }
  const action = input.action;
  switch (action?.type) {
    case 'status':
      if (
        !Number.isInteger(action.code) ||
        action.code < 400 ||
        action.code > 599
      ) {
        throw new Error(
          'action.code: must be an HTTP error status from 400 to 599',
        );
      }
      break;
    case 'delay':
      if (!(Number(action.ms) >= 0 && Number(action.ms) <= 600_000)) {
        throw new Error('action.ms: must be between 0 and 600000');
      }
      break;
    case 'reset':
    case 'timeout-after-write':
      break;
    default:
      throw new Error(
        'action.type: must be status, delay, reset or timeout-after-write',
      );
  }
  return input;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = {
      ...input,
      id: this.nextId++,
      times: input.times ?? 1,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map(rule => ({ ...rule }));
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(rule => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule that matches, used up by one; undefined when none does. */
  take(cluster: string, verb: string, path: string): FaultAction | undefined {
    const rule = this.rules.find(
      r =>
        (r.cluster === undefined || r.cluster === cluster) &&
        (r.verb === undefined || r.verb === verb) &&
        (r.path === undefined || new RegExp(r.path).test(path)),
    );
    if (!rule) return undefined;
    rule.hits++;
    if (rule.times > 0) {
      rule.times--;
      if (rule.times === 0) this.remove(rule.id);
    }
    return rule.action;
  }
}

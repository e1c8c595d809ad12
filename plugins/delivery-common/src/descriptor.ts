import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_COST_CENTER,
  ANNOTATION_DR_REGION,
  ANNOTATION_ENVIRONMENTS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_MONTHLY_BUDGET,
  ANNOTATION_RPO,
  ANNOTATION_RTO,
  ANNOTATION_RUNBOOK,
  ANNOTATION_STRATEGY,
  ANNOTATION_TIER,
} from './annotations';
import { parseDurationMinutes } from './durations';
import { isStrategy, Strategy } from './strategies';
import { isTier, Tier, TIER_RECOVERY_DEFAULTS } from './tiers';

/** A delivery annotation that is missing or cannot be used, and why. @public */
export interface DescriptorProblem {
  annotation: string;
  message: string;
}

/**
 * What the Delivery plugins know about a service from its catalog entity alone.
 * Values that fall back to a default say so in `defaulted`, so the UI can tell a
 * declared RTO from an assumed one.
 * @public
 */
export interface DeliveryDescriptor {
  entityRef: string;
  /** How Kubernetes objects are matched: a kubernetes-id label value or a label selector. */
  workloadSelector?: { kubernetesId: string } | { labelSelector: string };
  tier: Tier;
  rtoMinutes: number;
  rpoMinutes: number;
  strategy: Strategy;
  environments: string[];
  drRegion?: string;
  costCenter?: string;
  monthlyBudgetUsd?: number;
  runbookUrl?: string;
  defaulted: Array<'tier' | 'rto' | 'rpo' | 'strategy'>;
  problems: DescriptorProblem[];
}

/**
 * The kubernetes-id label value of a descriptor, or undefined when the entity is matched
 * by a label selector or declares nothing (the cluster cache indexes by this label).
 * @public
 */
export function kubernetesIdOf(
  descriptor: DeliveryDescriptor,
): string | undefined {
  const selector = descriptor.workloadSelector;
  return selector && 'kubernetesId' in selector
    ? selector.kubernetesId
    : undefined;
}

/** How a service names its Kubernetes objects (see {@link DeliveryDescriptor}). @public */
export type WorkloadSelector = NonNullable<
  DeliveryDescriptor['workloadSelector']
>;

/**
 * The Kubernetes label selector that finds a service's workloads, the one string every
 * read and write uses: `backstage.io/kubernetes-id=<id>` for a kubernetes-id, the
 * entity's own `backstage.io/kubernetes-label-selector` as written otherwise. Undefined
 * when the service declares neither.
 * @public
 */
export function workloadLabelSelector(
  of: DeliveryDescriptor | WorkloadSelector | undefined,
): string | undefined {
  const selector = of && 'entityRef' in of ? of.workloadSelector : of;
  if (!selector) return undefined;
  return 'kubernetesId' in selector
    ? `${ANNOTATION_KUBERNETES_ID}=${selector.kubernetesId}`
    : selector.labelSelector;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function entityRefOf(entity: Entity): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind.toLocaleLowerCase('en-US')}:${namespace}/${
    entity.metadata.name
  }`;
}

/**
 * Reads an entity's delivery annotations. Pure: never throws on bad annotations, it
 * reports them as problems and uses the tier's defaults instead.
 * @public
 */
export function readDeliveryDescriptor(entity: Entity): DeliveryDescriptor {
  const annotations = entity.metadata.annotations ?? {};
  const problems: DescriptorProblem[] = [];
  const defaulted: DeliveryDescriptor['defaulted'] = [];

  const rawTier = annotations[ANNOTATION_TIER];
  let tier: Tier = 'standard';
  if (rawTier === undefined) {
    defaulted.push('tier');
  } else if (isTier(rawTier)) {
    tier = rawTier;
  } else {
    defaulted.push('tier');
    problems.push({
      annotation: ANNOTATION_TIER,
      message: `"${rawTier}" is not a tier; use critical, standard or experimental`,
    });
  }

  const objective = (annotation: string, key: 'rto' | 'rpo'): number => {
    const fallback =
      TIER_RECOVERY_DEFAULTS[tier][key === 'rto' ? 'rtoMinutes' : 'rpoMinutes'];
    const raw = annotations[annotation];
    if (raw === undefined) {
      defaulted.push(key);
      return fallback;
    }
    const minutes = parseDurationMinutes(raw);
    if (minutes === undefined || minutes === 0) {
      defaulted.push(key);
      problems.push({
        annotation,
        message: `"${raw}" is not a duration; write minutes, hours or days such as 15m, 2h, 1d`,
      });
      return fallback;
    }
    return minutes;
  };
  const rtoMinutes = objective(ANNOTATION_RTO, 'rto');
  const rpoMinutes = objective(ANNOTATION_RPO, 'rpo');

  const rawStrategy = annotations[ANNOTATION_STRATEGY];
  let strategy: Strategy = 'rolling';
  if (rawStrategy === undefined) {
    defaulted.push('strategy');
  } else if (isStrategy(rawStrategy)) {
    strategy = rawStrategy;
  } else {
    defaulted.push('strategy');
    problems.push({
      annotation: ANNOTATION_STRATEGY,
      message: `"${rawStrategy}" is not a strategy; use rolling, blue-green or canary`,
    });
  }

  const environments: string[] = [];
  for (const name of (annotations[ANNOTATION_ENVIRONMENTS] ?? '').split(',')) {
    const trimmed = name.trim();
    if (!trimmed) continue;
    if (!DNS_LABEL.test(trimmed)) {
      problems.push({
        annotation: ANNOTATION_ENVIRONMENTS,
        message: `"${trimmed}" is not a valid environment name (lowercase letters, digits and dashes)`,
      });
    } else if (!environments.includes(trimmed)) {
      environments.push(trimmed);
    }
  }

  let workloadSelector: DeliveryDescriptor['workloadSelector'];
  const kubernetesId = annotations[ANNOTATION_KUBERNETES_ID]?.trim();
  const labelSelector =
    annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR]?.trim();
  if (labelSelector) {
    workloadSelector = { labelSelector };
  } else if (kubernetesId) {
    workloadSelector = { kubernetesId };
  } else {
    problems.push({
      annotation: ANNOTATION_KUBERNETES_ID,
      message:
        'missing: add it (and the same label on the Kubernetes objects) so Delivery can find the workloads',
    });
  }

  let monthlyBudgetUsd: number | undefined;
  const rawBudget = annotations[ANNOTATION_MONTHLY_BUDGET];
  if (rawBudget !== undefined) {
    const budget = Number(rawBudget);
    if (rawBudget.trim() === '' || !Number.isFinite(budget) || budget < 0) {
      problems.push({
        annotation: ANNOTATION_MONTHLY_BUDGET,
        message: `"${rawBudget}" is not an amount; write a number of US dollars such as 1200`,
      });
    } else {
      monthlyBudgetUsd = budget;
    }
  }

  return {
    entityRef: entityRefOf(entity),
    workloadSelector,
    tier,
    rtoMinutes,
    rpoMinutes,
    strategy,
    environments,
    drRegion: annotations[ANNOTATION_DR_REGION],
    costCenter: annotations[ANNOTATION_COST_CENTER],
    monthlyBudgetUsd,
    runbookUrl: annotations[ANNOTATION_RUNBOOK],
    defaulted,
    problems,
  };
}

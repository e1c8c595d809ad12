import { K8sObject, objectName } from './k8sObjects';

/**
 * The name rules the API server applies, so a rendered manifest whose name it would refuse
 * fails here, before anything is published, instead of at the first deploy. From upstream
 * Kubernetes:
 * - pkg/apis/core/validation/validation.go: `ValidateServiceName =
 *   apimachineryvalidation.NameIsDNS1035Label`; `ValidateNamespaceName` (a DNS-1123
 *   label); Pod, ServiceAccount, ConfigMap, Secret names `NameIsDNSSubdomain`.
 * - pkg/apis/batch/validation/validation.go: a CronJob name is at most
 *   `DNS1035LabelMaxLength-11` = 52 characters (the controller appends `-<11 digits>` for
 *   its Jobs); a Job's name is also the value of its pods' `job-name` label, so at most 63.
 * - apps, autoscaling, policy, networking: Deployment, HorizontalPodAutoscaler,
 *   PodDisruptionBudget, NetworkPolicy names are DNS-1123 subdomains.
 * The regular expressions are apimachinery's (pkg/util/validation/validation.go).
 */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

interface NameRule {
  pattern: RegExp;
  maxLength: number;
  /** The rule in words, as the message gives it. */
  says: string;
}

const LABEL_WORDS =
  'lower-case letters, digits and dashes, ending with a letter or digit';

const DNS_1035: NameRule = {
  pattern: DNS_1035_LABEL,
  maxLength: 63,
  says: `a DNS-1035 label (${LABEL_WORDS}, starting with a letter, at most 63 characters)`,
};
const DNS_LABEL: NameRule = {
  pattern: DNS_1123_LABEL,
  maxLength: 63,
  says: `a DNS-1123 label (${LABEL_WORDS}, starting with a letter or digit, at most 63 characters)`,
};
const subdomain = (maxLength: number, why = ''): NameRule => ({
  pattern: DNS_1123_SUBDOMAIN,
  maxLength,
  says: `a DNS-1123 subdomain (dot-separated DNS-1123 labels) of at most ${maxLength} characters${why}`,
});

/** The rule for a kind; every other kind's name is a DNS-1123 subdomain. */
const RULES: Record<string, NameRule> = {
  Service: DNS_1035,
  Namespace: DNS_LABEL,
  CronJob: subdomain(
    52,
    ' (the CronJob controller appends 11 characters to name its Jobs)',
  ),
  Job: subdomain(63, ' (it is the value of its pods’ job-name label)'),
};

/** What is wrong with an object's name for its kind, or undefined when the API server takes it. */
export function nameProblem(object: K8sObject): string | undefined {
  const name = object.metadata?.name;
  if (typeof name !== 'string' || name === '')
    return `${objectName(object)}: has no metadata.name`;
  const rule = RULES[object.kind ?? ''] ?? subdomain(253);
  if (name.length <= rule.maxLength && rule.pattern.test(name))
    return undefined;
  return `${objectName(object)}: metadata.name "${name}" is not a valid ${
    object.kind
  } name: it must be ${rule.says}`;
}

/** Every rendered object's name, by the rule of its kind. */
export function checkObjectNames(objects: K8sObject[]): string[] {
  return objects
    .map(nameProblem)
    .filter((message): message is string => message !== undefined);
}

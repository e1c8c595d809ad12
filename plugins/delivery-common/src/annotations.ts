/**
 * Catalog annotations the Delivery plugins read. They are defined once, here, so the
 * golden-path templates, the backend and the frontend agree on their names.
 */

/**
 * The label value that ties Kubernetes objects to a catalog entity. Same annotation (and
 * label) as the upstream Kubernetes plugin, so one annotation serves both.
 * @public
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * A Kubernetes label selector used instead of the kubernetes-id label, as upstream reads it.
 * @public
 */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/** Service tier: `critical`, `standard` or `experimental`. @public */
export const ANNOTATION_TIER = 'delivery/tier';

/** Recovery time objective as a duration (`15m`, `2h`); defaults by tier. @public */
export const ANNOTATION_RTO = 'delivery/rto';

/** Recovery point objective as a duration (`5m`, `1h`); defaults by tier. @public */
export const ANNOTATION_RPO = 'delivery/rpo';

/** Deployment strategy: `rolling`, `blue-green` or `canary`. @public */
export const ANNOTATION_STRATEGY = 'delivery/strategy';

/** Comma-separated environments the service is deployed to, e.g. `staging,production`. @public */
export const ANNOTATION_ENVIRONMENTS = 'delivery/environments';

/** The cloud region the service fails over to, e.g. `us-west-2`. @public */
export const ANNOTATION_DR_REGION = 'delivery/dr-region';

/** Cost centre the service's spend is booked to. @public */
export const ANNOTATION_COST_CENTER = 'delivery/cost-center';

/** Monthly budget in US dollars, a plain number such as `1200`. @public */
export const ANNOTATION_MONTHLY_BUDGET = 'delivery/monthly-budget';

/** URL of the service's runbook. @public */
export const ANNOTATION_RUNBOOK = 'delivery/runbook';

/** Identifier of the service's primary database at its DR provider; default `<kubernetes-id>-db`. @public */
export const ANNOTATION_DATABASE_ID = 'delivery/database-id';

/** The DNS name users reach the service at; default `<kubernetes-id>.<delivery.dr.dns.zone>`. @public */
export const ANNOTATION_DNS_NAME = 'delivery/dns-name';

/**
 * The service's own freeze windows, one a line, each `key=value` fields separated by
 * ` | ` with the keys of `delivery.freezes` (lists comma-separated), e.g.
 * `name=Launch week | environments=production | timeZone=Europe/Berlin | start=2026-03-02T00:00 | end=2026-03-09T00:00 | reason=Spring launch`
 * or `name=Reports | environments=production | timeZone=UTC | rrule=FREQ=WEEKLY;BYDAY=MO;BYHOUR=6 | duration=PT2H`.
 * @public
 */
export const ANNOTATION_FREEZE = 'delivery/freeze';

/**
 * `"true"` lets Delivery's actions change the service's workloads even when a GitOps
 * controller (Argo CD, Flux) manages them; without it the `gitops-owner` preflight check
 * refuses, because the controller would revert the change. @public
 */
export const ANNOTATION_ALLOW_DIRECT_CHANGES = 'delivery/allow-direct-changes';

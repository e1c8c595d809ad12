import { FilterPredicate } from '@backstage/filter-predicates';

// The keys spell out ANNOTATION_KUBERNETES_ID, ANNOTATION_KUBERNETES_LABEL_SELECTOR and
// ANNOTATION_ENVIRONMENTS from delivery-common: a key built from the constants widens to
// `string`, which the predicate type (rightly) refuses, since it could start with `$`.
// cardFilters.test.ts checks them against the constants.

/**
 * Components whose Kubernetes workloads Delivery can find (the annotations the Rollout,
 * Cost and DR cards read): on any other entity those cards could only say "not set up".
 */
export const hasWorkloads: FilterPredicate = {
  $all: [
    { kind: 'component' },
    {
      $any: [
        {
          'metadata.annotations.backstage.io/kubernetes-id': { $exists: true },
        },
        {
          'metadata.annotations.backstage.io/kubernetes-label-selector': {
            $exists: true,
          },
        },
      ],
    },
  ],
};

/** Components that declare the environments the Actions card deploys to. */
export const hasEnvironments: FilterPredicate = {
  $all: [
    { kind: 'component' },
    { 'metadata.annotations.delivery/environments': { $exists: true } },
  ],
};

/** Components Delivery knows in any way: runs are recorded against either kind. */
export const isDeliveryComponent: FilterPredicate = {
  $any: [hasWorkloads, hasEnvironments],
};

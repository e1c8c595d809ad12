import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  FreezeOccurrenceInfo,
  FreezesAnswer,
  readDeliveryDescriptor,
} from '@internal/backstage-plugin-delivery-common';
import {
  DeliveryConfig,
  FreezeDefinitionError,
  FreezeOccurrence,
  freezeStatus,
  FreezeWindow,
  readFreezeAnnotation,
} from '@internal/backstage-plugin-delivery-node';

const onTheWire = (o: FreezeOccurrence): FreezeOccurrenceInfo => ({
  name: o.freeze.name,
  ...(o.freeze.reason ? { reason: o.freeze.reason } : {}),
  timeZone: o.freeze.timeZone,
  source: o.freeze.source,
  actions: o.freeze.actions,
  start: o.start.toISOString(),
  end: o.end.toISOString(),
});

/**
 * Per environment of the entity, the freezes in force at `now` and the next one, from
 * `delivery.freezes` and its `delivery/freeze` annotation: what the `freeze-window`
 * preflight check would find (delivery-node's freezeStatus), for any action. A malformed
 * annotation is answered as data beside the configured freezes, so the card can say why
 * the actions are refused.
 */
export function freezesFor(
  config: DeliveryConfig,
  entity: Entity,
  now: Date,
): FreezesAnswer {
  let own: FreezeWindow[] = [];
  let annotationError: string | undefined;
  try {
    own = readFreezeAnnotation(
      entity.metadata.annotations,
      config.environments.map(e => e.name),
    );
  } catch (error) {
    if (!(error instanceof FreezeDefinitionError)) throw error;
    annotationError = error.message;
  }
  const freezes = [...config.freezes, ...own];
  return {
    entityRef: stringifyEntityRef(entity),
    now: now.toISOString(),
    environments: readDeliveryDescriptor(entity).environments.map(
      environment => {
        const { inForce, next } = freezeStatus(freezes, { environment, now });
        return {
          environment,
          inForce: inForce.map(onTheWire),
          ...(next ? { next: onTheWire(next) } : {}),
        };
      },
    ),
    ...(annotationError ? { annotationError } : {}),
  };
}

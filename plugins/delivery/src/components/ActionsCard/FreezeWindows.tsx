import { Progress } from '@backstage/core-components';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import {
  ANNOTATION_FREEZE,
  formatFreezeTime,
  FreezeOccurrenceInfo,
} from '@internal/backstage-plugin-delivery-common';
import { messageOf } from './approvalText';
import { useFreezes } from './useFreezes';

/**
 * How many actions a freeze can stop (delivery-node's FREEZABLE_ACTIONS: deploy, scale,
 * rollback, promote, abort, retry, migrate); a freeze that stops fewer says which.
 */
const ALL_ACTIONS = 7;

const named = (o: FreezeOccurrenceInfo) =>
  `${o.name}${o.reason ? ` (${o.reason})` : ''}`;

const scope = (o: FreezeOccurrenceInfo) =>
  o.actions.length < ALL_ACTIONS ? ` Stops ${o.actions.join(', ')} only.` : '';

/**
 * The service's freeze windows above its actions: per environment, each freeze in force
 * ("Frozen until …: name (reason)", in the freeze's time zone and UTC) and the next one.
 * The buttons stay (the server refuses, and the platform team may override with a
 * reason), so this is what tells the user before they click. Nothing scheduled is one
 * quiet line; a failure to read them is a message with a retry that leaves the rest of
 * the card alone.
 */
export function FreezeWindows({ entityRef }: { entityRef: string }) {
  const { state, retry } = useFreezes(entityRef);
  if (state.loading) return <Progress aria-label="Loading freeze windows" />;
  if (state.error || !state.value) {
    return (
      <Alert
        status="danger"
        icon
        mb="4"
        title={`Could not load the freeze windows: ${messageOf(
          state.error ?? new Error('The Delivery backend sent no answer'),
        )}`}
        customActions={
          <Button size="small" variant="secondary" onPress={retry}>
            Try again
          </Button>
        }
      />
    );
  }
  const { environments, annotationError } = state.value;
  const scheduled = environments.filter(e => e.inForce.length || e.next);
  return (
    <Flex
      direction="column"
      gap="2"
      mb="4"
      role="group"
      aria-label="Freeze windows"
    >
      {annotationError && (
        <Alert
          status="danger"
          icon
          title={`The ${ANNOTATION_FREEZE} annotation cannot be read`}
          description={`${annotationError}. Every action on this service is refused until it is fixed in catalog-info.yaml.`}
        />
      )}
      {scheduled.length === 0 && !annotationError && (
        <Text variant="body-small" color="secondary">
          No freeze window is scheduled for{' '}
          {environments.map(e => e.environment).join(', ')}.
        </Text>
      )}
      {scheduled.map(({ environment, inForce, next }) => (
        <Flex
          key={environment}
          direction="column"
          gap="1"
          role="group"
          aria-label={`Freeze windows of ${environment}`}
        >
          {inForce.map(o => (
            <Alert
              key={`${o.source}:${o.name}`}
              status="warning"
              icon
              title={`${environment}: Frozen until ${formatFreezeTime(
                o.end,
                o.timeZone,
              )}: ${named(o)}`}
              description={`Actions here are refused until then; the platform team may go ahead with a written override reason.${scope(
                o,
              )}`}
            />
          ))}
          {next && (
            <Text variant="body-small" color="secondary">
              {environment}: Next freeze:{' '}
              {formatFreezeTime(next.start, next.timeZone)} to{' '}
              {formatFreezeTime(next.end, next.timeZone)}: {named(next)}.
              {scope(next)}
            </Text>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

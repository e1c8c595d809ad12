import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Flex, Grid, Text } from '@backstage/ui';
import {
  DoraAnswer,
  DoraEnvironment,
} from '@internal/backstage-plugin-delivery-common';
import { deliveryApiRef } from '../../api';
import { usePolledAsync } from '../../hooks/usePolledAsync';
import { AsyncCard, DeliveryCard } from '../CardStates';
import { Figure } from '../Figure';
import { DoraBandLabel } from './DoraBandLabel';
import { metricTexts } from './doraText';

/** A deploy finished from another tab shows up within this. */
const REFRESH_MS = 30_000;
const TITLE = 'DORA metrics';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });

/**
 * The service's four DORA metrics (deployment frequency, change failure rate, time to
 * restore, lead time for changes) per environment over the window, each with its band,
 * from Delivery's run history.
 * @public
 */
export function DoraCard() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { state, retry } = usePolledAsync(
    () => api.getDora({ entityRef }),
    [api, entityRef],
    REFRESH_MS,
  );
  return (
    <AsyncCard
      title={TITLE}
      errorTitle="Could not load the DORA metrics"
      state={state}
      retry={retry}
    >
      {answer => <Dora answer={answer} />}
    </AsyncCard>
  );
}

function Dora({ answer }: { answer: DoraAnswer }) {
  const { window } = answer;
  const withDeploys = answer.environments.filter(
    e => e.metrics.deploymentFrequency.state === 'measured',
  );
  if (withDeploys.length === 0) {
    return (
      <DeliveryCard title={TITLE}>
        <EmptyState
          missing="data"
          title={`No deploys in the last ${window.days} days`}
          description="Deployment frequency, change failure rate, time to restore and lead time are derived from the deploys, promotions, aborts and rollbacks run from the portal."
        />
      </DeliveryCard>
    );
  }
  return (
    <DeliveryCard title={TITLE}>
      <Flex direction="column" gap="5">
        <Text variant="body-small" color="secondary">
          Last {window.days} days ({day(window.since)} – {day(window.until)}),
          from the runs recorded by Delivery.
        </Text>
        {withDeploys.map(env => (
          <EnvironmentMetrics key={env.environment} env={env} />
        ))}
      </Flex>
    </DeliveryCard>
  );
}

function EnvironmentMetrics({ env }: { env: DoraEnvironment }) {
  const pending = env.metrics.awaitingPromotion;
  return (
    <section aria-label={`DORA metrics in ${env.environment}`}>
      <Text as="h3" variant="title-x-small" weight="bold">
        {env.environment}
        {/* "live (production)"; an environment named production says so itself. */}
        {env.production && !/production/i.test(env.environment)
          ? ' (production)'
          : ''}
      </Text>
      <Grid.Root columns={{ initial: '1', sm: '2', lg: '4' }} gap="4">
        {metricTexts(env.metrics).map(metric => (
          <Grid.Item key={metric.name}>
            <Figure
              label={`${metric.name} in ${env.environment}`}
              caption={metric.name}
              note={
                <>
                  {metric.band && <DoraBandLabel band={metric.band} />}
                  {metric.note && <div>{metric.note}</div>}
                </>
              }
            >
              {metric.value}
            </Figure>
          </Grid.Item>
        ))}
      </Grid.Root>
      {pending > 0 && (
        <Text variant="body-small" color="secondary">
          {pending === 1
            ? '1 paused deploy awaits'
            : `${pending} paused deploys await`}{' '}
          promote or abort, not counted yet.
        </Text>
      )}
    </section>
  );
}

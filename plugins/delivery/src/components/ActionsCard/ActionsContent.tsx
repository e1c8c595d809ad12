import { EmptyState, InfoCard } from '@backstage/core-components';
import { ANNOTATION_KUBERNETES_ID } from '@internal/backstage-plugin-delivery-common';
import Typography from '@material-ui/core/Typography';
import { EnvironmentAction, environmentActions } from './environmentActions';
import { EnvironmentActionsTable } from './EnvironmentActionsTable';
import { ActionsData } from './useActionsData';
import { useDeployLink } from './useDeployLink';

/**
 * The loaded Actions card. When no cluster runs the service the rows stay, under an empty
 * state, so a first deploy can still start from here (with no image filled in).
 */
export function ActionsContent(props: {
  entityRef: string;
  environments: string[];
  data: ActionsData;
}) {
  const { entityRef, environments, data } = props;
  const deployLink = useDeployLink();
  const rows = environmentActions(environments, data.rollouts, data.health);
  const deployHref = (row: EnvironmentAction) =>
    deployLink && row.configured
      ? deployLink({ entityRef, environment: row.name, image: row.image })
      : undefined;
  const table = <EnvironmentActionsTable rows={rows} deployHref={deployHref} />;
  const findable = data.rollouts.kubernetesId || data.rollouts.labelSelector;

  return (
    <InfoCard title="Actions">
      {rows.every(row => row.versions.length === 0) ? (
        <EmptyState
          missing="data"
          title="Not running in any environment yet"
          description={
            findable
              ? 'No connected cluster runs this service, so a deploy starts without an image filled in.'
              : `Delivery cannot find this service's workloads: add the ${ANNOTATION_KUBERNETES_ID} annotation, and the same label to its Kubernetes objects. A deploy starts without an image filled in.`
          }
          action={table}
        />
      ) : (
        table
      )}
      {!deployLink && (
        <Typography variant="caption" color="textSecondary" paragraph>
          Deploy opens the scaffolder, which this app does not have mounted.
        </Typography>
      )}
      {!data.health && (
        <Typography variant="caption" color="textSecondary" paragraph>
          The Delivery backend did not say which environments are production.
        </Typography>
      )}
      {rows.some(row => row.production) && (
        <Typography variant="caption" color="textSecondary" paragraph>
          A lock marks a production environment: deploying there needs the
          platform team.
        </Typography>
      )}
    </InfoCard>
  );
}

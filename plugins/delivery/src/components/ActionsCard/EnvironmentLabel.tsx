import Chip from '@material-ui/core/Chip';
import LockIcon from '@material-ui/icons/Lock';
import { EnvironmentAction } from './environmentActions';

/**
 * An environment's name, drawn as DeliverySetupCard draws it: production ones with a lock
 * (named "production" for screen readers), and a note when the backend does not have it.
 */
export function EnvironmentLabel({ row }: { row: EnvironmentAction }) {
  return (
    <>
      <Chip
        label={row.name}
        icon={
          row.production ? <LockIcon titleAccess="production" /> : undefined
        }
        color={row.production ? 'secondary' : 'default'}
        size="small"
      />
      {!row.configured && (
        <Chip
          label="not configured"
          size="small"
          variant="outlined"
          title="The Delivery backend has no such environment in delivery.environments, so it refuses any action there."
        />
      )}
    </>
  );
}

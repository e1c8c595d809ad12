import { EnvironmentTags } from '../EnvironmentTags';
import { EnvironmentAction } from './environmentActions';

/**
 * An environment's name, drawn as DeliverySetupCard draws it: production ones with a lock
 * (named "production" for screen readers), and a note when the backend does not have it.
 */
export function EnvironmentLabel({ row }: { row: EnvironmentAction }) {
  return (
    <EnvironmentTags
      label={row.name}
      environments={[
        {
          name: row.name,
          production: row.production === true,
          note: row.configured
            ? undefined
            : {
                text: 'not configured',
                hint: 'The Delivery backend has no such environment in delivery.environments, so it refuses any action there.',
              },
        },
      ]}
    />
  );
}

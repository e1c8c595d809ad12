import { Text } from '@backstage/ui';
import { RunningVersion } from './environmentActions';

/**
 * The version(s) running in an environment: one version alone, or every version with the
 * clusters that run it when the clusters disagree. The full image is in the tooltip.
 */
export function RunningVersions({ versions }: { versions: RunningVersion[] }) {
  if (versions.length === 0) {
    return (
      <Text variant="body-medium" color="secondary">
        not deployed
      </Text>
    );
  }
  if (versions.length === 1) {
    return <span title={versions[0].image}>{versions[0].version}</span>;
  }
  return (
    <ul aria-label="versions by cluster" style={{ margin: 0, paddingLeft: 16 }}>
      {versions.map(v => (
        <li key={v.image} title={v.image}>
          {v.version} on {v.clusters.join(', ')}
        </li>
      ))}
    </ul>
  );
}

import { Tag, TagGroup } from '@backstage/ui';
import { EntityRollouts } from '@internal/backstage-plugin-delivery-common';
import { ago } from './RolloutState';

type ClusterInfo = EntityRollouts['clusters'][number]['cluster'];

/**
 * What a reader must know about a cluster before trusting its row: a sandbox, or a
 * cluster Delivery could not read (with how old the shown data is, and why on hover).
 */
export function ClusterTags(props: { cluster: ClusterInfo; now: number }) {
  const { cluster, now } = props;
  const tags: Array<{ id: string; text: string; hint?: string }> = [];
  if (cluster.sandbox) tags.push({ id: 'sandbox', text: 'sandbox' });
  if (cluster.state !== 'ok') {
    tags.push({
      id: 'unreachable',
      text:
        cluster.state === 'stale'
          ? `unreachable, data from ${ago(cluster.syncedAt, now)}`
          : 'unreachable',
      hint: cluster.error,
    });
  }
  if (tags.length === 0) return null;
  return (
    <TagGroup aria-label={`${cluster.name} notes`} items={tags}>
      {tag => (
        <Tag id={tag.id} size="small" textValue={tag.text}>
          <span title={tag.hint}>{tag.text}</span>
        </Tag>
      )}
    </TagGroup>
  );
}

import {
  COMPONENTS,
  LABEL_APP_COMPONENT,
  LABEL_KUBERNETES_ID,
  LABEL_TRACK,
  TRACKS,
} from '@internal/backstage-plugin-delivery-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The golden path's manifests are templates, not code, so they cannot import the label
 * names the actions and the backend look workloads up by. This pins them to the same names:
 * a service generated today is one the deploy, migrate and DR actions can find.
 */
const base = join(__dirname, '../../golden-path/deploy/base');
const read = (path: string) => readFileSync(join(base, path), 'utf8');

describe('the golden-path manifests', () => {
  it('label Deployments with the kubernetes-id and the track the deploy action reads', () => {
    const deployment = read('deployment.yaml');

    expect(deployment).toContain(`${LABEL_KUBERNETES_ID}: \${{ values.name }}`);
    expect(deployment).toContain(`${LABEL_TRACK}: \${{ track }}`);
    for (const track of Object.values(TRACKS)) {
      expect(deployment).toContain(`'${track}'`);
    }
  });

  it('label the migration Job and the backup CronJob with the components the actions look for', () => {
    expect(
      read(`\${{ "database" if values.database else "" }}/migration-job.yaml`),
    ).toContain(`${LABEL_APP_COMPONENT}: ${COMPONENTS.migration}`);
    expect(
      read(`\${{ "backup" if values.backup else "" }}/backup-cronjob.yaml`),
    ).toContain(`${LABEL_APP_COMPONENT}: ${COMPONENTS.backup}`);
  });
});

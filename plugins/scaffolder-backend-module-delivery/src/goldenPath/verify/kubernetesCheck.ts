import { resolveKubectl } from '@internal/bundled-kubectl';
import path from 'node:path';
import { checkContainers } from './containerPolicy';
import { checkDisruptionBudgets } from './disruptionPolicy';
import { entriesOf } from './entriesOf';
import { kustomize } from './kustomize';
import { checkLabels } from './labelPolicy';
import { checkObjectNames } from './objectNames';
import { checkSchemas } from './schemaCheck';
import { CheckResult } from './types';
import { checkWorkloads } from './workloadPolicy';

const OVERLAYS = 'deploy/overlays';

/**
 * Builds every `deploy/overlays/*` with kustomize and checks what would be applied:
 * each object against its schema, then the golden-path policies. The overlays are what
 * reaches a cluster, so the base alone is never checked.
 */
export async function checkKubernetes(options: {
  dir: string;
  kubectl?: string;
  kubectlCacheDirectory?: string;
}): Promise<CheckResult> {
  const result: CheckResult = { problems: [], passed: [] };
  const overlaysDir = path.join(options.dir, OVERLAYS);
  const entries = await entriesOf(overlaysDir);
  const overlays = entries
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
    .sort();
  if (!overlays.length) {
    result.problems.push({
      file: OVERLAYS,
      message: 'no overlays found; every environment needs one',
    });
    return result;
  }
  let kubectl: string;
  try {
    kubectl = await resolveKubectl({
      configured: options.kubectl,
      cacheDirectory: options.kubectlCacheDirectory,
    });
  } catch (error) {
    result.problems.push({ file: OVERLAYS, message: (error as Error).message });
    return result;
  }
  for (const overlay of overlays) {
    const file = `${OVERLAYS}/${overlay}`;
    const built = await kustomize(path.join(overlaysDir, overlay), kubectl);
    if (built.error !== undefined) {
      result.problems.push({ file, message: built.error });
      continue;
    }
    const messages = [
      ...checkObjectNames(built.objects),
      ...(await checkSchemas(built.objects)),
      ...checkContainers(built.objects),
      ...checkWorkloads(built.objects),
      ...checkDisruptionBudgets(built.objects),
      ...checkLabels(built.objects),
    ];
    if (!built.objects.length) messages.push('renders no objects');
    result.problems.push(...messages.map(message => ({ file, message })));
    if (!messages.length)
      result.passed.push(`${file}: ${built.objects.length} objects valid`);
  }
  return result;
}

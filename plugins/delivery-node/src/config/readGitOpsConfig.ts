import { Config } from '@backstage/config';

/** How Delivery recognises workloads a GitOps controller manages (`delivery.gitops`). @public */
export interface GitOpsConfig {
  /**
   * Field managers (as `metadata.managedFields` names them) that mean a GitOps controller
   * owns an object, besides Argo CD's and Flux's, which are always recognised.
   */
  fieldManagers: string[];
}

/** The API server's limit on a field manager's name. */
const MAX_FIELD_MANAGER_LENGTH = 128;

/** What a field manager's name may not contain: it must be printable. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/;

/**
 * Reads `delivery.gitops`. Throws at start-up naming the key: a misspelt list would let
 * actions change objects a controller reverts.
 * @public
 */
export function readGitOpsConfig(config: Config): GitOpsConfig {
  const key = 'delivery.gitops.fieldManagers';
  const fieldManagers = config.getOptionalStringArray(key) ?? [];
  const seen = new Set<string>();
  fieldManagers.forEach((manager, index) => {
    if (
      !manager.trim() ||
      manager !== manager.trim() ||
      manager.length > MAX_FIELD_MANAGER_LENGTH ||
      CONTROL_CHARACTERS.test(manager)
    )
      throw new Error(
        `${key}[${index}] "${manager}" must be a field manager name: 1 to ${MAX_FIELD_MANAGER_LENGTH} printable characters without surrounding spaces`,
      );
    if (seen.has(manager))
      throw new Error(`${key}: "${manager}" is listed twice`);
    seen.add(manager);
  });
  return { fieldManagers };
}

import { checkDockerfiles } from './dockerfileCheck';
import { checkKubernetes } from './kubernetesCheck';
import { checkLockfile } from './lockfileCheck';
import { CheckResult, VerifyProblem } from './types';
import { checkWorkflows } from './workflowCheck';

/** Options of {@link verifyGoldenPathWorkspace}. @public */
export interface VerifyGoldenPathOptions {
  /** The rendered workspace: skeleton and platform files. */
  dir: string;
  /** The kubectl binary; the bundled one (`@internal/bundled-kubectl`) by default. */
  kubectl?: string;
  /** Where the bundled kubectl is extracted; its default folder when unset. */
  kubectlCacheDirectory?: string;
  /** The template's validated values, to find them pasted into run scripts. */
  values?: Record<string, unknown>;
}

/**
 * Every check, with the lines of what passed. All checks run even when one finds
 * problems, so a user sees everything to fix at once.
 */
export async function runGoldenPathChecks(
  options: VerifyGoldenPathOptions,
): Promise<CheckResult> {
  const results = [
    await checkKubernetes(options),
    await checkWorkflows(options),
    await checkDockerfiles(options),
    await checkLockfile(options),
  ];
  return {
    problems: results.flatMap(result => result.problems),
    passed: results.flatMap(result => result.passed),
  };
}

/**
 * Verifies a rendered golden-path workspace the way CI and the cluster would judge it:
 * kustomize overlays against the Kubernetes schemas and the platform policies,
 * workflows against the GitHub Actions schema, for script injection and for actions not
 * pinned to a commit, Dockerfiles by lint, their final USER and `npm ci`, the lockfile
 * against package.json. Returns every problem; none means the workspace is fit to
 * publish.
 *
 * @public
 */
export async function verifyGoldenPathWorkspace(
  options: VerifyGoldenPathOptions,
): Promise<VerifyProblem[]> {
  return (await runGoldenPathChecks(options)).problems;
}

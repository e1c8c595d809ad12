/**
 * One thing wrong with a rendered golden-path workspace.
 *
 * @public
 */
export interface VerifyProblem {
  /** Path relative to the workspace: `deploy/overlays/production`, `Dockerfile`, ... */
  file: string;
  /** What is wrong, naming the object, job or line, e.g. `Deployment/payments: ...`. */
  message: string;
}

/**
 * What one check found: its problems, and a line per file that passed, so the action
 * can show what was verified rather than only what failed.
 */
export interface CheckResult {
  problems: VerifyProblem[];
  passed: string[];
}

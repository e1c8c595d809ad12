import { execFile } from 'node:child_process';
import yaml from 'yaml';
import { K8sObject } from './k8sObjects';

/** A build renders in well under a second; a remote base that hangs must not hold the task. */
const KUSTOMIZE_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

// klog's header: severity, date, time, thread id, source file.
const KLOG_HEADER = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ \S+:\d+\] /;

/**
 * kubectl's error without its framing: upstream prints `error: <reason>`, some
 * distribution builds log `E1124 ... "command failed" err="<quoted reason>"`.
 */
export function readableStderr(stderr: string): string {
  return stderr
    .trim()
    .split('\n')
    .map(line => {
      const text = line.replace(KLOG_HEADER, '');
      const failed = /^"command failed" err=(".*")$/.exec(text);
      if (failed) {
        try {
          return JSON.parse(failed[1]) as string;
        } catch {
          return text;
        }
      }
      return text.replace(/^error: /, '');
    })
    .join('\n');
}

export type KustomizeResult =
  | { objects: K8sObject[]; error?: undefined }
  | { objects?: undefined; error: string };

/**
 * `kubectl kustomize <dir>`, exactly what the delivery workflow and `kubectl apply -k`
 * build, with the kubectl `resolveKubectl` chose. No shell: the directory is one
 * argument, whatever it is named.
 */
export function kustomize(
  dir: string,
  kubectl: string,
): Promise<KustomizeResult> {
  return new Promise(resolve => {
    execFile(
      kubectl,
      ['kustomize', dir],
      {
        timeout: KUSTOMIZE_TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT_BYTES,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            resolve({
              error: `${kubectl} was not found: set delivery.goldenPath.kubectl to the path of a kubectl, or leave it unset to use the bundled one`,
            });
            return;
          }
          const reason = error.killed
            ? `timed out after ${KUSTOMIZE_TIMEOUT_MS / 1000}s`
            : readableStderr(stderr) || error.message;
          resolve({ error: `kubectl kustomize failed: ${reason}` });
          return;
        }
        resolve(parseManifests(stdout));
      },
    );
  });
}

/** The multi-document YAML kustomize prints, one object per document. */
export function parseManifests(text: string): KustomizeResult {
  const objects: K8sObject[] = [];
  for (const document of yaml.parseAllDocuments(text)) {
    if (document.errors.length)
      return {
        error: `kubectl kustomize printed invalid YAML: ${document.errors[0].message}`,
      };
    const value = document.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      return {
        error: 'kubectl kustomize printed a document that is not an object',
      };
    objects.push(value as K8sObject);
  }
  return { objects };
}

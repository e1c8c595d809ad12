import { validate } from 'dockerfile-utils';
import fs from 'node:fs/promises';
import path from 'node:path';
import { finalStageUser } from './dockerfileUser';
import { npmCiProblems } from './npmInstall';
import { CheckResult } from './types';

/** Folders that never hold the service's own Dockerfiles, and may be huge. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

const isDockerfile = (name: string) =>
  name === 'Dockerfile' ||
  name.endsWith('.Dockerfile') ||
  name.startsWith('Dockerfile.');

async function findDockerfiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name))
      found.push(...(await findDockerfiles(dir, relative)));
    else if (entry.isFile() && isDockerfile(entry.name)) found.push(relative);
  }
  return found;
}

const SEVERITY: Record<number, string> = {
  1: 'error',
  2: 'warning',
  3: 'info',
  4: 'hint',
};

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/**
 * Every Dockerfile in the workspace: dockerfile-utils' lint (errors and warnings alike,
 * the golden path ships none), a final stage that drops root, because the pod's
 * runAsNonRoot refuses to start an image whose user is root, and, in a Node repository,
 * dependencies installed with `npm ci` only, so the image is built from the lockfile.
 */
export async function checkDockerfiles(options: {
  dir: string;
}): Promise<CheckResult> {
  const result: CheckResult = { problems: [], passed: [] };
  const files = await findDockerfiles(options.dir);
  if (!files.length) {
    result.problems.push({
      file: 'Dockerfile',
      message:
        'no Dockerfile found; the delivery workflow builds the image from one',
    });
    return result;
  }
  const nodeRepository = await exists(path.join(options.dir, 'package.json'));
  for (const file of files) {
    const content = await fs.readFile(path.join(options.dir, file), 'utf8');
    const messages = validate(content).map(
      diagnostic =>
        `line ${diagnostic.range.start.line + 1}: ${
          SEVERITY[diagnostic.severity ?? 1] ?? 'error'
        }: ${diagnostic.message}`,
    );
    const user = finalStageUser(content);
    if (!user.ok && user.message) messages.push(user.message);
    if (nodeRepository) messages.push(...npmCiProblems(content, 'it'));
    result.problems.push(...messages.map(message => ({ file, message })));
    if (!messages.length && user.ok)
      result.passed.push(
        `${file}: lint clean, final stage runs as ${user.user} (line ${
          user.line
        })${nodeRepository ? ', dependencies from the lockfile (npm ci)' : ''}`,
      );
  }
  return result;
}

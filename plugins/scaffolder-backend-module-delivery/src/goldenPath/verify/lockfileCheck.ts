import fs from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CheckResult } from './types';

const PACKAGE = 'package.json';
const LOCKFILE = 'package-lock.json';

const readJson = async (file: string): Promise<any> =>
  JSON.parse(await fs.readFile(file, 'utf8'));

const sorted = (record: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b)),
  );

/**
 * A Node repository carries the package-lock.json that `npm ci` installs from, matching its
 * package.json: the same name, and the same dependencies as the lockfile's root package
 * (what `npm ci` compares before it refuses to install). Without it the first commit cannot
 * be rebuilt as it was.
 */
export async function checkLockfile(options: {
  dir: string;
}): Promise<CheckResult> {
  const result: CheckResult = { problems: [], passed: [] };
  const problem = (message: string) =>
    result.problems.push({ file: LOCKFILE, message });
  let pkg: any;
  try {
    pkg = await readJson(path.join(options.dir, PACKAGE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    result.problems.push({
      file: PACKAGE,
      message: `not valid JSON: ${(error as Error).message}`,
    });
    return result;
  }
  let lock: any;
  try {
    lock = await readJson(path.join(options.dir, LOCKFILE));
  } catch (error) {
    problem(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'missing: the repository must carry the lockfile npm ci installs from; run npm install and commit package-lock.json'
        : `not valid JSON: ${(error as Error).message}`,
    );
    return result;
  }
  const root = lock.packages?.[''];
  if (!root || !(lock.lockfileVersion >= 2)) {
    problem(
      `lockfileVersion ${lock.lockfileVersion} has no root package; regenerate it with npm 7 or later`,
    );
    return result;
  }
  if (lock.name !== pkg.name || root.name !== pkg.name)
    problem(
      `names the package ${JSON.stringify(
        root.name ?? lock.name,
      )}, package.json ${JSON.stringify(
        pkg.name,
      )}; regenerate it with npm install`,
    );
  for (const field of [
    'dependencies',
    'devDependencies',
    'optionalDependencies',
  ] as const) {
    if (!isDeepStrictEqual(sorted(root[field]), sorted(pkg[field])))
      problem(
        `${field} differ from package.json (lockfile ${JSON.stringify(
          sorted(root[field]),
        )}, package.json ${JSON.stringify(
          sorted(pkg[field]),
        )}); npm ci would refuse to install. Regenerate it with npm install`,
      );
  }
  if (!result.problems.length)
    result.passed.push(
      `${LOCKFILE}: matches package.json (${
        Object.keys(lock.packages).length - 1
      } packages locked)`,
    );
  return result;
}

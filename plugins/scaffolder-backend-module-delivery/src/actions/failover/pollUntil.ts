import { sleep } from '../../kube/kubeCall';

/**
 * Reads until `read` returns a value (not undefined), every `pollMs`, or fails naming what
 * was awaited and for how long, with the last state `describe` gives. Cancellation stops it.
 */
export async function pollUntil<T>(
  what: string,
  read: () => Promise<T | undefined>,
  options: {
    timeoutMs: number;
    pollMs: number;
    signal?: AbortSignal;
    /** The last state, for the timeout message. */
    describe?: () => string;
  },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() >= deadline)
      throw new Error(
        `${what}: not reached within ${Math.round(options.timeoutMs / 1000)} s${
          options.describe ? ` (last seen: ${options.describe()})` : ''
        }`,
      );
    await sleep(options.pollMs, options.signal);
  }
}

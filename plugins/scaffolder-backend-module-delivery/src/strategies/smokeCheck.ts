import { LoggerService } from '@backstage/backend-plugin-api';
import { sleep } from '../kube/kubeCall';

/** The URL without user info, for logs and the run store. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = '***';
      parsed.password = '';
    }
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * An HTTP GET that must answer 2xx: three tries, five seconds each. Returns the problem,
 * or undefined when the check passed.
 */
export async function smokeCheck(
  url: string,
  logger: LoggerService,
  signal?: AbortSignal,
): Promise<string | undefined> {
  let problem = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(5000),
        redirect: 'manual',
      });
      if (response.ok) {
        logger.info(`Smoke check ${redactUrl(url)}: ${response.status}`);
        return undefined;
      }
      problem = `answered ${response.status}`;
    } catch (error) {
      problem = `did not answer (${(error as Error).message})`;
    }
    logger.warn(`Smoke check ${redactUrl(url)} ${problem} (try ${attempt}/3)`);
    if (attempt < 3) await sleep(1000, signal);
  }
  return `smoke check ${redactUrl(url)} ${problem}`;
}

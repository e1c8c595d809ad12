import { LoggerService } from '@backstage/backend-plugin-api';
import { redactText } from '@internal/backstage-plugin-delivery-node';
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
 * The request a URL with user info stands for: fetch refuses such a URL (and its error
 * quotes it, password and all), so the user info travels as a Basic Authorization header.
 */
function smokeRequest(url: string): { url: string; headers: HeadersInit } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, headers: {} };
  const basic = Buffer.from(
    `${decodeURIComponent(parsed.username)}:${decodeURIComponent(
      parsed.password,
    )}`,
  ).toString('base64');
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    headers: { authorization: `Basic ${basic}` },
  };
}

/**
 * An HTTP GET that must answer 2xx: three tries, five seconds each. Returns the problem,
 * or undefined when the check passed. The URL's user info, if any, is sent as Basic
 * credentials and never appears in what is logged or returned.
 */
export async function smokeCheck(
  url: string,
  logger: LoggerService,
  signal?: AbortSignal,
): Promise<string | undefined> {
  let problem = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const request = smokeRequest(url);
      const response = await fetch(request.url, {
        headers: request.headers,
        signal: AbortSignal.timeout(5000),
        redirect: 'manual',
      });
      if (response.ok) {
        logger.info(`Smoke check ${redactUrl(url)}: ${response.status}`);
        return undefined;
      }
      problem = `answered ${response.status}`;
    } catch (error) {
      problem = `did not answer (${redactText((error as Error).message)})`;
    }
    logger.warn(`Smoke check ${redactUrl(url)} ${problem} (try ${attempt}/3)`);
    if (attempt < 3) await sleep(1000, signal);
  }
  return `smoke check ${redactUrl(url)} ${problem}`;
}

import type { PrometheusRange } from './prometheusRange';

/** Where a Prometheus answers and how to sign in to it. */
export interface PrometheusEndpoint {
  url: string;
  bearerToken?: string;
}

/** One series of a matrix answer: its labels and its points, as epoch milliseconds. */
export interface PrometheusSeries {
  labels: Record<string, string>;
  points: Array<[atMs: number, value: number]>;
}

interface PrometheusAnswer {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{
      metric?: Record<string, string>;
      values?: Array<[number, string]>;
    }>;
  };
}

/**
 * One `POST <url>/api/v1/query_range` (form-encoded, as Prometheus accepts, so a long query
 * does not meet a URL length limit). Prometheus is told the same timeout, so it stops
 * evaluating when the caller stops waiting. Throws with what went wrong: unreachable, no
 * answer in time, an HTTP error, `status: "error"`, or an answer that is not a matrix.
 * Points that are not finite numbers (NaN, ±Inf) are left out.
 */
export async function queryPrometheusRange(
  endpoint: PrometheusEndpoint,
  query: string,
  range: PrometheusRange,
  timeoutMs: number,
): Promise<PrometheusSeries[]> {
  const base = endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`;
  const url = new URL('api/v1/query_range', base);
  const where = `${url.origin}${url.pathname}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (endpoint.bearerToken)
    headers.authorization = `Bearer ${endpoint.bearerToken}`;

  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: new URLSearchParams({
        query,
        start: String(range.startMs / 1000),
        end: String(range.endMs / 1000),
        step: String(range.stepMs / 1000),
        timeout: `${Math.ceil(timeoutMs / 1000)}s`,
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`${where}: ${reasonOf(error, timeoutMs)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new Error(`${where}: ${reasonOf(error, timeoutMs)}`);
  }
  let answer: PrometheusAnswer | undefined;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  // Prometheus answers its errors (bad query, timeout, overload) with an HTTP error status
  // and a JSON body saying which; a proxy in front of it answers with a page.
  if (!response.ok) {
    const detail = answer?.error ?? text.slice(0, 200);
    throw new Error(`${where} answered HTTP ${response.status}: ${detail}`);
  }
  if (!answer) throw new Error(`${where} answered something other than JSON`);
  if (answer.status !== 'success') {
    const reason = [answer.errorType, answer.error ?? 'no error given']
      .filter(Boolean)
      .join(': ');
    throw new Error(`${where} answered status ${answer.status}: ${reason}`);
  }
  if (
    answer.data?.resultType !== 'matrix' ||
    !Array.isArray(answer.data.result)
  ) {
    throw new Error(
      `${where} answered ${
        answer.data?.resultType ?? 'no result'
      } where a matrix was asked for`,
    );
  }
  return answer.data.result.map(series => ({
    labels: series.metric ?? {},
    points: (series.values ?? []).flatMap(([at, value]) => {
      const number = Number(value);
      return Number.isFinite(number) && Number.isFinite(at)
        ? [[Math.round(at * 1000), number] as [number, number]]
        : [];
    }),
  }));
}

/** What fetch's error says, with the reason it keeps in its cause (ECONNREFUSED, ENOTFOUND). */
function reasonOf(error: unknown, timeoutMs: number): string {
  // AbortSignal.timeout's reason is a DOMException, not always an Error of this realm.
  if ((error as { name?: unknown } | undefined)?.name === 'TimeoutError')
    return `no answer within ${timeoutMs / 1000} s`;
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  const reason = cause?.code ?? cause?.message;
  return reason ? `${error.message} (${reason})` : error.message;
}

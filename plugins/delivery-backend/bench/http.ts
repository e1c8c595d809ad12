import { get as httpGet } from 'node:http';

/** An answer as a browser receives it: status, the body's bytes on the wire, encoding. */
export interface WireAnswer {
  status: number;
  bytes: number;
  encoding?: string;
}

/** GETs `url` asking for gzip, as a browser does, and counts the body's bytes received. */
export function bytesOnTheWire(
  url: string,
  authorization: string,
): Promise<WireAnswer> {
  return new Promise((ok, fail) => {
    httpGet(
      url,
      { headers: { authorization, 'accept-encoding': 'gzip' } },
      res => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            bytes,
            encoding: res.headers['content-encoding'],
          }),
        );
      },
    ).on('error', fail);
  });
}

/** GETs JSON as `authorization`; undefined for a 404, an error for any other failure. */
export async function getJson<T>(
  url: string,
  authorization: string,
): Promise<T | undefined> {
  const res = await fetch(url, { headers: { authorization } });
  if (res.status === 404) {
    await res.arrayBuffer();
    return undefined;
  }
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** POSTs JSON as `authorization` and reads the answer. */
export async function postJson<T>(
  url: string,
  authorization: string,
  body: unknown,
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Milliseconds since `start` (from `process.hrtime.bigint()`). */
export const msSince = (start: bigint) =>
  Number(process.hrtime.bigint() - start) / 1e6;

import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * A JSON answer encoded once and served many times: the identity bytes, their gzip form and
 * an ETag. The overview is megabytes for a large catalog and every open page polls it, so
 * compressing it per request (as the root router's compression middleware would) costs
 * more CPU than everything else the endpoint does.
 */
export interface EncodedAnswer {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
}

export async function encodeAnswer(json: string): Promise<EncodedAnswer> {
  const identity = Buffer.from(json, 'utf8');
  const etag = `"${createHash('sha1').update(identity).digest('base64url')}"`;
  // gzip runs on the libuv thread pool, so other requests keep being served meanwhile.
  return { etag, identity, gzip: await gzipAsync(identity, { level: 6 }) };
}

/**
 * The tag of an image reference (`ghcr.io/acme/api:1.4.2` → `1.4.2`), or why it names
 * no commit: a reference pinned only by digest, or one with no tag at all.
 */
export function imageTagOf(
  image: string,
): { tag: string } | { unknown: string } {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon >= 0) return { tag: lastSegment.slice(colon + 1) };
  return image.includes('@')
    ? { unknown: 'the image is pinned by digest, which names no commit' }
    : { unknown: 'the image has no tag' };
}

/** A tag that is itself a commit sha, as CI pipelines often tag images. */
export const COMMIT_SHA = /^[0-9a-f]{7,40}$/;

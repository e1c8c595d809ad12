/** An image with a tag or a digest: "latest by default" is not a deployable version. */
export const IMAGE =
  /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/** An image reference in its parts: `ghcr.io/acme/api:1.4.2` or `…/api@sha256:…`. */
export interface ImageReference {
  /** The repository, with its registry: `ghcr.io/acme/api`. */
  repository: string;
  /** The tag, when the reference has one: `1.4.2`. */
  tag?: string;
  /** The digest, when the reference has one: `sha256:…`. */
  digest?: string;
}

/**
 * Splits a reference that matched IMAGE. The tag is what follows the last `:` after the
 * last `/`, so a registry port (`registry:5000/api:1.0`) is not taken for a tag.
 */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const named = at >= 0 ? reference.slice(0, at) : reference;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return {
    repository: hasTag ? named.slice(0, colon) : named,
    ...(hasTag ? { tag: named.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

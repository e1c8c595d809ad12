/**
 * The version part of an image reference: the tag, or a short digest when the image is
 * pinned by digest (`registry/app@sha256:abc…` → `sha256:abc1234`).
 * @public
 */
export function versionOfImage(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) {
    const digest = image.slice(at + 1);
    const [algorithm, hex = ''] = digest.split(':');
    return `${algorithm}:${hex.slice(0, 7)}`;
  }
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : 'latest';
}

import { IMAGE, parseImageReference } from './imageReference';

describe('parseImageReference', () => {
  it.each([
    [
      'ghcr.io/acme/api:1.4.2',
      { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
    ],
    [
      'registry.local:5000/api:latest',
      { repository: 'registry.local:5000/api', tag: 'latest' },
    ],
    [
      `ghcr.io/acme/api@sha256:${'a'.repeat(64)}`,
      { repository: 'ghcr.io/acme/api', digest: `sha256:${'a'.repeat(64)}` },
    ],
    [
      `ghcr.io/acme/api:main@sha256:${'b'.repeat(64)}`,
      {
        repository: 'ghcr.io/acme/api',
        tag: 'main',
        digest: `sha256:${'b'.repeat(64)}`,
      },
    ],
  ])('splits %s, which the deploy accepts', (reference, parts) => {
    expect(IMAGE.test(reference)).toBe(true);
    expect(parseImageReference(reference)).toEqual(parts);
  });
});

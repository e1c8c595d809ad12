import {
  isSecretKey,
  REDACTED,
  redactError,
  redactSecrets,
  redactText,
} from './redactSecrets';

describe('redactSecrets', () => {
  it('replaces the value of every key that names a secret, at any depth', () => {
    expect(
      redactSecrets({
        image: 'ghcr.io/acme/api:1.2.3',
        token: 's3cret',
        inputs: {
          DB_PASSWORD: 's3cret',
          'x-api-key': 's3cret',
          clientSecret: { value: 's3cret' },
          nested: [{ Authorization: 'Bearer s3cret' }, { apiKey: 42 }],
          githubToken: null,
          credentials: ['s3cret'],
        },
        replicas: 3,
      }),
    ).toEqual({
      image: 'ghcr.io/acme/api:1.2.3',
      token: REDACTED,
      inputs: {
        DB_PASSWORD: REDACTED,
        'x-api-key': REDACTED,
        clientSecret: REDACTED,
        nested: [{ Authorization: REDACTED }, { apiKey: REDACTED }],
        githubToken: null,
        credentials: REDACTED,
      },
      replicas: 3,
    });
  });

  it('removes the user info of URLs anywhere in strings, leaving the rest readable', () => {
    expect(
      redactSecrets({
        smokeUrl: 'https://user:s3cret@status.example.com/health?x=1',
        summary:
          'smoke check https://ghp_s3cret@github.com/acme/api.git and postgres://app:pa/ss@db:5432/app failed',
        list: ['git+ssh://deploy:s3cret@git.example/repo'],
      }),
    ).toEqual({
      smokeUrl: `https://${REDACTED}@status.example.com/health?x=1`,
      summary: `smoke check https://${REDACTED}@github.com/acme/api.git and postgres://${REDACTED}@db:5432/app failed`,
      list: [`git+ssh://${REDACTED}@git.example/repo`],
    });
  });

  it('leaves strings without secrets alone: images with digests, scoped package paths, plain words', () => {
    const clean = [
      'ghcr.io/acme/api@sha256:0123456789abcdef',
      'https://registry.example/@acme/api',
      'environment: staging is frozen until Monday',
      'the token bucket is empty; secrets are mounted from the Secret api-db',
      'propertyos/Deployment/api: image a → b, replicas 2 → 3',
    ];
    for (const text of clean) expect(redactText(text)).toBe(text);
  });

  it('redacts secret assignments, JSON fields and bearer tokens inside text', () => {
    expect(
      redactText(
        'GET https://api.example/v1?access_token=s3cret&page=2 failed: PGPASSWORD=s3cret, body {"password": "s3cret", "user": "app"}; Authorization: Bearer s3cretS3cret',
      ),
    ).toBe(
      `GET https://api.example/v1?access_token=${REDACTED}&page=2 failed: PGPASSWORD=${REDACTED}, body {"password": "${REDACTED}", "user": "app"}; Authorization: Bearer ${REDACTED}`,
    );
  });

  it('knows secret keys whatever their case and separators', () => {
    for (const key of [
      'token',
      'TOKEN',
      'refresh_token',
      'Password',
      'db.passwd',
      'client-secret',
      'Credential',
      'authorization',
      'API_KEY',
      'apiKey',
      'private_key',
    ])
      expect([key, isSecretKey(key)]).toEqual([key, true]);
    for (const key of ['image', 'replicas', 'summary', 'keepPreviousSeconds'])
      expect([key, isSecretKey(key)]).toEqual([key, false]);
  });

  it('redacts the message and the stack of an error, keeping its name', () => {
    const original = new TypeError(
      'fetch https://user:s3cret@host/x failed (token=s3cret)',
    );
    const error = redactError(original);
    expect(error.name).toBe('TypeError');
    expect(error.message).toBe(
      `fetch https://${REDACTED}@host/x failed (token=${REDACTED})`,
    );
    expect(error.stack).not.toContain('s3cret');
    expect(error.stack).toContain(error.message);
    expect(redactError('password=s3cret').message).toBe(`password=${REDACTED}`);
  });
});

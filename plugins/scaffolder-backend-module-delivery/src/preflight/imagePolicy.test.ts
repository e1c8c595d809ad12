import { startPreflightTest } from '../__testUtils__/preflightTest';

jest.setTimeout(120_000);

const REPO = 'ghcr.io/delivery-example';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('preflight image-policy, deploying against the sandbox fleet', () => {
  let test: Awaited<ReturnType<typeof startPreflightTest>>;
  beforeAll(async () => {
    test = await startPreflightTest();
  });
  afterAll(() => test?.backend.fleet.stop());

  it('refuses :latest to production by default, changing nothing there', async () => {
    const before = await test.served('production', 'propertyos-frontend');
    await expect(
      test.deploy({
        entityRef: 'component:default/propertyos-frontend',
        environment: 'production',
        image: `${REPO}/propertyos-frontend:latest`,
      }),
    ).rejects.toThrow(
      `image-policy: image: "${REPO}/propertyos-frontend:latest" has the tag "latest", which production refuses as mutable (delivery.environments[].imagePolicy.mutableTags: latest): it can name another build tomorrow. Deploy an immutable tag (a version, such as ${REPO}/propertyos-frontend:1.4.2) or a digest (${REPO}/propertyos-frontend@sha256:…). Nothing was changed`,
    );
    expect(await test.served('production', 'propertyos-frontend')).toEqual(
      before,
    );
    expect(await test.backend.history('propertyos-frontend')).toEqual([]);
  });

  it('refuses a tag production configures as mutable, even with an override reason', async () => {
    const environments = [
      { name: 'staging' },
      {
        name: 'production',
        production: true,
        imagePolicy: { mutableTags: ['latest', 'main', 'stable'] },
      },
    ];
    const before = await test.served('production', 'propertyos-frontend');
    await expect(
      test.deploy(
        {
          entityRef: 'component:default/propertyos-frontend',
          environment: 'production',
          image: `${REPO}/propertyos-frontend:main`,
          overrideReason: 'the release pipeline only tags main today',
        },
        { environments },
      ),
    ).rejects.toThrow(
      /image-policy: image: ".*:main" has the tag "main", which production refuses as mutable \(delivery\.environments\[\]\.imagePolicy\.mutableTags: latest, main, stable\).*Nothing was changed$/,
    );
    expect(await test.served('production', 'propertyos-frontend')).toEqual(
      before,
    );
    expect(await test.backend.history('propertyos-frontend')).toEqual([]);
  });

  it('with requireDigest refuses a tag and accepts a digest', async () => {
    const environments = [
      { name: 'staging' },
      {
        name: 'production',
        production: true,
        imagePolicy: { requireDigest: true },
      },
    ];
    const before = await test.served('production', 'propertyos-tenant-service');
    await expect(
      test.deploy(
        {
          entityRef: 'component:default/propertyos-tenant-service',
          environment: 'production',
          image: `${REPO}/propertyos-tenant-service:1.4.2`,
        },
        { environments },
      ),
    ).rejects.toThrow(
      `image-policy: image: "${REPO}/propertyos-tenant-service:1.4.2" has no digest, and production accepts only images pinned by digest (delivery.environments[].imagePolicy.requireDigest). Deploy it by digest: ${REPO}/propertyos-tenant-service@sha256:…. Nothing was changed`,
    );
    // A digest passes the policy: the dry run goes on to the next check and says so.
    const { logger } = await test.deploy(
      {
        entityRef: 'component:default/propertyos-tenant-service',
        environment: 'production',
        image: `${REPO}/propertyos-tenant-service@${DIGEST}`,
        overrideReason: 'the digest was verified by hand in staging',
      },
      { environments, isDryRun: true },
    );
    expect(logger.info).toHaveBeenCalledWith(
      `Preflight image-policy: ${REPO}/propertyos-tenant-service@${DIGEST} is pinned by its digest`,
    );
    expect(
      await test.served('production', 'propertyos-tenant-service'),
    ).toEqual(before);
    expect(await test.backend.history('propertyos-tenant-service')).toEqual([]);
  });

  it('lets staging deploy :latest by default, and refuses it where staging lists it as mutable', async () => {
    const image = `${REPO}/propertyos-property-service:latest`;
    const environments = [
      { name: 'staging', imagePolicy: { mutableTags: ['latest'] } },
      { name: 'production', production: true },
    ];
    const before = await test.served('staging', 'propertyos-property-service');
    await expect(
      test.deploy(
        {
          entityRef: 'component:default/propertyos-property-service',
          environment: 'staging',
          image,
        },
        { environments },
      ),
    ).rejects.toThrow(
      /image-policy: image: ".*:latest" has the tag "latest", which staging refuses as mutable/,
    );
    expect(await test.served('staging', 'propertyos-property-service')).toEqual(
      before,
    );

    await test.deploy({
      entityRef: 'component:default/propertyos-property-service',
      environment: 'staging',
      image,
    });
    expect(
      (await test.served('staging', 'propertyos-property-service')).image,
    ).toBe(image);
    const [run] = await test.backend.history('propertyos-property-service');
    expect(run).toMatchObject({
      status: 'succeeded',
      inputs: {
        image,
        preflight: {
          'image-policy': {
            result: 'passed',
            finding: 'staging refuses no tag',
            tag: 'latest',
          },
        },
      },
    });
  });
});

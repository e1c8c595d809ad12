import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AzureIdentityStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { CoreV1Api, Watch } from '@kubernetes/client-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { generateKeyPairSync } from 'node:crypto';
import { readDeliveryConfig } from '../config/readDeliveryConfig';
import { createClusterAuthStrategy } from './authStrategies';
import { ClusterConnection, kubeConfigFor } from './ClusterConnection';
import { ClusterAccess, ClusterCredentials } from './ClusterCredentials';
import { readClusterConnections } from './readClusterConnections';
import { startRecordingApiServer } from './__testUtils__/recordingApiServer';

/*
 * Each server-side provider's credential as the API server receives it, on every path
 * Delivery's requests take: the generated API clients (actions, DR, usage), a fetch with
 * applyToFetchOptions (the cache's lists) and a Watch (the cache's watches).
 *
 * googleServiceAccount runs against Google's token endpoint mocked with msw. Azure is
 * exercised through upstream's own seam, the TokenCredential its strategy takes (its
 * DefaultAzureCredential needs Azure's identity endpoints).
 */

let server: Awaited<ReturnType<typeof startRecordingApiServer>>;
beforeAll(async () => {
  server = await startRecordingApiServer();
});
afterAll(() => server.close());

function connectionOf(
  cluster: Record<string, unknown>,
  delivery: Record<string, unknown> = {},
  overrides?: Record<string, AuthenticationStrategy>,
) {
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            { name: 'prod', url: server.url, skipTLSVerify: true, ...cluster },
          ],
        },
      ],
    },
    delivery: {
      clusters: [{ name: 'prod', environment: 'production', ...delivery }],
    },
  });
  const logger = mockServices.logger.mock();
  const [connection] = readClusterConnections(
    config,
    readDeliveryConfig(config),
    logger,
    { strategy: createClusterAuthStrategy({ config, logger, overrides }) },
  );
  return { connection, logger };
}

/** The Authorization header of an API-client call, a fetched list and a watch. */
async function authorizationsOf(
  connection: ClusterConnection,
  access: ClusterAccess = 'read',
) {
  server.requests.length = 0;
  const kc = kubeConfigFor(connection, access);
  await kc.makeApiClient(CoreV1Api).listNamespace();
  const init = await kc.applyToFetchOptions({});
  await (
    await fetch(`${connection.url}/api/v1/namespaces`, {
      headers: init.headers as any,
    })
  ).json();
  await new Promise<void>((resolve, reject) => {
    new Watch(kc)
      .watch(
        '/api/v1/namespaces',
        {},
        () => {},
        error => (error ? reject(error) : resolve()),
      )
      .catch(reject);
  });
  expect(server.requests).toHaveLength(3);
  return server.requests.map(r => r.authorization);
}

/** The presigned STS URL inside an EKS token. */
function presignedUrlOf(authorization: string | undefined): URL {
  const token = authorization!.replace(/^Bearer /, '');
  expect(token).toMatch(/^k8s-aws-v1\./);
  return new URL(
    Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
  );
}

/** Signs the same GetCallerIdentity again: equal signatures mean the same cluster id. */
async function signatureFor(
  url: URL,
  clusterId: string,
  credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  },
) {
  const amzDate = url.searchParams.get('X-Amz-Date')!;
  const signingDate = new Date(
    amzDate.replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    ),
  );
  const signer = new SignatureV4({
    credentials,
    region: 'us-east-1',
    service: 'sts',
    sha256: Sha256,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: url.hostname,
      path: '/',
      headers: { host: url.hostname, 'x-k8s-aws-id': clusterId },
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    },
    { expiresIn: 0, signingDate },
  );
  return signed.query!['X-Amz-Signature'];
}

describe('kubeConfigFor with the upstream strategies', () => {
  it('sends a serviceAccount token on every request path', async () => {
    const { connection } = connectionOf({
      authProvider: 'serviceAccount',
      serviceAccountToken: 'reader-token',
    });
    expect(await authorizationsOf(connection)).toEqual([
      'Bearer reader-token',
      'Bearer reader-token',
      'Bearer reader-token',
    ]);
  });

  it('writes with delivery.clusters[].write and reads with the located identity', async () => {
    const { connection } = connectionOf(
      { authProvider: 'serviceAccount', serviceAccountToken: 'reader-token' },
      {
        write: {
          authProvider: 'serviceAccount',
          serviceAccountToken: 'writer-token',
        },
      },
    );
    expect(await authorizationsOf(connection, 'write')).toEqual([
      'Bearer writer-token',
      'Bearer writer-token',
      'Bearer writer-token',
    ]);
    expect(await authorizationsOf(connection, 'read')).toEqual([
      'Bearer reader-token',
      'Bearer reader-token',
      'Bearer reader-token',
    ]);
  });

  it('writes with the read identity when no write credential is set', async () => {
    const { connection } = connectionOf({
      authProvider: 'serviceAccount',
      serviceAccountToken: 'reader-token',
    });
    expect(await authorizationsOf(connection, 'write')).toEqual([
      'Bearer reader-token',
      'Bearer reader-token',
      'Bearer reader-token',
    ]);
  });

  describe('aws', () => {
    const saved = { ...process.env };
    beforeEach(() => {
      for (const key of Object.keys(process.env))
        if (key.startsWith('AWS_')) delete process.env[key];
      process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
      process.env.AWS_SECRET_ACCESS_KEY = 'example-secret';
      process.env.AWS_REGION = 'us-east-1';
      process.env.AWS_ENDPOINT_URL_STS = `${server.url}/sts`;
    });
    afterEach(() => {
      process.env = { ...saved };
    });

    it('sends a presigned GetCallerIdentity for the cluster name as the EKS token', async () => {
      const { connection } = connectionOf({ authProvider: 'aws' });
      const [authorization, ...rest] = await authorizationsOf(connection);
      expect(rest).toEqual([authorization, authorization]);
      const url = presignedUrlOf(authorization);
      expect(url.hostname).toBe('sts.us-east-1.amazonaws.com');
      expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
        'host;x-k8s-aws-id',
      );
      expect(url.searchParams.get('X-Amz-Credential')).toMatch(
        /^AKIDEXAMPLE\/\d{8}\/us-east-1\/sts\/aws4_request$/,
      );
      const credentials = {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'example-secret',
      };
      expect(await signatureFor(url, 'prod', credentials)).toBe(
        url.searchParams.get('X-Amz-Signature'),
      );
      expect(await signatureFor(url, 'other', credentials)).not.toBe(
        url.searchParams.get('X-Amz-Signature'),
      );
    });

    it('signs for kubernetes.io/x-k8s-aws-id with the assumed role', async () => {
      const { connection } = connectionOf({
        authProvider: 'aws',
        assumeRole: 'arn:aws:iam::123456789012:role/delivery',
        externalId: 'delivery-external-id',
        authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'eks-prod' },
      });
      const [authorization] = await authorizationsOf(connection);
      const url = presignedUrlOf(authorization);
      expect(server.stsCalls.at(-1)).toContain('Action=AssumeRole');
      expect(server.stsCalls.at(-1)).toContain(
        `RoleArn=${encodeURIComponent(
          'arn:aws:iam::123456789012:role/delivery',
        )}`,
      );
      expect(server.stsCalls.at(-1)).toContain(
        'ExternalId=delivery-external-id',
      );
      expect(url.searchParams.get('X-Amz-Security-Token')).toBe(
        'assumed-session-token',
      );
      expect(
        await signatureFor(url, 'eks-prod', {
          accessKeyId: 'ASIAASSUMEDEXAMPLE',
          secretAccessKey: 'assumed-secret',
          sessionToken: 'assumed-session-token',
        }),
      ).toBe(url.searchParams.get('X-Amz-Signature'));
    });
  });

  it('sends the Azure AD token of azure', async () => {
    let issued = 0;
    const logger = mockServices.logger.mock();
    const azure = new AzureIdentityStrategy(logger, {
      getToken: async () => ({
        token: `azure-token-${++issued}`,
        // Inside upstream's 15-minute refresh margin, so each credential asks anew.
        expiresOnTimestamp: Date.now() + 10 * 60_000,
      }),
    });
    const { connection } = connectionOf(
      { authProvider: 'azure' },
      {},
      { azure },
    );
    const [first] = await authorizationsOf(connection);
    expect(first).toMatch(/^Bearer azure-token-\d+$/);
  });

  describe('googleServiceAccount', () => {
    const tokenRequests: string[] = [];
    const google = setupServer(
      http.post(
        'https://www.googleapis.com/oauth2/v4/token',
        async ({ request }) => {
          tokenRequests.push(await request.text());
          return HttpResponse.json({
            access_token: 'google-access-token',
            expires_in: 3600,
            token_type: 'Bearer',
          });
        },
      ),
    );
    beforeAll(() => google.listen({ onUnhandledRequest: 'bypass' }));
    afterAll(() => google.close());

    it("sends the access token Google issues for kubernetes.googleServiceAccountCredentials' key", async () => {
      const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      const config = new ConfigReader({
        kubernetes: {
          googleServiceAccountCredentials: JSON.stringify({
            type: 'service_account',
            project_id: 'example',
            private_key_id: 'key-1',
            private_key: privateKey,
            client_email: 'delivery@example.iam.gserviceaccount.com',
            client_id: '1',
          }),
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'prod',
                  url: server.url,
                  skipTLSVerify: true,
                  authProvider: 'googleServiceAccount',
                },
              ],
            },
          ],
        },
        delivery: { clusters: [{ name: 'prod', environment: 'production' }] },
      });
      const [connection] = readClusterConnections(
        config,
        readDeliveryConfig(config),
        mockServices.logger.mock(),
      );
      expect(await authorizationsOf(connection)).toEqual([
        'Bearer google-access-token',
        'Bearer google-access-token',
        'Bearer google-access-token',
      ]);
      // A JWT bearer grant signed with the configured key.
      expect(tokenRequests[0]).toContain(
        'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer',
      );
    });
  });

  it('asks the strategy again once the cached credential is a minute old', async () => {
    let now = 0;
    let issued = 0;
    const strategy = new ServiceAccountStrategy();
    jest.spyOn(strategy, 'getCredential').mockImplementation(async () => ({
      type: 'bearer token',
      token: `token-${++issued}`,
    }));
    const { connection } = connectionOf({ authProvider: 'serviceAccount' });
    const refreshing: ClusterConnection = {
      ...connection,
      credentials: new ClusterCredentials(
        strategy,
        { name: 'prod', url: server.url },
        {
          read: {
            authProvider: 'serviceAccount',
            authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
          },
        },
        60_000,
        () => now,
      ),
    };
    expect(await authorizationsOf(refreshing)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-1',
    ]);
    now += 61_000;
    expect(await authorizationsOf(refreshing)).toEqual([
      'Bearer token-2',
      'Bearer token-2',
      'Bearer token-2',
    ]);
  });

  it('marks a cluster of a client-side provider unreadable, saying so once', () => {
    const { connection, logger } = connectionOf({ authProvider: 'oidc' });
    expect(connection.unreadable).toContain(
      "authProvider oidc needs the signed-in user's token",
    );
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});

import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { CoreV1Api, Watch } from '@kubernetes/client-node';
import forge from 'node-forge';
import { generateKeyPairSync } from 'node:crypto';
import { get, createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { readDeliveryConfig } from '../config/readDeliveryConfig';
import { createClusterAuthStrategy } from './authStrategies';
import { kubeConfigFor } from './ClusterConnection';
import { readClusterConnections } from './readClusterConnections';

/*
 * A strategy that answers an x509 client certificate (none of upstream's built-in ones
 * does, but modules add strategies that do) reaches an API server that verifies client
 * certificates, on every request path.
 */

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    pem: privateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
  };
}

/** A CA, and a certificate it signs for `commonName` (server or client). */
function certificates() {
  const ca = keyPair();
  const caCert = forge.pki.createCertificate();
  const caName = [{ name: 'commonName', value: 'test-ca' }];
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = '01';
  caCert.validity.notBefore = new Date(Date.now() - 60_000);
  caCert.validity.notAfter = new Date(Date.now() + 3_600_000);
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, critical: true },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());
  const issue = (serial: string, commonName: string, server: boolean) => {
    const keys = keyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = serial;
    cert.validity.notBefore = caCert.validity.notBefore;
    cert.validity.notAfter = caCert.validity.notAfter;
    cert.setSubject([{ name: 'commonName', value: commonName }]);
    cert.setIssuer(caName);
    cert.setExtensions([
      server
        ? { name: 'extKeyUsage', serverAuth: true }
        : { name: 'extKeyUsage', clientAuth: true },
      ...(server
        ? [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]
        : []),
    ]);
    cert.sign(ca.privateKey, forge.md.sha256.create());
    return { cert: forge.pki.certificateToPem(cert), key: keys.pem };
  };
  return {
    ca: forge.pki.certificateToPem(caCert),
    server: issue('02', 'kube-apiserver', true),
    client: issue('03', 'delivery-reader', false),
  };
}

describe('an x509 client certificate credential', () => {
  const pki = certificates();
  const clients: string[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(
      {
        ...pki.server,
        ca: pki.ca,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        clients.push(
          (req.socket as TLSSocket).getPeerCertificate().subject.CN as string,
        );
        res.setHeader('content-type', 'application/json');
        res.end(
          req.url?.includes('watch=true')
            ? ''
            : JSON.stringify({
                kind: 'NamespaceList',
                apiVersion: 'v1',
                metadata: {},
                items: [],
              }),
        );
      },
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('is presented on API-client calls, agent requests and watches', async () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'prod',
                url,
                caData: Buffer.from(pki.ca).toString('base64'),
                authProvider: 'x509-example',
              },
            ],
          },
        ],
      },
      delivery: { clusters: [{ name: 'prod', environment: 'production' }] },
    });
    const logger = mockServices.logger.mock();
    const [connection] = readClusterConnections(
      config,
      readDeliveryConfig(config),
      logger,
      {
        strategy: createClusterAuthStrategy({
          config,
          logger,
          overrides: {
            'x509-example': {
              getCredential: async () => ({
                type: 'x509 client certificate',
                ...pki.client,
              }),
              validateCluster: () => [],
              presentAuthMetadata: () => ({}),
            },
          },
        }),
      },
    );
    const kc = kubeConfigFor(connection);

    await kc.makeApiClient(CoreV1Api).listNamespace();
    // The agent the cache's fetches carry (applyToFetchOptions builds the same one).
    const opts: any = {};
    await kc.applyToHTTPSOptions(opts);
    await new Promise<void>((resolve, reject) =>
      get(`${url}/api/v1/namespaces`, { agent: opts.agent }, res => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject),
    );
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
    expect(clients).toEqual([
      'delivery-reader',
      'delivery-reader',
      'delivery-reader',
    ]);
  });
});

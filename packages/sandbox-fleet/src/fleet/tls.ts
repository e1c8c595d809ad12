import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface FleetTls {
  /** PEM of the fleet's certificate authority, for kubeconfig and the portal's caData. */
  caPem: string;
  /** Server certificate for 127.0.0.1 and localhost, signed by the CA. */
  certPem: string;
  keyPem: string;
}

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    pem: privateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
  };
}

function validity(cert: forge.pki.Certificate, serial: string) {
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
}

/**
 * A certificate authority and a server certificate made at start-up. Kubernetes clients
 * only send bearer tokens over TLS, so the sandbox serves HTTPS like a real API server,
 * and clients verify it against this CA rather than skipping verification.
 */
export function createFleetTls(): FleetTls {
  const ca = keyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  validity(caCert, '01');
  const caName = [{ name: 'commonName', value: 'sandbox-fleet-ca' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = server.publicKey;
  validity(cert, '02');
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(cert),
    keyPem: server.pem,
  };
}

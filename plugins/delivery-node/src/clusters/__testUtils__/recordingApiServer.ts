import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request as the API server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
}

/**
 * A plain-HTTP stand-in for a Kubernetes API server that records each request's
 * Authorization header: an empty NamespaceList for lists, one ADDED event for a watch,
 * and, for `POST /sts/`, an STS AssumeRole answer with `assumed` credentials.
 */
export async function startRecordingApiServer(
  assumed = {
    accessKeyId: 'ASIAASSUMEDEXAMPLE',
    secretAccessKey: 'assumed-secret',
    sessionToken: 'assumed-session-token',
  },
): Promise<{
  url: string;
  requests: RecordedRequest[];
  stsCalls: string[];
  close: () => Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const stsCalls: string[] = [];
  const readBody = (req: IncomingMessage) =>
    new Promise<string>(resolve => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/sts')) {
      stsCalls.push(await readBody(req));
      const expiration = new Date(Date.now() + 3600_000).toISOString();
      res.setHeader('content-type', 'text/xml');
      res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${assumed.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${assumed.secretAccessKey}</SecretAccessKey>
      <SessionToken>${assumed.sessionToken}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/delivery/session</Arn>
      <AssumedRoleId>AROAEXAMPLE:session</AssumedRoleId>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</AssumeRoleResponse>`);
      return;
    }
    requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
    });
    await readBody(req);
    res.setHeader('content-type', 'application/json');
    if (path.includes('watch=true')) {
      res.end(
        `${JSON.stringify({
          type: 'ADDED',
          object: {
            kind: 'Namespace',
            apiVersion: 'v1',
            metadata: { name: 'default', resourceVersion: '2' },
          },
        })}\n`,
      );
      return;
    }
    if (req.method === 'POST') {
      res.statusCode = 201;
      res.end(
        JSON.stringify({
          kind: 'Namespace',
          apiVersion: 'v1',
          metadata: { name: 'created' },
        }),
      );
      return;
    }
    res.end(
      JSON.stringify({
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '1' },
        items: [],
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stsCalls,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

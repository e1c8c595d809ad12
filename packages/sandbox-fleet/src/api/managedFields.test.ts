import { Fleet } from '../fleet/Fleet';
import {
  kubeRequest,
  ManualClock,
  startTestFleet,
} from '../__testUtils__/testFleet';

jest.setTimeout(30_000);

const DEPLOYMENTS = '/apis/apps/v1/namespaces/propertyos/deployments';
const CONFIGMAPS = '/api/v1/namespaces/propertyos/configmaps';
const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

/** The entries without their times, in the order the server keeps them. */
const writers = (object: any) =>
  (object.metadata.managedFields ?? []).map((e: any) => ({
    manager: e.manager,
    operation: e.operation,
    ...(e.subresource ? { subresource: e.subresource } : {}),
  }));

describe('metadata.managedFields', () => {
  let fleet: Fleet;
  let clock: ManualClock;
  let step: (ms: number) => void;
  beforeAll(async () => {
    ({ fleet, clock, step } = await startTestFleet());
  });
  afterAll(() => fleet.stop());

  const request = (
    method: string,
    path: string,
    options: Parameters<typeof kubeRequest>[4] = {},
  ) => kubeRequest(fleet, 'staging', method, path, options);
  /** A server-side apply with a YAML body, as kubectl sends one. */
  const apply = (path: string, yaml: string) =>
    request('PATCH', path, {
      contentType: 'application/apply-patch+yaml',
      rawBody: yaml,
    });
  const isoSeconds = () =>
    new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

  it('records the fieldManager of a patch, once per manager, with the fleet time', async () => {
    const path = `${DEPLOYMENTS}/propertyos-owner-service?fieldManager=kubectl-set`;
    const first = await request('PATCH', path, {
      contentType: STRATEGIC,
      body: { spec: { template: { metadata: { labels: { try: 'one' } } } } },
    });
    expect(first.status).toBe(200);
    expect(first.body.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-set',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: isoSeconds(),
        fieldsType: 'FieldsV1',
        fieldsV1: {},
      },
    ]);
    clock.advance(5_000);
    const second = await request('PATCH', path, {
      contentType: STRATEGIC,
      body: { spec: { template: { metadata: { labels: { try: 'two' } } } } },
    });
    expect(second.body.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'kubectl-set', time: isoSeconds() }),
    ]);
  });

  it("names the writer by the User-Agent's product token without a fieldManager, else unknown", async () => {
    const path = `${DEPLOYMENTS}/propertyos-tenant-service`;
    await request('PATCH', path, {
      contentType: MERGE,
      body: { metadata: { labels: { a: '1' } } },
      headers: { 'user-agent': 'kubectl/v1.31.0 (linux/amd64) kubernetes/abc' },
    });
    const answer = await request('PATCH', path, {
      contentType: MERGE,
      body: { metadata: { labels: { a: '2' } } },
    });
    expect(writers(answer.body)).toEqual([
      { manager: 'kubectl', operation: 'Update' },
      { manager: 'unknown', operation: 'Update' },
    ]);
    const tooLong = await request(
      'PATCH',
      `${path}?fieldManager=${'x'.repeat(129)}`,
      { contentType: MERGE, body: {} },
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/^fieldManager: /);
  });

  it('records a create, and a server-side apply as Apply (which needs a fieldManager)', async () => {
    const created = await request('POST', `${CONFIGMAPS}?fieldManager=helm`, {
      body: { metadata: { name: 'settings' }, data: { a: '1' } },
    });
    expect(created.status).toBe(201);
    expect(writers(created.body)).toEqual([
      { manager: 'helm', operation: 'Update' },
    ]);

    const yaml =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  b: "2"\n';
    const withoutManager = await apply(`${CONFIGMAPS}/settings`, yaml);
    expect(withoutManager.status).toBe(422);
    expect(withoutManager.body.message).toMatch(
      /fieldManager: Required value: is required for apply patch/,
    );
    const applied = await apply(
      `${CONFIGMAPS}/settings?fieldManager=argocd-controller`,
      yaml,
    );
    expect(applied.status).toBe(200);
    expect(applied.body.data).toEqual({ a: '1', b: '2' });
    expect(writers(applied.body)).toEqual([
      { manager: 'helm', operation: 'Update' },
      { manager: 'argocd-controller', operation: 'Apply' },
    ]);
    // An apply creates an object that is not there yet.
    const fresh = await apply(
      `${CONFIGMAPS}/fresh?fieldManager=kustomize-controller`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\ndata:\n  c: "3"\n',
    );
    expect(fresh.status).toBeLessThan(300);
    expect(writers(fresh.body)).toEqual([
      { manager: 'kustomize-controller', operation: 'Apply' },
    ]);
  });

  it('records writes through the scale and status subresources as their own entries', async () => {
    const path = `${DEPLOYMENTS}/propertyos-property-service`;
    await request('PATCH', `${path}/scale?fieldManager=kubectl-scale`, {
      contentType: MERGE,
      body: { spec: { replicas: 3 } },
    });
    await request('PATCH', `${path}/status?fieldManager=some-operator`, {
      contentType: MERGE,
      body: { status: { observedGeneration: 1 } },
    });
    const read = await request('GET', path);
    expect(read.body.spec.replicas).toBe(3);
    expect(writers(read.body)).toEqual([
      { manager: 'kubectl-scale', operation: 'Update', subresource: 'scale' },
      { manager: 'some-operator', operation: 'Update', subresource: 'status' },
    ]);
  });

  it("keeps others' entries unless a body sets managedFields to [{}]", async () => {
    const path = `${CONFIGMAPS}/settings`;
    const current = (await request('GET', path)).body;
    const put = (managedFields: unknown, manager: string) =>
      request('PUT', `${path}?fieldManager=${manager}`, {
        body: {
          ...current,
          metadata: {
            ...current.metadata,
            resourceVersion: undefined,
            managedFields,
          },
        },
      });
    // A client unaware of the field (none, or an empty list) wipes nothing.
    expect(writers((await put(undefined, 'editor')).body)).toEqual([
      { manager: 'helm', operation: 'Update' },
      { manager: 'argocd-controller', operation: 'Apply' },
      { manager: 'editor', operation: 'Update' },
    ]);
    expect(writers((await put([], 'editor')).body)).toHaveLength(3);
    // A status write cannot set them at all.
    const viaStatus = await request(
      'PATCH',
      `${DEPLOYMENTS}/propertyos-property-service/status?fieldManager=x`,
      { contentType: MERGE, body: { metadata: { managedFields: [{}] } } },
    );
    expect(writers(viaStatus.body)).toHaveLength(3);
    // [{}] clears them; the writer's own entry is the only one left.
    expect(writers((await put([{}], 'cleaner')).body)).toEqual([
      { manager: 'cleaner', operation: 'Update' },
    ]);
  });

  it("keeps the entries when the deployment controller writes the Deployment's status", async () => {
    const path = `${DEPLOYMENTS}/propertyos-frontend?fieldManager=kubectl-set`;
    const patched = await request('PATCH', path, {
      contentType: STRATEGIC,
      body: { spec: { template: { metadata: { labels: { v: '2' } } } } },
    });
    const generation = patched.body.metadata.generation;
    expect(patched.body.status.observedGeneration).toBeLessThan(generation);
    step(2_000);
    const after = (await request('GET', `${DEPLOYMENTS}/propertyos-frontend`))
      .body;
    expect(after.status.observedGeneration).toBe(generation);
    expect(after.metadata.managedFields).toEqual(
      patched.body.metadata.managedFields,
    );
  });
});

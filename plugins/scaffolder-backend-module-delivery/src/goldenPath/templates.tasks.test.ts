import { mockCredentials } from '@backstage/backend-test-utils';
import { readDeliveryDescriptor } from '@internal/backstage-plugin-delivery-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { formValues } from '../__testUtils__/goldenPathTemplates';
import { runTask as runTaskThroughApi } from '../__testUtils__/runTask';
import { startGoldenPathBackend } from '../__testUtils__/startGoldenPathBackend';

jest.setTimeout(120_000);

type Backend = Awaited<ReturnType<typeof startGoldenPathBackend>>;

/**
 * Real scaffolder tasks, posted the way a script would post them (no form in front), run
 * by the scaffolder's task worker to the end.
 */
describe('golden-path tasks posted to the scaffolder API', () => {
  let tmp: string;
  let repos: string;
  let backend: Backend;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-tasks-'));
    repos = path.join(tmp, 'repos');
    backend = await startGoldenPathBackend({ localPublishDirectory: repos });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const runTask = (templateName: string, values: object) =>
    runTaskThroughApi(
      backend.server,
      `template:default/${templateName}`,
      values,
    );

  const published = () => (fs.existsSync(repos) ? fs.readdirSync(repos) : []);
  /** What catalog:register was asked to register for real (not in a dry run). */
  const registrations = () =>
    backend.addLocation.mock.calls.filter(([location]) => !location.dryRun)
      .length;

  it('publishes an http-service to the local target and registers it in the catalog', async () => {
    const result = await runTask(
      'http-service',
      formValues('http-service', {
        name: 'payments-api',
        strategy: 'blue-green',
      }),
    );
    expect(result.status).toBe('completed');
    expect(published()).toEqual(['payments-api.git']);

    // catalog:register was handed the URL the Delivery backend serves the file at ...
    const registered = backend.addLocation.mock.calls.find(
      ([location]) => !location.dryRun,
    )![0];
    expect(registered.type).toBe('url');
    expect(registered.target).toMatch(
      /\/api\/delivery\/repositories\/payments-api\/raw\/catalog-info\.yaml$/,
    );
    // ... and that URL answers the generated entity, as the catalog will read it.
    const served = await request(backend.server)
      .get(new URL(registered.target).pathname)
      .set('Authorization', mockCredentials.none.header());
    expect(served.status).toBe(200);
    const entity = yaml.parse(served.text);
    expect(entity.metadata.name).toBe('payments-api');
    expect(entity.metadata.annotations['delivery/strategy']).toBe('blue-green');
    // It passes the DR readiness runbook check (an http(s) link) out of the box: the
    // link is the repository's TechDocs Runbook page.
    expect(entity.metadata.annotations['backstage.io/techdocs-ref']).toBe(
      'dir:.',
    );
    expect(readDeliveryDescriptor(entity).runbookUrl).toBe(
      'http://localhost:3000/docs/default/component/payments-api/runbook/',
    );

    // The first commit carries what TechDocs and `npm ci` need.
    const file = async (name: string) => {
      const res = await request(backend.server)
        .get(`/api/delivery/repositories/payments-api/raw/${name}`)
        .set('Authorization', mockCredentials.none.header());
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      return res.text;
    };
    expect(yaml.parse(await file('mkdocs.yml'))).toMatchObject({
      site_name: 'payments-api',
      nav: [{ Overview: 'index.md' }, { Runbook: 'runbook.md' }],
    });
    expect(await file('docs/index.md')).toMatch(/^# payments-api\n/);
    const runbook = await file('docs/runbook.md');
    expect(runbook).toMatch(/^# Runbook: payments-api\n/);
    expect(runbook).toContain('## Roll back');
    expect(runbook).toContain('## Incident response');
    const lock = JSON.parse(await file('package-lock.json'));
    const pkg = JSON.parse(await file('package.json'));
    expect(lock.name).toBe('payments-api');
    expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
    expect(lock.packages['node_modules/fastify'].version).toBe(
      pkg.dependencies.fastify,
    );
  });

  // Refused by the template's own form schema: the scaffolder answers 400 naming the field
  // before a task exists.
  const refusedByTheForm: Array<[string, Record<string, unknown>, string]> = [
    ['an upper-case name', { name: 'Payments' }, 'name'],
    ['a name with an underscore', { name: 'pay_ments' }, 'name'],
    ['a name ending in a dash', { name: 'payments-' }, 'name'],
    ['a 46-character name', { name: 'a'.repeat(46) }, 'name'],
    [
      'a description of 5,000 characters',
      { description: 'x'.repeat(5000) },
      'description',
    ],
    ['an unknown tier', { tier: 'gold' }, 'tier'],
    ['an unknown strategy', { strategy: 'big-bang' }, 'strategy'],
    ['port 0', { port: 0 }, 'port'],
    ['port 70000', { port: 70000 }, 'port'],
    ['a port given as text', { port: '8080' }, 'port'],
    ['hpaMin 0', { hpaMin: 0 }, 'hpaMin'],
    ['a CPU target of 150%', { cpuTarget: 150 }, 'cpuTarget'],
    [
      'an unknown environment',
      { environments: ['staging', 'qa'] },
      'environments',
    ],
    ['no environment', { environments: [] }, 'environments'],
    [
      'an environment twice',
      { environments: ['staging', 'staging'] },
      'environments',
    ],
    ['a DR region with spaces', { drRegion: 'us west' }, 'drRegion'],
    // A Service name is a DNS-1035 label: a letter first.
    ['a name starting with a digit', { name: '1api' }, 'name'],
    // The template engine refuses these keys; the form schema refuses them by name first.
    [
      'a __proto__ key',
      JSON.parse('{"__proto__": {"admin": true}}'),
      '"instance":"__proto__"',
    ],
    ['a constructor key', { constructor: 'x' }, '"instance":"constructor"'],
    ['a prototype key', { prototype: 1 }, '"instance":"prototype"'],
  ];

  it.each(refusedByTheForm)(
    'refuses %s with 400 naming the field, and publishes nothing',
    async (_, change, field) => {
      const registered = registrations();
      const result = await runTask(
        'http-service',
        formValues('http-service', { name: 'rejected-service', ...change }),
      );
      expect(result.rejected?.status).toBe(400);
      expect(JSON.stringify(result.rejected?.body)).toContain(field);
      expect(published().filter(r => r !== 'payments-api.git')).toEqual([]);
      expect(registrations()).toBe(registered);
    },
  );

  // Passed by the form schema (or not expressible in it), failed by the first step,
  // delivery:golden-path:validate, before anything is rendered or published.
  const failedByValidation: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'an empty description',
      { description: '   ' },
      /description: is required/,
    ],
    [
      'an owner that is not a group or user',
      { owner: 'component:default/x' },
      /owner: must be a group or a user/,
    ],
    [
      'hpaMin above hpaMax',
      { hpaMin: 8, hpaMax: 3 },
      /hpaMin: must not exceed hpaMax \(8 > 3\)/,
    ],
    [
      'a CPU request above the limit',
      { cpuRequest: '2', cpuLimit: '500m' },
      /cpuRequest: must not exceed cpuLimit/,
    ],
    [
      'a memory request above the limit',
      { memoryRequest: '2Gi', memoryLimit: '512Mi' },
      /memoryRequest: must not exceed memoryLimit/,
    ],
    [
      'a CPU quantity that is not one',
      { cpuLimit: 'lots' },
      /cpuLimit: must be a CPU quantity/,
    ],
    [
      'a memory quantity with a bad unit',
      { memoryLimit: '512MB' },
      /memoryLimit: must be a memory quantity/,
    ],
    [
      'a misspelt key',
      { replicas: 3 },
      /replicas: not a parameter of this template/,
    ],
    [
      // Below the top level the form schema cannot see; the template engine refuses
      // the key when it renders the first step's input, before anything is rendered.
      'a prototype key inside an unknown key',
      JSON.parse('{"extra": {"constructor": {"admin": true}}}'),
      /key constructor is reserved/,
    ],
    [
      'an owner that is not an entity reference',
      { owner: 'not a ref' },
      /owner: "not a ref" is not an entity reference/,
    ],
    [
      'an owner group that does not exist',
      { owner: 'group:default/no-such-team' },
      /owner: group:default\/no-such-team is not in the catalog/,
    ],
    [
      'container port 22',
      { port: 22 },
      /port: 22 is below 1024, the lowest container port this portal allows/,
    ],
    [
      'an image repository with a tag',
      { imageRepository: 'ghcr.io/acme/x:latest' },
      /imageRepository:/,
    ],
    [
      'a name already in the catalog',
      { name: 'ledger' },
      /name: a component named ledger is in the catalog already/,
    ],
    [
      'GitHub without an integration',
      { publishTarget: 'github', repoUrl: 'github.com?owner=acme&repo=x' },
      /repoUrl: no GitHub integration/,
    ],
  ];

  it.each(failedByValidation)(
    'fails a task with %s, naming the field, and publishes nothing',
    async (_, change, message) => {
      const registered = registrations();
      const result = await runTask(
        'http-service',
        formValues('http-service', { name: 'rejected-service', ...change }),
      );
      expect(result.status).toBe('failed');
      expect(result.log).toMatch(message);
      expect(result.log).not.toMatch(/Publishing|Registering/);
      expect(published().filter(r => r !== 'payments-api.git')).toEqual([]);
      expect(registrations()).toBe(registered);
    },
  );
});

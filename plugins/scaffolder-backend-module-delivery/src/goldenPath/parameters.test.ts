import { goldenPathValues } from './parameters';

const ENVIRONMENTS = ['staging', 'production'];

const valid = {
  kind: 'http-service',
  name: 'payments-api',
  description: 'Takes payments',
  owner: 'group:default/payments-team',
  system: 'propertyos',
  tier: 'critical',
  strategy: 'blue-green',
  port: 8080,
  cpuRequest: '250m',
  cpuLimit: '1',
  memoryRequest: '256Mi',
  memoryLimit: '512Mi',
  hpaMin: 3,
  hpaMax: 10,
  cpuTarget: 70,
  memoryTarget: 80,
  environments: ['staging', 'production'],
  drRegion: 'us-west-2',
  database: true,
  imageRepository: 'ghcr.io/acme/payments-api',
  costCenter: 'cc-payments',
  monthlyBudget: 1500,
  publishTarget: 'local',
};

const problemsOf = (input: unknown): string => {
  try {
    goldenPathValues(input, ENVIRONMENTS);
  } catch (error) {
    expect((error as Error).name).toBe('InputError');
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('golden-path parameters', () => {
  it('fills the defaults from the tier and the system', () => {
    expect(goldenPathValues(valid, ENVIRONMENTS)).toMatchObject({
      name: 'payments-api',
      rto: '15m',
      rpo: '5m',
      namespace: 'propertyos',
      system: 'propertyos',
      backup: true,
      backupSchedule: '*/5 * * * *',
      drRegion: 'us-west-2',
    });
    const standard = goldenPathValues(
      { ...valid, tier: 'standard', system: undefined, drRegion: undefined },
      ENVIRONMENTS,
    );
    expect(standard).toMatchObject({
      rto: '2h',
      rpo: '1h',
      namespace: 'payments-api',
      system: '',
      drRegion: '',
      backupSchedule: '0 */1 * * *',
    });
    expect(
      goldenPathValues({ ...valid, tier: 'experimental' }, ENVIRONMENTS).backup,
    ).toBe(false);
    expect(
      goldenPathValues(
        {
          ...valid,
          kind: 'worker',
          port: undefined,
          queueName: 'payments.events',
          strategy: 'canary',
          database: false,
        },
        ENVIRONMENTS,
      ),
    ).toMatchObject({
      queueName: 'payments.events',
      queueTarget: 100,
      backup: false,
    });
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'an upper-case name',
      { name: 'Payments' },
      /^name: must be a DNS-1035 label/m,
    ],
    [
      'a name ending in a dash',
      { name: 'payments-' },
      /^name: must be a DNS-1035/m,
    ],
    [
      'a name with a dot',
      { name: 'payments.api' },
      /^name: must be a DNS-1035/m,
    ],
    [
      'a 46-character name',
      { name: 'a'.repeat(46) },
      /^name: must be at most 45/m,
    ],
    ['an empty name', { name: '' }, /^name: /m],
    [
      'a name starting with a digit (Service names are DNS-1035 labels)',
      { name: '1api' },
      /^name: must be a DNS-1035 label/m,
    ],
    [
      'an owner that is not an entity reference',
      { owner: 'not a ref' },
      /^owner: "not a ref" is not an entity reference/m,
    ],
    [
      'a prototype key',
      JSON.parse('{"__proto__": {"admin": true}}'),
      /^parameters\.__proto__: the key __proto__ is reserved/m,
    ],
    [
      'a blank description',
      { description: '   ' },
      /^description: is required/m,
    ],
    [
      'an owner that is a component',
      { owner: 'component:default/x' },
      /^owner: must be a group or a user/m,
    ],
    [
      'a system that is a group',
      { system: 'group:default/x' },
      /^system: must be a system/m,
    ],
    ['an unknown tier', { tier: 'gold' }, /^tier: /m],
    ['an unknown strategy', { strategy: 'big-bang' }, /^strategy: /m],
    ['port 0', { port: 0 }, /^port: /m],
    ['port 65536', { port: 65536 }, /^port: /m],
    ['a port given as text', { port: '8080' }, /^port: Expected number/m],
    [
      'an HTTP service without a port',
      { port: undefined },
      /^port: is required/m,
    ],
    [
      'hpaMin above hpaMax',
      { hpaMin: 5, hpaMax: 2 },
      /^hpaMin: must not exceed hpaMax \(5 > 2\)/m,
    ],
    ['hpaMin of zero', { hpaMin: 0 }, /^hpaMin: /m],
    [
      'a CPU request above its limit',
      { cpuRequest: '2', cpuLimit: '500m' },
      /^cpuRequest: must not exceed cpuLimit \(2 > 500m\)/m,
    ],
    [
      'a memory request above its limit',
      { memoryRequest: '1Gi', memoryLimit: '512Mi' },
      /^memoryRequest: must not exceed memoryLimit/m,
    ],
    [
      'a CPU quantity in megabytes',
      { cpuLimit: '512Mi' },
      /^cpuLimit: must be a CPU quantity/m,
    ],
    [
      'a memory quantity without unit',
      { memoryLimit: '512' },
      /^memoryLimit: must be a memory quantity/m,
    ],
    ['a CPU target of 150%', { cpuTarget: 150 }, /^cpuTarget: /m],
    [
      'no environment',
      { environments: [] },
      /^environments: needs at least one environment/m,
    ],
    [
      'an unknown environment',
      { environments: ['qa'] },
      /^environments\.0: must be one of staging, production/m,
    ],
    [
      'an environment twice',
      { environments: ['staging', 'staging'] },
      /^environments: lists an environment twice/m,
    ],
    [
      'a region with spaces',
      { drRegion: 'us west' },
      /^drRegion: must be a region name/m,
    ],
    [
      'a DR region without production',
      { drRegion: 'us-west-2', environments: ['staging'] },
      /^drRegion: a DR standby needs the production environment/m,
    ],
    [
      'an RTO that is not a duration',
      { rto: 'soon' },
      /^rto: must be a duration/m,
    ],
    [
      'a backup schedule with three fields',
      { backupSchedule: '0 * *' },
      /^backupSchedule: must be a cron schedule/m,
    ],
    [
      'an image with a tag',
      { imageRepository: 'ghcr.io/acme/x:latest' },
      /^imageRepository: must be an image repository without tag/m,
    ],
    [
      'a shell command in the cost centre',
      { costCenter: 'cc; rm -rf /' },
      /^costCenter: must be a cost centre code/m,
    ],
    ['a negative budget', { monthlyBudget: -1 }, /^monthlyBudget: /m],
    ['database as text', { database: 'yes' }, /^database: Expected boolean/m],
    [
      'an unknown publish target',
      { publishTarget: 'gitlab' },
      /^publishTarget: /m,
    ],
    [
      'GitHub without a repository',
      { publishTarget: 'github' },
      /^repoUrl: is required to publish to GitHub/m,
    ],
    [
      'an unknown key',
      { replicas: 3 },
      /^replicas: not a parameter of this template/m,
    ],
    ['a misspelt key', { hpaMaxx: 3 }, /^hpaMaxx: not a parameter/m],
    [
      'a web frontend with a database',
      { kind: 'web-frontend', database: true },
      /^database: a web frontend has no database/m,
    ],
    [
      'a worker without a queue',
      { kind: 'worker', port: undefined },
      /^queueName: is required for a worker/m,
    ],
  ];

  it.each(bad)('rejects %s, naming the field', (_, change, expected) => {
    const input: Record<string, unknown> = { ...valid, ...change };
    for (const [key, value] of Object.entries(change))
      if (value === undefined) delete input[key];
    const message = problemsOf(input);
    expect(message).toMatch(/^The service cannot be created as asked:/);
    expect(message).toMatch(expected);
  });

  it('names every bad field at once', () => {
    const message = problemsOf({
      ...valid,
      name: 'X',
      port: 0,
      hpaMin: 9,
      hpaMax: 3,
    });
    expect(
      message
        .split('\n')
        .slice(1)
        .map(line => line.split(':')[0])
        .sort(),
    ).toEqual(['hpaMin', 'name', 'port']);
    expect(
      problemsOf({
        ...valid,
        hpaMin: 9,
        hpaMax: 3,
        cpuRequest: '2',
        cpuLimit: '1',
      }),
    ).toMatch(/hpaMin: .*\ncpuRequest: /);
  });

  it('rejects what is not an object at all', () => {
    expect(problemsOf(null)).toMatch(/^parameters: /m);
    expect(problemsOf(['payments'])).toMatch(/^parameters: /m);
  });
});

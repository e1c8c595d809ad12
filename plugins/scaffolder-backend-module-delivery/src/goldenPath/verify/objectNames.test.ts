import { checkObjectNames, nameProblem } from './objectNames';

const object = (kind: string, name?: string) => ({
  apiVersion: 'v1',
  kind,
  metadata: name === undefined ? {} : { name },
});

describe('rendered object names, by the API server’s rule for each kind', () => {
  it.each([
    ['Service', 'api'],
    ['Service', 'a'.repeat(63)],
    ['Namespace', '1team'],
    ['Deployment', '1api'],
    ['Deployment', 'api.v2'],
    ['ConfigMap', 'a'.repeat(253)],
    ['CronJob', 'a'.repeat(52)],
    ['Job', 'a'.repeat(63)],
    ['HorizontalPodAutoscaler', 'payments-green'],
  ])('takes a %s named %s', (kind, name) => {
    expect(nameProblem(object(kind, name))).toBeUndefined();
  });

  it.each([
    [
      'a Service name starting with a digit',
      'Service',
      '1api',
      'Service/1api: metadata.name "1api" is not a valid Service name: it must be a DNS-1035 label (lower-case letters, digits and dashes, ending with a letter or digit, starting with a letter, at most 63 characters)',
    ],
    [
      'a Service name of 64 characters',
      'Service',
      'a'.repeat(64),
      /is not a valid Service name: it must be a DNS-1035 label/,
    ],
    ['a Service name with a dot', 'Service', 'api.v2', /DNS-1035 label/],
    [
      'a Namespace name with a dot',
      'Namespace',
      'team.a',
      /is not a valid Namespace name: it must be a DNS-1123 label/,
    ],
    [
      'a CronJob name of 53 characters',
      'CronJob',
      'a'.repeat(53),
      /is not a valid CronJob name: it must be a DNS-1123 subdomain .* of at most 52 characters \(the CronJob controller appends 11 characters to name its Jobs\)/,
    ],
    [
      'a Job name of 64 characters',
      'Job',
      'a'.repeat(64),
      /is not a valid Job name: .* at most 63 characters \(it is the value of its pods’ job-name label\)/,
    ],
    [
      'an upper-case Deployment name',
      'Deployment',
      'Payments',
      'Deployment/Payments: metadata.name "Payments" is not a valid Deployment name: it must be a DNS-1123 subdomain (dot-separated DNS-1123 labels) of at most 253 characters',
    ],
    [
      'a ConfigMap name ending in a dash',
      'ConfigMap',
      'payments-',
      /ConfigMap\/payments-: .* DNS-1123 subdomain/,
    ],
    [
      'a PodDisruptionBudget name of 254 characters',
      'PodDisruptionBudget',
      'a'.repeat(254),
      /at most 253 characters/,
    ],
  ])('refuses %s', (_, kind, name, message) => {
    // A string is the whole message (toMatch takes it as a substring); a pattern checks
    // the part the case is about.
    expect(nameProblem(object(kind, name))).toMatch(message);
  });

  it('refuses an object without a name', () => {
    expect(nameProblem(object('Service'))).toBe(
      'Service/<no name>: has no metadata.name',
    );
  });

  it('reports every bad name at once', () => {
    expect(
      checkObjectNames([
        object('Service', '1api'),
        object('Deployment', '1api'),
        object('CronJob', `${'b'.repeat(50)}-backup`),
      ]),
    ).toEqual([
      expect.stringMatching(/^Service\/1api: /),
      expect.stringMatching(/^CronJob\/b+-backup: /),
    ]);
  });
});

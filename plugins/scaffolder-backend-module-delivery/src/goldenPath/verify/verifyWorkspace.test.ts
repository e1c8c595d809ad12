import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs/promises';
import path from 'node:path';
import { renderTree } from '../renderTree';
import {
  runGoldenPathChecks,
  verifyGoldenPathWorkspace,
} from './verifyWorkspace';

// Each case renders the platform files and builds every overlay with kustomize (a
// process): seconds per case on a busy machine.
jest.setTimeout(60_000);

const PACKAGE_DIR = path.resolve(__dirname, '../../..');
const PLATFORM_FILES = path.join(PACKAGE_DIR, 'golden-path');
const TEMPLATES = path.resolve(PACKAGE_DIR, '../../templates');

type Kind = 'http-service' | 'web-frontend' | 'worker';
type Strategy = 'rolling' | 'blue-green' | 'canary';
type Tier = 'critical' | 'standard' | 'experimental';

/** Values as delivery:golden-path:validate outputs them, defaults filled in. */
function valuesFor(
  kind: Kind,
  strategy: Strategy,
  database: boolean,
  tier: Tier,
) {
  return {
    kind,
    name: 'payments',
    description: 'Takes card payments for the storefront',
    owner: 'group:default/payments-team',
    system: 'billing',
    tier,
    rto: tier === 'critical' ? '15m' : '4h',
    rpo: tier === 'critical' ? '5m' : '1h',
    strategy,
    port: kind === 'worker' ? undefined : 8080,
    cpuRequest: '250m',
    cpuLimit: '1',
    memoryRequest: '256Mi',
    memoryLimit: '512Mi',
    hpaMin: 2,
    hpaMax: 6,
    cpuTarget: 70,
    memoryTarget: 80,
    environments: ['staging', 'production'],
    // Critical and standard tiers get a DR region: warm and cold standby overlays.
    drRegion: tier === 'experimental' ? '' : 'us-west-2',
    database,
    backupSchedule: '0 * * * *',
    backup: database && tier !== 'experimental',
    queueName: kind === 'worker' ? 'payment-events' : '',
    queueTarget: 100,
    imageRepository: 'ghcr.io/acme/payments',
    imageRegistry: 'ghcr.io',
    namespace: 'billing',
    costCenter: 'cc-1',
    monthlyBudget: 500,
    publishTarget: 'local',
  };
}

const TIERS: Tier[] = ['critical', 'standard', 'experimental'];
const cases: Array<[Kind, Strategy, boolean, Tier]> = [];
for (const kind of ['http-service', 'web-frontend', 'worker'] as Kind[])
  for (const strategy of ['rolling', 'blue-green', 'canary'] as Strategy[])
    for (const database of kind === 'web-frontend' ? [false] : [false, true])
      cases.push([kind, strategy, database, TIERS[cases.length % 3]]);

describe('verifyGoldenPathWorkspace on the real platform files', () => {
  const mockDir = createMockDirectory();
  const skeletonDir = createMockDirectory();

  it.each(cases)(
    '%s, %s, database %s, tier %s: no problems',
    async (kind, strategy, database, tier) => {
      const values = valuesFor(kind, strategy, database, tier);
      mockDir.clear();
      await renderTree({
        sourceDir: PLATFORM_FILES,
        outputDir: mockDir.path,
        values,
      });
      // The skeleton's Dockerfile, package.json and lockfile, rendered with the same
      // values into the workspace: the lockfile must match this variant's package.json.
      const skeletonFile = (name: string) =>
        fs.readFile(path.join(TEMPLATES, kind, 'skeleton', name), 'utf8');
      skeletonDir.setContent({
        Dockerfile: await skeletonFile('Dockerfile'),
        'package.json': await skeletonFile('package.json'),
        'package-lock.json': await skeletonFile('package-lock.json'),
      });
      await renderTree({
        sourceDir: skeletonDir.path,
        outputDir: mockDir.path,
        values,
      });

      await expect(
        verifyGoldenPathWorkspace({ dir: mockDir.path, values }),
      ).resolves.toEqual([]);
      // And not vacuously: every overlay, the workflow, the Dockerfile and the lockfile were checked.
      const overlays = [
        'staging',
        'production',
        ...(values.drRegion ? ['dr'] : []),
      ];
      const { passed } = await runGoldenPathChecks({
        dir: mockDir.path,
        values,
      });
      expect(passed).toEqual(
        expect.arrayContaining([
          ...overlays.map(overlay =>
            expect.stringMatching(
              new RegExp(`^deploy/overlays/${overlay}: \\d+ objects valid$`),
            ),
          ),
          expect.stringMatching(
            /^\.github\/workflows\/delivery\.yaml: valid, /,
          ),
          expect.stringMatching(
            /^Dockerfile: lint clean, final stage runs as .*, dependencies from the lockfile \(npm ci\)$/,
          ),
          expect.stringMatching(
            /^package-lock\.json: matches package\.json \(\d+ packages locked\)$/,
          ),
        ]),
      );
      expect(passed).toHaveLength(overlays.length + 3);
    },
  );
});

import { createMockDirectory } from '@backstage/backend-test-utils';
import { checkLockfile } from './lockfileCheck';
import { VALID_LOCKFILE, VALID_PACKAGE } from './testFixtures';

describe('checkLockfile', () => {
  const mockDir = createMockDirectory();

  async function resultFor(files: Record<string, unknown>) {
    mockDir.setContent(
      Object.fromEntries(
        Object.entries(files).map(([name, content]) => [
          name,
          typeof content === 'string' ? content : JSON.stringify(content),
        ]),
      ),
    );
    return checkLockfile({ dir: mockDir.path });
  }

  const withDependency = {
    ...VALID_PACKAGE,
    dependencies: { fastify: '5.12.8' },
  };
  const lockWithDependency = {
    ...VALID_LOCKFILE,
    packages: {
      '': {
        ...VALID_LOCKFILE.packages[''],
        dependencies: { fastify: '5.12.8' },
      },
      'node_modules/fastify': { version: '5.12.8', license: 'MIT' },
    },
  };

  it('passes a lockfile that matches package.json', async () => {
    await expect(
      resultFor({
        'package.json': withDependency,
        'package-lock.json': lockWithDependency,
      }),
    ).resolves.toEqual({
      problems: [],
      passed: ['package-lock.json: matches package.json (1 packages locked)'],
    });
  });

  it('refuses a Node repository without its lockfile', async () => {
    const { problems } = await resultFor({ 'package.json': VALID_PACKAGE });
    expect(problems).toEqual([
      {
        file: 'package-lock.json',
        message:
          'missing: the repository must carry the lockfile npm ci installs from; run npm install and commit package-lock.json',
      },
    ]);
  });

  it('refuses a lockfile whose dependencies differ from package.json', async () => {
    const { problems } = await resultFor({
      'package.json': {
        ...withDependency,
        dependencies: { fastify: '5.12.8', pg: '8.23.1' },
      },
      'package-lock.json': lockWithDependency,
    });
    expect(problems).toEqual([
      {
        file: 'package-lock.json',
        message:
          'dependencies differ from package.json (lockfile {"fastify":"5.12.8"}, package.json {"fastify":"5.12.8","pg":"8.23.1"}); npm ci would refuse to install. Regenerate it with npm install',
      },
    ]);
  });

  it('refuses a lockfile of another package', async () => {
    const { problems } = await resultFor({
      'package.json': { ...VALID_PACKAGE, name: 'ledger' },
      'package-lock.json': VALID_LOCKFILE,
    });
    expect(problems.map(p => p.message)).toEqual([
      'names the package "payments", package.json "ledger"; regenerate it with npm install',
    ]);
  });

  it('refuses a lockfile npm ci cannot read', async () => {
    const { problems } = await resultFor({
      'package.json': VALID_PACKAGE,
      'package-lock.json': { name: 'payments', lockfileVersion: 1 },
    });
    expect(problems.map(p => p.message)).toEqual([
      'lockfileVersion 1 has no root package; regenerate it with npm 7 or later',
    ]);
  });

  it('has nothing to check outside a Node repository', async () => {
    await expect(resultFor({ 'README.md': '# x' })).resolves.toEqual({
      problems: [],
      passed: [],
    });
  });
});

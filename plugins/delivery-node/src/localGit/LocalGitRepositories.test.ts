import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { LocalGitRepositories } from './LocalGitRepositories';

// Runs git as a process several times per test.
jest.setTimeout(30_000);

const author = { name: 'Scaffolder', email: 'scaffolder@example.com' };

describe('LocalGitRepositories', () => {
  let tmp: string;
  let source: string;
  let repos: LocalGitRepositories;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-'));
    source = path.join(tmp, 'workspace');
    fs.mkdirSync(path.join(source, 'deploy/base'), { recursive: true });
    fs.writeFileSync(
      path.join(source, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.writeFileSync(path.join(source, 'deploy/base/app.yaml'), 'a: 1\n');
    repos = new LocalGitRepositories(path.join(tmp, 'repos'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('publishes a bare repository that git clones, with every file', async () => {
    const published = await repos.publish({
      name: 'payments',
      sourceDir: source,
      message: 'Initial commit',
      author,
    });
    expect(published.created).toBe(true);
    expect(published.path).toBe(path.join(tmp, 'repos', 'payments.git'));
    const clone = path.join(tmp, 'clone');
    execFileSync('git', ['clone', '--quiet', published.path, clone]);
    expect(
      fs.readFileSync(path.join(clone, 'deploy/base/app.yaml'), 'utf8'),
    ).toBe('a: 1\n');
    expect(
      execFileSync('git', ['-C', clone, 'log', '--format=%s'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('Initial commit');
    expect(fs.readdirSync(path.join(tmp, 'repos'))).toEqual(['payments.git']);
  });

  it('reads a file at the head, and names what is missing', async () => {
    await repos.publish({
      name: 'payments',
      sourceDir: source,
      message: 'm',
      author,
    });
    expect(
      Buffer.from(
        await repos.readFile('payments', 'catalog-info.yaml'),
      ).toString(),
    ).toBe('kind: Component\n');
    await expect(repos.readFile('payments', 'nope.yaml')).rejects.toThrow(
      'No file nope.yaml in payments',
    );
    await expect(repos.readFile('ledger', 'catalog-info.yaml')).rejects.toThrow(
      'No repository named ledger',
    );
  });

  it('treats the same tree published again as a retry, and refuses other contents', async () => {
    const first = await repos.publish({
      name: 'payments',
      sourceDir: source,
      message: 'm',
      author,
    });
    const again = await repos.publish({
      name: 'payments',
      sourceDir: source,
      message: 'm',
      author,
    });
    expect(again).toEqual({ ...first, created: false });

    fs.writeFileSync(path.join(source, 'catalog-info.yaml'), 'kind: Other\n');
    await expect(
      repos.publish({
        name: 'payments',
        sourceDir: source,
        message: 'm',
        author,
      }),
    ).rejects.toThrow(
      /A repository named payments exists already .* with other contents/,
    );
    // The existing repository is untouched and nothing half-built is left beside it.
    expect(
      Buffer.from(
        await repos.readFile('payments', 'catalog-info.yaml'),
      ).toString(),
    ).toBe('kind: Component\n');
    expect(fs.readdirSync(path.join(tmp, 'repos'))).toEqual(['payments.git']);
  });

  it.each(['../etc', 'a/b', '', 'UPPER', '-x'])(
    'refuses the name %j, which could escape the folder',
    name => {
      expect(() => repos.pathOf(name)).toThrow(/repoName ".*" must be/);
    },
  );
});

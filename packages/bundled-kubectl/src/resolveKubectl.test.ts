import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { kubectlLayer } from './extractBundledKubectl';
import { resolveKubectl } from './resolveKubectl';

const run = promisify(execFile);
jest.setTimeout(120_000);

const LINUX_X64 = { platform: 'linux', arch: 'x64', path: '' } as const;

describe('resolveKubectl', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundled-kubectl-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The kubectl version a binary reports, e.g. `v1.34.5`. */
  async function clientVersion(kubectl: string) {
    const { stdout } = await run(kubectl, ['version', '--client']);
    return /^Client Version: (\S+)$/m.exec(stdout)?.[1];
  }

  it('extracts the bundled kubectl once, runnable by anyone, and reuses it', async () => {
    const cacheDirectory = path.join(tmp, 'cache');
    const kubectl = await resolveKubectl({ cacheDirectory }, LINUX_X64);

    const { name, version } = kubectlLayer();
    expect(kubectl).toBe(
      path.join(cacheDirectory, `${path.basename(name)}-${version}`, 'kubectl'),
    );
    expect(fs.statSync(kubectl).mode & 0o777).toBe(0o755);
    expect(await clientVersion(kubectl)).toMatch(/^v1\.34\.\d+$/);

    const first = fs.statSync(kubectl);
    expect(await resolveKubectl({ cacheDirectory }, LINUX_X64)).toBe(kubectl);
    const second = fs.statSync(kubectl);
    expect([second.ino, second.mtimeMs]).toEqual([first.ino, first.mtimeMs]);
  });

  it('gives processes that extract at the same time each a complete kubectl', async () => {
    const cache = path.join(tmp, 'xdg');
    const extractors = [1, 2, 3].map(() =>
      run(
        process.execPath,
        [
          '--require',
          require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
          path.join(__dirname, 'cli.ts'),
        ],
        { env: { ...process.env, XDG_CACHE_HOME: cache } },
      ),
    );
    const paths = (await Promise.all(extractors)).map(({ stdout }) =>
      stdout.trim(),
    );

    expect(new Set(paths).size).toBe(1);
    expect(await clientVersion(paths[0])).toMatch(/^v1\.34\.\d+$/);
    // No half-written file is left behind.
    expect(fs.readdirSync(path.dirname(paths[0]))).toEqual(['kubectl']);
  });

  it('shares one extraction between concurrent callers in a process', async () => {
    const cacheDirectory = path.join(tmp, 'cache');
    const paths = await Promise.all(
      [1, 2, 3].map(() => resolveKubectl({ cacheDirectory }, LINUX_X64)),
    );
    expect(new Set(paths).size).toBe(1);
    expect(fs.readdirSync(path.dirname(paths[0]))).toEqual(['kubectl']);
  });

  it('runs the configured kubectl and extracts nothing', async () => {
    const cacheDirectory = path.join(tmp, 'cache');
    expect(
      await resolveKubectl(
        { configured: '/opt/k8s/kubectl', cacheDirectory },
        LINUX_X64,
      ),
    ).toBe('/opt/k8s/kubectl');
    expect(fs.existsSync(cacheDirectory)).toBe(false);
  });

  it('refuses a cache folder other users can write to', async () => {
    const cacheDirectory = path.join(tmp, 'shared');
    fs.mkdirSync(cacheDirectory);
    fs.chmodSync(cacheDirectory, 0o777);
    const { name, version } = kubectlLayer();
    const dir = path.join(cacheDirectory, `${path.basename(name)}-${version}`);
    await expect(resolveKubectl({ cacheDirectory }, LINUX_X64)).rejects.toThrow(
      `could not extract the bundled kubectl (${name} ${version}) into ${dir}: ${cacheDirectory} is writable by other users (mode 777)`,
    );
  });

  describe('where no kubectl is bundled', () => {
    const macOs = (searchPath: string) => ({
      platform: 'darwin' as const,
      arch: 'arm64',
      path: searchPath,
    });

    it('finds kubectl on PATH', async () => {
      const bin = path.join(tmp, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'kubectl'), '#!/bin/sh\n', {
        mode: 0o755,
      });
      expect(
        await resolveKubectl(
          {},
          macOs([path.join(tmp, 'none'), bin].join(':')),
        ),
      ).toBe(path.join(bin, 'kubectl'));
    });

    it('says why there is none and what to do', async () => {
      await expect(resolveKubectl({}, macOs(tmp))).rejects.toThrow(
        'no kubectl to run: the bundled kubectl is for Linux x86-64 only and this is darwin-arm64, and there is no kubectl on PATH; install kubectl, or set delivery.goldenPath.kubectl to its path',
      );
    });
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import request from 'supertest';
import { dryRunBody, formValues } from '../__testUtils__/goldenPathTemplates';
import { startGoldenPathBackend } from '../__testUtils__/startGoldenPathBackend';

const run = promisify(execFile);

// npm install from the registry: allow for a cold cache on a slow machine.
jest.setTimeout(300_000);

/** A PostgreSQL server scripts/test found, if any (see scripts/lib/postgres.sh). */
const postgresUrl = Object.entries(process.env).find(([key]) =>
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
)?.[1];

/**
 * What a developer does first with a generated repository: install it and run its tests.
 * Against a real PostgreSQL when one is available, so the migrations and /ready run too.
 */
describe('the generated http-service', () => {
  let tmp: string;
  let database: string | undefined;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-http-service-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (postgresUrl && database) {
      const admin = knexFactory({ client: 'pg', connection: postgresUrl });
      await admin.raw('DROP DATABASE IF EXISTS ??', [database]);
      await admin.destroy();
    }
  });

  it('installs, lints, type-checks and passes its own test suite', async () => {
    const { server } = await startGoldenPathBackend({
      localPublishDirectory: path.join(tmp, 'repos'),
    });
    const rendered = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send(
        dryRunBody(
          'http-service',
          formValues('http-service', { name: 'orders-api', database: true }),
        ),
      );
    expect(rendered.status).toBe(200);
    const repo = path.join(tmp, 'orders-api');
    for (const file of rendered.body.directoryContents as Array<{
      path: string;
      base64Content: string;
      executable?: boolean;
    }>) {
      const target = path.join(repo, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, Buffer.from(file.base64Content, 'base64'), {
        mode: file.executable ? 0o755 : 0o644,
      });
    }

    const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
    if (postgresUrl) {
      database = `generated_${randomBytes(4).toString('hex')}`;
      const admin = knexFactory({ client: 'pg', connection: postgresUrl });
      await admin.raw('CREATE DATABASE ??', [database]);
      await admin.destroy();
      const url = new URL(postgresUrl);
      url.pathname = `/${database}`;
      env.DATABASE_URL = url.toString();
    }
    const npm = (...args: string[]) =>
      run('npm', args, { cwd: repo, env, maxBuffer: 16 * 1024 * 1024 });

    await npm('install', '--no-audit', '--no-fund');
    await npm('run', 'lint');
    await npm('run', 'typecheck');
    const { stdout } = await npm('test');
    expect(stdout).toMatch(/ℹ fail 0/);
    expect(Number(stdout.match(/ℹ pass (\d+)/)?.[1])).toBeGreaterThanOrEqual(
      15,
    );
    // With a database nothing is skipped (migrations and /ready ran for real); without
    // one the database test says it was skipped rather than passing silently.
    expect(stdout).toMatch(postgresUrl ? /ℹ skipped 0/ : /ℹ skipped [1-9]/);
    if (postgresUrl) await npm('run', 'migrate');
  });
});

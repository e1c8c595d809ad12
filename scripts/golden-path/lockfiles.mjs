#!/usr/bin/env node
// Regenerates each golden-path skeleton's package-lock.json template with npm itself, so a
// generated repository is reproducible from its first commit (`npm ci`). Run it after any
// change to a skeleton's package.json:
//
//   node scripts/golden-path/lockfiles.mjs
//
// The skeleton's package.json is a template (its name, and with a database knex and pg), so
// the lockfile is one too: npm resolves each variant the template can render, and the
// lockfile template picks the variant and carries the service's name where npm wrote it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
// The engine fetch:template renders skeletons with, so the package.json npm resolves is
// byte for byte the one a generated repository gets.
const require = createRequire(
  path.join(root, 'plugins/scaffolder-backend-module-delivery/package.json'),
);
const { createTemplateRenderer } = require('nunjitsu');

const PLACEHOLDER = 'golden-path-lockfile-name';
const KINDS = {
  'http-service': [false, true],
  worker: [false, true],
  'web-frontend': [false],
};

function lockfileFor(kind, database) {
  const source = fs.readFileSync(
    path.join(root, 'templates', kind, 'skeleton', 'package.json'),
    'utf8',
  );
  const renderer = createTemplateRenderer({});
  const context = renderer.prepareContext({
    values: { name: PLACEHOLDER, description: '', database },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lockfile-${kind}-`));
  try {
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      renderer.render(source, context),
    );
    execFileSync(
      'npm',
      [
        'install',
        '--package-lock-only',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
      ],
      { cwd: dir, stdio: 'inherit' },
    );
    const lock = fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
    if (/[{$][{%#]/.test(lock))
      throw new Error(
        `${kind}: the lockfile contains template syntax; it cannot be templated as it is`,
      );
    const named = lock.replaceAll(`"${PLACEHOLDER}"`, '"${{ values.name }}"');
    if ((named.match(/\$\{\{ values\.name \}\}/g) ?? []).length !== 2)
      throw new Error(`${kind}: expected the name twice in the lockfile`);
    return named;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const [kind, variants] of Object.entries(KINDS)) {
  const locks = variants.map(database => lockfileFor(kind, database));
  const template =
    locks.length === 1
      ? locks[0]
      : `{% if values.database -%}\n${locks[1]}{% else -%}\n${locks[0]}{% endif %}`;
  const target = path.join(
    root,
    'templates',
    kind,
    'skeleton',
    'package-lock.json',
  );
  fs.writeFileSync(target, template);
  console.log(`wrote ${path.relative(root, target)}`);
}

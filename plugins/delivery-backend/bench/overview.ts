/* eslint-disable no-console */
/**
 * bench:overview — the Delivery overview through the real catalog and permission backends,
 * against the upstream Kubernetes backend's fan-out, on one machine.
 *
 *   yarn bench:overview                        both sizes: 2,000 x 10 x 3 and 10,000 x 30 x 3,
 *                                              each in a process of its own; writes
 *                                              bench/results/overview-<date>.md
 *   yarn bench:overview [services] [clusters] [spread]   one size, in this process
 *
 * See measureSize.ts for what one size measures.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchFigures, BenchSize, figuresTable } from './figures';
import { measureSize } from './measureSize';

const SIZES: BenchSize[] = [
  { services: 2000, clusters: 10, spread: 3 },
  { services: 10000, clusters: 30, spread: 3 },
];

/** A whole number argument, or an error naming it. */
function wholeNumber(name: string, raw: string | undefined, fallback: number) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name}: "${raw}" is not a whole number above 0`);
  return value;
}

/** One size in a child process with a heap of its own, its figures written as JSON. */
function measureInChild(size: BenchSize): Promise<BenchFigures> {
  const out = join(
    mkdtempSync(join(tmpdir(), 'bench-overview-')),
    'figures.json',
  );
  const child = spawn(
    process.execPath,
    [
      '--max-old-space-size=12288',
      '--expose-gc',
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      __filename,
      String(size.services),
      String(size.clusters),
      String(size.spread),
      '--figures',
      out,
    ],
    { stdio: 'inherit', cwd: process.cwd() },
  );
  return new Promise((ok, fail) =>
    child.on('exit', code =>
      code === 0
        ? ok(JSON.parse(readFileSync(out, 'utf8')))
        : fail(
            new Error(`the ${size.services}-service run exited with ${code}`),
          ),
    ),
  );
}

/** The table with what it was measured on, as docs/performance.md quotes it. */
function report(runs: BenchFigures[], command: string): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    encoding: 'utf8',
  }).trim();
  const date = new Date().toISOString().slice(0, 10);
  return [
    `\`${command}\` on ${date}, commit ${commit}, ${cpus().length} cores, ${(
      totalmem() /
      2 ** 30
    ).toFixed(0)} GiB:`,
    '',
    figuresTable(runs),
    '',
  ].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const figuresAt = args.indexOf('--figures');
  const figuresFile = figuresAt >= 0 ? args[figuresAt + 1] : undefined;
  const sizeArgs = figuresAt >= 0 ? args.slice(0, figuresAt) : args;

  if (sizeArgs.length === 0) {
    const runs: BenchFigures[] = [];
    for (const size of SIZES) runs.push(await measureInChild(size));
    const text = report(runs, 'yarn bench:overview');
    const dir = resolve(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(
      dir,
      `overview-${new Date().toISOString().slice(0, 10)}.md`,
    );
    writeFileSync(file, text);
    console.log(`\n${text}\nwritten to ${file}`);
    return;
  }

  const size: BenchSize = {
    services: wholeNumber('services', sizeArgs[0], 2000),
    clusters: wholeNumber('clusters', sizeArgs[1], 10),
    spread: wholeNumber('spread', sizeArgs[2], 3),
  };
  if (size.spread > size.clusters)
    throw new Error(
      `spread: ${size.spread} is more than the ${size.clusters} clusters`,
    );
  console.log(
    `bench:overview — ${size.services} services x ${size.clusters} clusters, each service in ${size.spread}`,
  );
  const figures = await measureSize(size);
  if (figuresFile) {
    writeFileSync(figuresFile, JSON.stringify(figures));
  } else {
    console.log(
      `\n${report(
        [figures],
        `yarn bench:overview ${size.services} ${size.clusters} ${size.spread}`,
      )}`,
    );
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);

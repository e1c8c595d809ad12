import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BACKEND = 'http://localhost:7007';

async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

/** How many example services (components with workloads) the catalog folder holds. */
function seedServiceCount(): number {
  const folder = join(__dirname, '../../../catalog');
  return readdirSync(folder)
    .filter(file => file.endsWith('.yaml'))
    .map(file => readFileSync(join(folder, file), 'utf8'))
    .reduce(
      (count, text) =>
        count +
        (text.match(/^\s+backstage\.io\/kubernetes-(id|label-selector):/gm)
          ?.length ?? 0),
      0,
    );
}

/** The clusters the sandbox fleet left to the catalog (scripts/lib/serve.sh). */
function catalogLocatedClusters(): string[] {
  const file = join(__dirname, '../../../.sandbox/catalog-clusters.yaml');
  if (!existsSync(file)) return [];
  // Each entity's metadata.name, the only `name` two spaces in (the fleet writes the file).
  return [...readFileSync(file, 'utf8').matchAll(/^ {2}name: (\S+)$/gm)].map(
    match => match[1],
  );
}

/** A token of the guest sign-in, as the browser gets one. */
async function guestToken(): Promise<string> {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh?env=development`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body = await res.json();
  return body.backstageIdentity.token;
}

/**
 * The dev server answers before the backend is ready; the journeys need both, the catalog
 * needs the example entities loaded, and Delivery must have found the clusters the sandbox
 * left to the catalog (it reads them once the catalog has processed their entity) and
 * listed them.
 */
export default async function waitForPortal() {
  await waitUntil(
    'the backend on :7007 did not become ready',
    180_000,
    async () => (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok,
  );
  const expected = catalogLocatedClusters();
  const seedServices = seedServiceCount();
  await waitUntil(
    `Delivery did not list the ${seedServices} example services${
      expected.length ? ` and the catalog-located ${expected.join(', ')}` : ''
    }`,
    120_000,
    async () => {
      // Delivery re-reads the catalog every 30 s: until it has seen every example
      // service, a journey's first page would show an overview without them.
      const res = await fetch(`${BACKEND}/api/delivery/overview`, {
        headers: { Authorization: `Bearer ${await guestToken()}` },
      });
      if (!res.ok) return false;
      const { clusters, services } = (await res.json()) as {
        clusters: Array<{ name: string; state: string }>;
        services: unknown[];
      };
      return (
        services.length >= seedServices &&
        expected.every(name =>
          clusters.some(c => c.name === name && c.state === 'ok'),
        )
      );
    },
  );
}

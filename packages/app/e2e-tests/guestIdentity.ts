import { expect, type APIRequestContext } from '@playwright/test';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eDatabaseDirectory } from './databaseDirectory';

/** The platform-team member the journeys sign in as unless one says otherwise. */
export const PLATFORM_MEMBER = 'user:default/alice';

/**
 * The config file naming who the guest sign-in signs in as, beside the run's databases. The
 * e2e portal loads it (DELIVERY_EXTRA_CONFIG); Backstage watches config files and the guest
 * provider reads `userEntityRef` at each sign-in, so rewriting it switches the identity of
 * the next sign-in without restarting the portal.
 */
export function guestIdentityFile(): string {
  return join(e2eDatabaseDirectory(), 'guest-identity.yaml');
}

/**
 * The identity file, written with `userEntityRef` when the run has none yet: the portal loads
 * it at start, so it must exist then. Playwright loads its config in the runner and again in
 * every worker; only the runner's first load writes it, so a worker starting later does not
 * undo a journey's switch.
 */
export function initialGuestIdentity(userEntityRef: string): string {
  const file = guestIdentityFile();
  if (!existsSync(file)) writeGuestIdentity(userEntityRef);
  return file;
}

/** Writes who the guest sign-in signs in as. */
function writeGuestIdentity(userEntityRef: string): string {
  const file = guestIdentityFile();
  writeFileSync(
    file,
    `auth:\n  providers:\n    guest:\n      userEntityRef: ${userEntityRef}\n`,
  );
  return file;
}

/**
 * Makes the next guest sign-in `userEntityRef`, and waits until the portal's backend signs
 * a guest in as them (it re-reads the file when it sees it change).
 */
export async function guestSignsInAs(
  request: APIRequestContext,
  userEntityRef: string,
) {
  writeGuestIdentity(userEntityRef);
  await expect
    .poll(
      async () => {
        const res = await request.get(
          'http://localhost:7007/api/auth/guest/refresh?env=development',
          { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
        );
        if (!res.ok()) return `HTTP ${res.status()}`;
        const body = await res.json();
        return body.backstageIdentity?.identity?.userEntityRef;
      },
      {
        message: `the guest sign-in signs in as ${userEntityRef}`,
        timeout: 60_000,
      },
    )
    .toBe(userEntityRef);
}

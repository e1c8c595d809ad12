import { defineConfig } from '@playwright/test';
import { e2eDatabaseDirectory } from './packages/app/e2e-tests/databaseDirectory';
import {
  PLATFORM_MEMBER,
  initialGuestIdentity,
} from './packages/app/e2e-tests/guestIdentity';

/** The journeys that sign in as a developer: they switch the guest's identity. */
const AS_A_DEVELOPER = /ownership\.test\.ts$/;

/**
 * Browser journeys against the running portal, in Debian's Chromium (Playwright cannot
 * download its own browser on these machines). `scripts/test` installs Chromium when it
 * is missing; DELIVERY_CHROMIUM points at another binary.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two files, two workers: the journeys mostly wait on rollouts in the sandbox, so the
  // second worker halves the wall time; each file keeps its journeys in order.
  workers: 2,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  // Start the portal and the sandbox fleet the way ./scripts/start does, unless a portal
  // is already running locally. The global setup waits for the backend too.
  webServer: {
    command: 'bash scripts/lib/serve.sh',
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      // The guest signs in as Alice of the platform team: the journeys run actions only the
      // platform team may (a production drill). The identity lives in a config file the
      // portal watches, so the developer journeys can sign in as someone else meanwhile.
      DELIVERY_EXTRA_CONFIG: initialGuestIdentity(PLATFORM_MEMBER),
      // The databases are SQLite files (one per plugin) in a new temporary directory rather
      // than in memory, so a journey can give a service a history the backend then reads
      // (journey 10 seeds 30 days of cost snapshots; it needs this portal, not a reused
      // one). Backstage parses a JSON value of an APP_CONFIG_ variable.
      APP_CONFIG_backend_database_connection: JSON.stringify({
        directory: e2eDatabaseDirectory(),
      }),
      // Instead of app-config.yaml's freezes (which depend on the date): production frozen
      // all day, every day, so the freeze journey meets it whatever the date. No other
      // journey deploys, scales, rolls back, promotes, aborts or migrates in production,
      // and failover (the DR drill journey) is never frozen.
      APP_CONFIG_delivery_freezes: JSON.stringify([
        {
          name: 'Journey freeze',
          reason: 'production is frozen for the browser journeys',
          environments: ['production'],
          timeZone: 'Europe/Berlin',
          rrule: 'FREQ=DAILY',
          duration: 'P1D',
        },
      ]),
    },
  },
  globalSetup: './packages/app/e2e-tests/waitForPortal.ts',

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.DELIVERY_CHROMIUM ?? '/usr/bin/chromium',
      // Root needs --no-sandbox; the rest keep Chromium off a network it cannot reach.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: 'test-results',

  // The developer journeys switch who the guest sign-in is, so they run after the others,
  // alone: a journey starting meanwhile would sign in as the developer.
  projects: [
    { name: 'journeys', testIgnore: AS_A_DEVELOPER },
    {
      name: 'as-a-developer',
      testMatch: AS_A_DEVELOPER,
      dependencies: ['journeys'],
    },
  ],
});

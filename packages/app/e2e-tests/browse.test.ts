/**
 * Journeys that read the portal and create a service: the catalog, the Delivery tab and
 * page, the upstream Kubernetes tab, the golden path, the cost views and the DORA card
 * (after a staging deploy of capsight-frontend, which no other journey touches). They
 * run in one Playwright worker, beside actions.test.ts in the other (each file's
 * journeys in order); the two files touch different services.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveKubectl } from '@internal/bundled-kubectl';
import { expect, test } from '@playwright/test';
import {
  runTaskFromForm,
  SCREENSHOTS,
  shot,
  sidebar,
  signInAsGuest,
} from './journeyHelpers';
import { seedCostHistory } from './seedCostHistory';

test('a developer finds a seed service and its Delivery tab', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The guest owns a few services; ask for all of them in the address, since clicking
  // "All" can be undone by the owned-filter default applied once the identity loads.
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  await expect(
    page.getByRole('link', { name: 'propertyos-payment-service' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'messaging-api' })).toBeVisible();
  await shot(page, '01-catalog');

  await page.getByRole('link', { name: 'propertyos-payment-service' }).click();
  await expect(
    page.getByRole('heading', { name: 'propertyos-payment-service' }),
  ).toBeVisible();
  // The Rollout card is on the entity's overview tab too (app-config.yaml enables it).
  const rolloutCard = page.getByRole('region', {
    name: 'Rollout',
    exact: true,
  });
  await expect(rolloutCard).toContainText('production');
  await shot(page, '02-service');

  // Entity page tabs are links; the sidebar has a Delivery link too.
  await page.locator('a[href$="/propertyos-payment-service/delivery"]').click();
  await expect(page.getByText('Service delivery')).toBeVisible();
  const facts = page.locator('table').filter({ hasText: 'Workloads' });
  await expect(facts.getByText('critical', { exact: true })).toBeVisible();
  await expect(facts.getByText('blue-green', { exact: true })).toBeVisible();
  // The DR readiness card scores it, with the drill check failing: none was run yet.
  await expect(page.getByLabel('score')).toContainText('/ 100');
  await expect(
    page.getByText('No drill, switchover or failover has been run'),
  ).toBeVisible();
  // The Rollout card: one row per sandbox cluster, the DR one marked.
  const rollout = page.locator('table').filter({ hasText: 'Version' }).first();
  await expect(
    rollout.getByRole('row').filter({ hasText: 'production-dr' }),
  ).toContainText('(DR)');
  await expect(rollout.getByText('sandbox', { exact: true })).toHaveCount(3);
  await expect(page.getByText('No delivery runs recorded yet')).toBeVisible();
  await shot(page, '03-delivery-tab');
});

test('the Delivery page is in the sidebar', async ({ page }) => {
  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  await expect(page).toHaveURL(/\/delivery$/);
  await expect(page.getByText('Delivery setup')).toBeVisible();
  await expect(page.getByText(/need the platform team/)).toBeVisible();
  await shot(page, '04-delivery-page');
});

test("the upstream Kubernetes tab shows a seed service's pods from the sandbox", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/component/propertyos-payment-service/kubernetes',
  );
  // The clusters' headings; the same names can also appear in the plugin's error table
  // while the simulated fleet scales a Deployment below its minimum for a moment.
  const cluster = (name: string) =>
    page.getByRole('button', { name: new RegExp(`^${name} \\(sandbox, `) });
  await expect(cluster('production')).toBeVisible();
  await expect(cluster('production-dr')).toBeVisible();
  await cluster('production').locator('p').first().click();
  // Expand the blue Deployment with its expand icon (its texts open drawers).
  await page
    .getByRole('button', {
      name: /^propertyos-payment-service-blue\s*Deployment/,
    })
    .locator('.MuiAccordionSummary-expandIcon')
    .click();
  // The pods of the blue Deployment, by name: <replicaset>-<suffix>.
  await expect(
    page
      .getByText(/^propertyos-payment-service-blue-[a-z0-9]+-[a-z0-9]{5}$/)
      .first(),
  ).toBeVisible();
  await shot(page, '05-kubernetes-tab');
});

test('the Rollout card names the crash-looping pod and its reason', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/incubation-api-server/delivery');
  const rollout = page.locator('table').filter({ hasText: 'Version' }).first();
  const staging = rollout.getByRole('row').filter({ hasText: 'Failing' });
  await expect(staging).toContainText('2.4.0-crash');
  await staging.getByRole('button').first().click();
  const pods = page.getByRole('list', { name: 'pods not serving' });
  await expect(pods).toContainText(/incubation-api-server-\S+/);
  await expect(pods).toContainText('CrashLoopBackOff');
  await shot(page, '06-rollout-card-crash-loop');
});

test('the overview lists every seed service, and a kubectl rollout shows without a reload, through a signal', async ({
  page,
}) => {
  const services =
    readFileSync(resolve('catalog/propertyos.yaml'), 'utf8') +
    readFileSync(resolve('catalog/messaging.yaml'), 'utf8');
  const names = services
    .match(/^ {2}name: (\S+)$/gm)!
    .map(line => line.trim().replace('name: ', ''));
  // What tells the open page of a change: the backend's signals on delivery:overview (over
  // the signals WebSocket), then the page's request for what changed since its cursor.
  const overviewSignals: string[] = [];
  page.on('websocket', socket =>
    socket.on('framereceived', ({ payload }) => {
      if (String(payload).includes('delivery:overview'))
        overviewSignals.push(String(payload));
    }),
  );
  let changeRequests = 0;
  page.on('request', request => {
    if (request.url().includes('/api/delivery/overview/changes'))
      changeRequests += 1;
  });
  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  // The matrix: one row per service, whatever the number of clusters it runs in.
  await expect(
    page.getByRole('heading', { name: /^Services \(\d+ of \d+\)$/ }),
  ).toBeVisible();
  for (const name of names) {
    await expect(
      page.getByRole('link', { name, exact: true }).first(),
    ).toBeVisible();
  }
  // incubation-api-server crash-loops in staging: Failing until its rollout passes the
  // 10-minute progress deadline, then Stalled beside propertyos-analytics-service, which the
  // seed starts past it. How long the portal took to start decides which, not the journey.
  await expect(page.getByLabel('counts by state')).toContainText(
    /Failing\d|Stalled([2-9]|\d\d)/,
  );
  await shot(page, '07-overview');
  // The widest screens a team lead uses, then back to the journeys' 1440 px.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, '07-overview-1920');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Deploy a new version of one service on the sandbox with kubectl, as a person would,
  // and watch its staging cell.
  await page.getByRole('searchbox').fill('propertyos-tenant-service');
  await expect(
    page.getByRole('heading', { name: /^Services \(1 of \d+\)$/ }),
  ).toBeVisible();
  const staging = page
    .getByRole('row')
    .filter({ hasText: 'propertyos-tenant-service' })
    .getByLabel(/^staging: /);
  await expect(staging).toContainText('Complete');
  // Marks this document: a reload would lose the mark.
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  const signalsBefore = overviewSignals.length;
  const requestsBefore = changeRequests;
  execFileSync(
    await resolveKubectl(),
    [
      '--context',
      'sandbox-staging',
      '-n',
      'propertyos',
      'set',
      'image',
      'deployment/propertyos-tenant-service',
      'propertyos-tenant-service=ghcr.io/delivery-example/propertyos-tenant-service:9.0.0-slow',
    ],
    { env: { ...process.env, KUBECONFIG: resolve('.sandbox/kubeconfig') } },
  );
  await expect(staging).toContainText('Progressing', { timeout: 15_000 });
  await expect(staging).toContainText('9.0.0-slow');
  // It came through a signal and a changes request, in the same document. (Without
  // signals the page would poll every 3 s; with them, only every 30 s as a safety net.)
  // (Polled: the 30-s safety net may have brought the change a moment before its signal.)
  await expect
    .poll(() => overviewSignals.length)
    .toBeGreaterThan(signalsBefore);
  await expect.poll(() => changeRequests).toBeGreaterThan(requestsBefore);
  expect(
    await page.evaluate(
      () => (window as unknown as { notReloaded?: boolean }).notReloaded,
    ),
  ).toBe(true);
  await shot(page, '08-overview-progressing');
  await expect(staging).toContainText('Complete', { timeout: 90_000 });
  await shot(page, '09-overview-complete');
});

test('a developer creates an http-service from the golden path and finds it in the catalog', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Repositories of earlier runs stay in .delivery/repositories: a fresh name every run.
  const name = `journey-${Date.now().toString(36)}`;
  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Create', exact: true })
    .click();
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('HTTP service', { exact: true }) });
  await expect(card).toBeVisible();
  await shot(page, '10-create');
  await card.getByRole('button', { name: 'Choose' }).click();

  // Page 1: the service.
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Description').fill('Created by the browser journey');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('platform-team');
  await page
    .getByRole('option', { name: /platform-team/ })
    .first()
    .click();
  await shot(page, '11-create-form-service');
  await page.getByRole('button', { name: 'Next' }).click();

  // Page 2: delivery (blue-green, the defaults otherwise).
  // The strategy select shows its current choice, the rolling default.
  await page.getByRole('button', { name: /Rolling update/ }).click();
  await page.getByRole('option', { name: /^Blue-green/ }).click();
  await shot(page, '12-create-form-delivery');
  await page.getByRole('button', { name: 'Next' }).click();
  // Page 3: resources. A maximum below the minimum is refused on the page, as the server
  // would refuse it.
  const hpaMax = page.getByRole('spinbutton', { name: /^Maximum replicas/ });
  await hpaMax.fill('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText('must not be below hpaMin (1 < 2)', { exact: true }),
  ).toBeVisible();
  await shot(page, '12b-create-form-resources-refused');
  await hpaMax.fill('4');
  // Page 4: publish to the local target (the default).
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await shot(page, '13-create-review');
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: every step, verification included, then the catalog link.
  const open = page.getByRole('link', { name: 'Open in the catalog' });
  await expect(open).toBeVisible({ timeout: 120_000 });
  await expect(
    page.getByText(/Finished step Verify manifests, workflow and Dockerfile/),
  ).toBeVisible();
  await shot(page, '14-create-task-done');
  await open.click();

  // The catalog processes the new location in the background; the page appears once it has.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByText('Created by the browser journey')).toBeVisible();
  await shot(page, '15-created-component');
});

/**
 * The replicas propertyos-property-service ran on a past day, for its seeded cost
 * history: fewer at weekends, a scale-out for a launch two weeks ago, and the production
 * DR cluster's two standby replicas throughout.
 */
function propertyServiceReplicas(day: Date, daysAgo: number) {
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  const launch = daysAgo >= 10 && daysAgo <= 14;
  let primary = weekend ? 3 : 4;
  if (launch) primary = 7;
  return { production: primary + 2, staging: weekend ? 1 : 2 };
}

test('cost: the create form prices the HPA bounds as they change, a service shows its Cost card, and the overview its cost column and chart', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);

  // The golden path's form: the monthly estimate follows the HPA maximum.
  await sidebar(page)
    .getByRole('link', { name: 'Create', exact: true })
    .click();
  await page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('HTTP service', { exact: true }) })
    .getByRole('button', { name: 'Choose' })
    .click();
  await page.getByLabel('Name').fill('cost-journey');
  await page.getByLabel('Description').fill('Priced before it exists');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('platform-team');
  await page
    .getByRole('option', { name: /platform-team/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  const estimate = page.getByRole('table', { name: 'monthly estimate' });
  const production = estimate
    .getByRole('row')
    .filter({ hasText: /^production/ })
    .first();
  await expect(production).toContainText('$', { timeout: 30_000 });
  const before = await production.innerText();
  await shot(page, '30-create-form-estimate');
  await page.getByRole('spinbutton', { name: /^Maximum replicas/ }).fill('12');
  await expect(production).not.toHaveText(before);
  await shot(page, '31-create-form-estimate-hpa-max-12');

  // A service's Cost card: the monthly cost now and its range, and the trend. Given a
  // service with 30 days of cost history: test data written into the portal's database
  // (today's snapshot is the backend's own: it writes it minutes after it starts).
  const { firstDay, lastDay, today } = await seedCostHistory({
    entityRef: 'component:default/propertyos-property-service',
    days: 30,
    // A replica's monthly cost at the sandbox fleet's on-demand prices.
    usdPerReplica: 18.02,
    replicasOn: propertyServiceReplicas,
  });
  await page.goto(
    '/catalog/default/component/propertyos-property-service/delivery',
  );
  await expect(page.getByLabel('monthly cost now')).toContainText('$', {
    timeout: 60_000,
  });
  await expect(
    page.getByLabel('range at HPA minimum to maximum'),
  ).toContainText(/\$[\d,.]+ – \$[\d,.]+/);
  // The trend is drawn: a line with a point a day from the first seeded day to the last
  // one, or to today once the backend has written today's snapshot.
  const costCard = page.getByRole('region', { name: 'Cost', exact: true });
  const trend = costCard.getByRole('figure', { name: 'monthly cost by day' });
  await expect(trend).toContainText(
    new RegExp(
      `Monthly run rate from ${firstDay} \\(\\$[\\d,.]+\\) to (${lastDay}|${today}) \\(\\$[\\d,.]+\\)`,
    ),
  );
  await expect(trend.locator('.recharts-line-curve')).toBeVisible();
  const points = trend.locator('.recharts-line-dot');
  await expect(points.nth(29)).toBeVisible();
  await expect(points.nth(31)).toHaveCount(0);
  // (The DR card beside it still has one snapshot at most, and says so.)
  await expect(
    costCard.getByText('The trend starts after the first daily snapshot'),
  ).toHaveCount(0);
  await page.getByLabel('monthly cost now').scrollIntoViewIfNeeded();
  await shot(page, '32-cost-card');
  await trend.screenshot({ path: `${SCREENSHOTS}/32b-cost-trend.png` });

  // The overview: the cost column and the cost by team chart.
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  await expect(
    page.getByRole('columnheader', { name: 'Cost / month' }),
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: 'propertyos-property-service' })
      .first(),
  ).toContainText('$');
  await expect(page.getByLabel('monthly cost by team')).toBeVisible();
  await shot(page, '33-overview-cost');
});

test('DORA: a service with no deploys says so; after a deploy to staging the DORA card counts what the run history shows', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // A rolling service no other journey touches.
  const service = 'capsight-frontend';
  await signInAsGuest(page);
  await page.goto(`/catalog/default/component/${service}/delivery`);
  const dora = page.getByRole('region', { name: 'DORA metrics', exact: true });
  await expect(dora).toContainText('No deploys in the last 30 days', {
    timeout: 60_000,
  });
  await expect(page.getByText('No delivery runs recorded yet')).toBeVisible();

  // Deploy a new tag to staging from the Actions card.
  await page.getByLabel('Deploy to staging').click();
  const image = page.getByRole('textbox', { name: /^Image/ });
  await expect(image).toHaveValue(new RegExp(`${service}:`));
  await image.fill((await image.inputValue()).replace(/:[^:/]+$/, ':2.1.0'));
  await runTaskFromForm(page, 'Deploy', 120_000);

  // The run history: the deploys that succeeded in staging.
  await page.goto(`/catalog/default/component/${service}/delivery`);
  const history = page.getByRole('region', { name: 'Run history' });
  const deploys = history
    .getByRole('row')
    .filter({ hasText: 'deploy' })
    .filter({ hasText: 'staging' })
    .filter({ hasText: 'succeeded' });
  await expect(deploys).toHaveCount(1, { timeout: 30_000 });
  const count = await deploys.count();

  // The card counts the same deploys, with a band, and says why lead time is unknown.
  const frequency = dora.getByLabel('Deployment frequency in staging');
  await expect(frequency).toContainText(
    `${count} deploy${count === 1 ? '' : 's'}`,
    { timeout: 60_000 },
  );
  await expect(frequency).toContainText(/Elite|High|Medium|Low/);
  await expect(dora.getByLabel('Change failure rate in staging')).toContainText(
    `0 of ${count} deploy`,
  );
  await expect(
    dora.getByLabel('Lead time for changes in staging'),
  ).toContainText(/unknown for 1 deploy: /);
  await dora.scrollIntoViewIfNeeded();
  await page.setViewportSize({ width: 1280, height: 900 });
  await dora.screenshot({ path: `${SCREENSHOTS}/40-dora-card-1280.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await dora.screenshot({ path: `${SCREENSHOTS}/40-dora-card-1920.png` });

  // The overview's DORA columns: production only, so a dash that says why for this one.
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  const doraColumn = page.getByRole('columnheader', {
    name: 'Production DORA',
  });
  await expect(doraColumn).toBeVisible({ timeout: 60_000 });
  const row = page.getByRole('row').filter({ hasText: service }).first();
  await expect(
    row.getByLabel(
      'production DORA: No production deploys in the last 30 days',
    ),
  ).toBeVisible();
  await shot(page, '41-overview-dora-1920');
  // At 1280 px, with two environments, the whole matrix fits: the DORA column is in view
  // without scrolling sideways.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(doraColumn).toBeInViewport();
  await shot(page, '41-overview-dora-1280');
  await page.setViewportSize({ width: 1440, height: 900 });
});

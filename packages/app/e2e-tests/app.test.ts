import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveKubectl } from '@internal/bundled-kubectl';
import { expect, Page, test } from '@playwright/test';
import { seedCostHistory } from './seedCostHistory';

const SCREENSHOTS = 'e2e-screenshots';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'sidebar nav' });
}

/**
 * Submits a scaffolder form (Review, then Create) and waits until the task has finished
 * the step named `step`.
 */
async function runTaskFromForm(page: Page, step: string, timeout: number) {
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(new RegExp(`Finished step ${step}`))).toBeVisible(
    {
      timeout,
    },
  );
}

function shot(page: Page, name: string) {
  return page.screenshot({
    path: `${SCREENSHOTS}/${name}.png`,
    fullPage: true,
  });
}

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

test('the overview lists every seed service, and a rollout turns green without a reload', async ({
  page,
}) => {
  const services =
    readFileSync(resolve('catalog/propertyos.yaml'), 'utf8') +
    readFileSync(resolve('catalog/messaging.yaml'), 'utf8');
  const names = services
    .match(/^ {2}name: (\S+)$/gm)!
    .map(line => line.trim().replace('name: ', ''));
  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  await expect(page.getByText(/^Services \(\d+ rows\)$/)).toBeVisible();
  for (const name of names) {
    await expect(
      page.getByRole('link', { name, exact: true }).first(),
    ).toBeVisible();
  }
  await expect(page.getByLabel('counts by state')).toContainText('Failing');
  await shot(page, '07-overview');

  // Deploy a new version of one service on the sandbox with kubectl, as a person would.
  await page.getByLabel('environment', { exact: true }).click();
  await page.getByRole('option', { name: 'staging' }).click();
  const row = page
    .getByRole('row')
    .filter({ hasText: 'propertyos-tenant-service' });
  await expect(row).toContainText('Complete');
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
  await expect(row).toContainText('Progressing', { timeout: 15_000 });
  await expect(row).toContainText('9.0.0-slow');
  await shot(page, '08-overview-progressing');
  await expect(row).toContainText('Complete', { timeout: 90_000 });
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

test('a blue-green deploy to staging from the Delivery tab moves the Rollout card and lands in the run history', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/messaging-api/delivery');
  const deploy = page.getByLabel('Deploy to staging');
  await expect(deploy).toBeVisible();
  await shot(page, '16-actions-card');
  await deploy.click();

  // The form comes pre-filled with the service, the environment and the running image.
  const image = page.getByRole('textbox', { name: /^Image/ });
  await expect(image).toHaveValue(/messaging-api:/);
  const next = (await image.inputValue()).replace(/:[^:/]+$/, ':9.0.0');
  await image.fill(next);
  await page
    .getByRole('spinbutton', { name: /^Keep the previous colour/ })
    .fill('0');
  await shot(page, '17-deploy-form');
  await runTaskFromForm(page, 'Deploy', 120_000);
  await expect(
    page.getByText(/Service messaging-api switched from (blue|green) to/),
  ).toBeVisible();
  await shot(page, '18-deploy-task');

  await page.goto('/catalog/default/component/messaging-api/delivery');
  const rollout = page.locator('table').filter({ hasText: 'Version' }).first();
  await expect(rollout).toContainText('9.0.0', { timeout: 30_000 });
  const history = page.locator('table').filter({ hasText: 'deploy' }).last();
  await expect(history).toContainText('succeeded');
  await shot(page, '19-after-deploy');

  // The run opens to what it changed: the colours' images and the Service's switch.
  const row = history.getByRole('row').filter({ hasText: 'succeeded' });
  await row.getByRole('button').first().click();
  await expect(
    page.getByText(/staging: Service selects (blue -> green|green -> blue)/),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: /what run .* changed/ }),
  ).toContainText('9.0.0 (');
  await shot(page, '20-run-details');
});

test('a platform engineer reads the migration status of staging, then applies the pending migrations after a backup', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/messaging-api/delivery');
  const migrate = page.getByLabel('Migrate staging');
  await expect(migrate).toBeVisible();
  await migrate.click();

  // Status first: the form opens in status mode for the environment.
  await expect(page.getByRole('textbox', { name: /^Environment/ })).toHaveValue(
    'staging',
  );
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByText(
      /staging \(staging\): 0 applied; 2 pending: 20260101000000_create_items.cjs, 20260301000000_create_item_events.cjs; lock free/,
    ),
  ).toBeVisible({ timeout: 120_000 });
  await shot(page, '21-migration-status');

  // Then apply: the backup Job, then the migration Job, its knex output in the log.
  await page.goto('/catalog/default/component/messaging-api/delivery');
  await page.getByLabel('Migrate staging').click();
  await page.getByLabel(/^Mode/).click();
  await page.getByRole('option', { name: 'Apply pending migrations' }).click();
  await shot(page, '22-migrate-form');
  await runTaskFromForm(page, 'Migrate', 120_000);
  await expect(
    page.getByText(
      /Applied in staging \(staging\): 20260101000000_create_items.cjs, 20260301000000_create_item_events.cjs/,
    ),
  ).toBeVisible();
  await expect(page.getByText(/Batch 1 run: 2 migrations/)).toBeVisible();
  await shot(page, '23-migrate-task');

  await page.goto('/catalog/default/component/messaging-api/delivery');
  const history = page.locator('table').filter({ hasText: 'migrate' }).last();
  await expect(history).toContainText('succeeded');
  await shot(page, '24-after-migrate');
});

test('a platform engineer drills a failover from the service page; the DR card shows the measured recovery and the overview readiness rises', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const service = 'propertyos-auth-service';
  const readiness = (text: string) =>
    Number(/DR readiness (\d+)/.exec(text)![1]);
  await signInAsGuest(page);

  // The overview's readiness of the service before any drill.
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  const overviewScore = page
    .getByRole('row')
    .filter({ hasText: service })
    .first()
    .getByLabel(/^DR readiness \d+/);
  await expect(overviewScore).toBeVisible({ timeout: 60_000 });
  const before = readiness((await overviewScore.getAttribute('aria-label'))!);
  await shot(page, '25-overview-dr-before');

  // The DR card: no drill recorded, the drill check failing.
  await page.goto(`/catalog/default/component/${service}/delivery`);
  await expect(
    page.getByText('No drill, switchover or failover has been run'),
  ).toBeVisible({ timeout: 60_000 });
  await shot(page, '26-dr-card-before');

  // Drill from the Actions card; the form opens in drill mode for production.
  await page.getByLabel('Failover production').click();
  await expect(page.getByRole('textbox', { name: /^Environment/ })).toHaveValue(
    'production',
  );
  await runTaskFromForm(page, 'Failover', 180_000);
  // The template's result box: the summary with the measured recovery time.
  await expect(page.getByTestId('text-output-box')).toContainText(
    /Drill of component:default\/propertyos-auth-service in production: recovered in \d+ s/,
  );
  await shot(page, '27-drill-task');

  // The DR card shows the drill and its measured recovery time against the RTO.
  await page.goto(`/catalog/default/component/${service}/delivery`);
  const latest = page.getByLabel('latest failover');
  await expect(latest).toContainText('succeeded', { timeout: 60_000 });
  await expect(latest).toContainText(/recovered in \d+ s/);
  await expect(latest).toContainText(/RTO \d+ min/);
  await shot(page, '28-dr-card-after-drill');

  // The overview's readiness column changes: the drill check now passes.
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  await expect
    .poll(
      async () =>
        readiness(
          (await overviewScore.getAttribute('aria-label')) ?? 'DR readiness 0',
        ),
      { timeout: 90_000 },
    )
    .toBeGreaterThan(before);
  await shot(page, '29-overview-dr-after');
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
  const costCard = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByLabel('monthly cost now') });
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
    page.getByRole('columnheader', { name: /Cost \/ month/ }),
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

/** A dollar figure of the Cost card (`$1,234.56`) as a number. */
function dollars(text: string): number {
  const match = /\$([\d,]+\.\d\d)/.exec(text);
  if (!match) throw new Error(`no dollar amount in "${text}"`);
  return Number(match[1].replace(/,/g, ''));
}

test('scale: a platform engineer raises the HPA bounds of a service in staging from the Actions card; the task log holds the scale against the budget, and the run history, Rollout and Cost cards follow', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const service = 'propertyos-maintenance-service';
  await signInAsGuest(page);
  await page.goto(`/catalog/default/component/${service}/delivery`);

  // What the service costs a month now, before the scale.
  const costNow = page.getByLabel('monthly cost now');
  await expect(costNow).toContainText('$', { timeout: 60_000 });
  const costBefore = dollars(await costNow.innerText());
  // And its staging line (the first amount of a line is what it costs now): production's
  // autoscaler moves with the load meanwhile, so the total alone could rise without the scale.
  const costCard = page.locator('.MuiCard-root').filter({ has: costNow });
  const stagingCost = costCard
    .getByRole('row')
    .filter({ hasText: /^staging/ })
    .first();
  const stagingCostBefore = dollars(await stagingCost.innerText());

  // The staging autoscaler's bounds, from the Rollout card's staging row.
  const rollout = page.locator('table').filter({ hasText: 'Version' }).first();
  const staging = rollout.getByRole('row').filter({ hasText: /^staging/ });
  await staging.getByRole('button').first().click();
  const autoscaler = page.getByText(
    /^\d+ running, wants \d+ \(min \d+, max \d+\)$/,
  );
  await expect(autoscaler).toBeVisible();
  const [min, max] = /^\d+ running, wants \d+ \(min (\d+), max (\d+)\)$/
    .exec(await autoscaler.innerText())!
    .slice(1)
    .map(Number);
  // A minimum above today's maximum adds pods whatever the load is now.
  const newMin = max + 1;
  const newMax = max + 3;

  // The Scale link opens in a new tab, and the Delivery tab stays open beside it.
  const [form] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByLabel('Scale staging').click({ modifiers: ['Control'] }),
  ]);
  // The form comes pre-filled with the service, the environment and the HPA's bounds now.
  await expect(form.getByRole('textbox', { name: /^Environment/ })).toHaveValue(
    'staging',
  );
  await expect(
    form.getByRole('spinbutton', { name: /^Minimum replicas/ }),
  ).toHaveValue(String(min));
  await expect(
    form.getByRole('spinbutton', { name: /^Maximum replicas/ }),
  ).toHaveValue(String(max));
  await form
    .getByRole('spinbutton', { name: /^Minimum replicas/ })
    .fill(String(newMin));
  await form
    .getByRole('spinbutton', { name: /^Maximum replicas/ })
    .fill(String(newMax));
  await shot(form, '34-scale-form');
  await runTaskFromForm(form, 'Scale', 180_000);
  // The budget check, before anything changed: the pods added against the month's forecast.
  await expect(
    form.getByText(
      /Budget: this scale adds \$\d+\.\d\d\/month: the \d{4}-\d\d forecast would be \$\d+\.\d\d \(now \$\d+\.\d\d\) against the service's budget of \$500\.00/,
    ),
  ).toBeVisible();
  await expect(form.getByTestId('text-output-box')).toContainText(
    `${service} on staging: HPA ${newMin}–${newMax} (was ${min}–${max}), ${newMin} replicas now`,
  );
  // The log viewer does not wrap: a wider window shows the budget line whole.
  await form.setViewportSize({ width: 1920, height: 1080 });
  await shot(form, '35-scale-task-log');

  // The Delivery tab left open: the Rollout and Cost cards poll, so the new replicas and
  // what they cost show without a reload (the Cost card reads once a minute).
  await page.bringToFront();
  await expect(
    rollout.getByRole('row').filter({ hasText: /^staging/ }),
  ).toContainText(`${newMin}/${newMin}`, { timeout: 60_000 });
  await expect
    .poll(async () => dollars(await stagingCost.innerText()), {
      timeout: 150_000,
      intervals: [5_000],
    })
    .toBeGreaterThan(stagingCostBefore);
  expect(dollars(await costNow.innerText())).toBeGreaterThan(costBefore);
  // The run history polls too: the scale is listed without a reload.
  await expect(
    page
      .locator('table')
      .filter({ hasText: 'Outcome' })
      .getByRole('row')
      .filter({ hasText: 'scale' }),
  ).toContainText('succeeded', { timeout: 30_000 });
  await shot(page, '36-scale-after');

  // The task's link to the Delivery tab: the run history lists the scale, which keeps what
  // was asked, the budget check it passed, and the replicas before and after.
  await form.setViewportSize({ width: 1440, height: 900 });
  await form.getByRole('link', { name: 'Delivery tab' }).click();
  const history = form.locator('table').filter({ hasText: 'Outcome' });
  const run = history.getByRole('row').filter({ hasText: 'scale' });
  await expect(run).toContainText('succeeded', { timeout: 30_000 });
  await expect(run).toContainText('staging');
  await run.getByRole('button').first().click();
  await expect(form.getByText(`minReplicas: ${newMin}`)).toBeVisible();
  await expect(
    form.getByText(
      /^budget: \$[\d.]+\/month; forecast \$[\d.]+ → \$[\d.]+ against \$500\.00: within the budget$/,
    ),
  ).toBeVisible();
  await expect(
    form.getByRole('table', { name: /what run .* changed/ }),
  ).toContainText(`(${newMin}/${newMin} ready)`);
  // (The full page cuts off the bottom of an opened run: the card alone shows all of it.)
  await form
    .locator('.MuiPaper-root')
    .filter({ has: form.getByRole('heading', { name: 'Run history' }) })
    .last()
    .screenshot({ path: `${SCREENSHOTS}/36b-scale-run-details.png` });
});

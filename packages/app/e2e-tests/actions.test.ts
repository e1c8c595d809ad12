/**
 * Journeys of a platform engineer acting from the portal: a blue-green deploy and a
 * migration of messaging-api in staging, a failover drill of propertyos-auth-service and a
 * scale of propertyos-maintenance-service. They run in order in one Playwright worker,
 * beside browse.test.ts in the other; the two files touch different services.
 */
import { expect, test } from '@playwright/test';
import {
  dollars,
  runTaskFromForm,
  SCREENSHOTS,
  shot,
  sidebar,
  signInAsGuest,
} from './journeyHelpers';

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
  const costCard = page.getByRole('region', { name: 'Cost', exact: true });
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
  // A new tab loads the whole app again: on a busy machine that alone can take most of
  // the default 30 s, so its first field gets longer.
  await expect(form.getByRole('textbox', { name: /^Environment/ })).toHaveValue(
    'staging',
    { timeout: 90_000 },
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
  // The log viewer renders only the lines in view and follows the end, so on a busy machine
  // (more progress lines) the budget line scrolls out of it: search for it, as a person
  // would, and the viewer scrolls to the match.
  await form
    .getByRole('textbox', { name: 'Search' })
    .fill('Budget: this scale adds');
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
    .getByRole('region', { name: 'Run history', exact: true })
    .last()
    .screenshot({ path: `${SCREENSHOTS}/36b-scale-run-details.png` });
});

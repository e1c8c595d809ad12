import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, Page, test } from '@playwright/test';

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
  await expect(page.getByText('critical', { exact: true })).toBeVisible();
  await expect(page.getByText('blue-green', { exact: true })).toBeVisible();
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
  await expect(page.getByText('production (sandbox, us-east-1)')).toBeVisible();
  await expect(
    page.getByText('production-dr (sandbox, us-west-2)'),
  ).toBeVisible();
  await page.getByText('production (sandbox, us-east-1)').click();
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
    'kubectl',
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

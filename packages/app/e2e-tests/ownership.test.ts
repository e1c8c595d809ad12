/**
 * A developer's view: the guest signs in as a developer of propertyos-core-team (not Alice
 * of the platform team, as in the other journeys), so the Actions card disables what the
 * default policy keeps from them and says who may, and what Delivery tells their team
 * reaches them as a notification. Runs after the other journeys, alone
 * (playwright.config.ts): it switches the guest's identity.
 */
import { expect, test } from '@playwright/test';
import { PLATFORM_MEMBER, guestSignsInAs } from './guestIdentity';
import { shot, sidebar, signInAsGuest } from './journeyHelpers';

const DEVELOPER = 'user:default/guest';

test.beforeAll(async ({ playwright }) => {
  const api = await playwright.request.newContext();
  await guestSignsInAs(api, DEVELOPER);
  await api.dispose();
});

test.afterAll(async ({ playwright }) => {
  const api = await playwright.request.newContext();
  await guestSignsInAs(api, PLATFORM_MEMBER);
  await api.dispose();
});

test("a developer sees Deploy disabled, with who may, on another team's service and enabled on their own", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);

  // messaging-api belongs to messaging-team.
  await page.goto('/catalog/default/component/messaging-api/delivery');
  const deployToStaging = page.getByLabel('Deploy to staging');
  await expect(deployToStaging).toBeVisible({ timeout: 60_000 });
  await expect(deployToStaging).toBeDisabled();
  await expect(
    page.getByText(
      'Only messaging-team and the platform team may deploy messaging-api in staging.',
    ),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Only the platform team may deploy messaging-api in production.',
    ),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Rollback staging' }),
  ).toBeDisabled();
  await shot(page, '50-another-teams-service-actions-disabled');

  // propertyos-owner-service belongs to propertyos-core-team, the guest's team.
  await page.goto(
    '/catalog/default/component/propertyos-owner-service/delivery',
  );
  const ownDeploy = page.getByLabel('Deploy to staging');
  await expect(ownDeploy).toBeVisible({ timeout: 60_000 });
  await expect(ownDeploy).toHaveAttribute(
    'href',
    /\/create\/templates\/default\/delivery-deploy\?formData=/,
  );
  await expect(
    page.getByText(/^Only .* may deploy propertyos-owner-service in staging/),
  ).toHaveCount(0);
  await expect(
    page.getByText(
      'Only the platform team may deploy propertyos-owner-service in production.',
    ),
  ).toBeVisible();
  await shot(page, '51-own-service-actions-enabled');
});

test("a developer's deploy that fails its smoke check rolls back and reaches their team as a notification, linking to the Delivery tab", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto(
    '/catalog/default/component/propertyos-owner-service/delivery',
  );
  const deploy = page.getByLabel('Deploy to staging');
  await expect(deploy).toBeVisible({ timeout: 60_000 });
  await deploy.click();

  const image = page.getByRole('textbox', { name: /^Image/ });
  await expect(image).toHaveValue(/propertyos-owner-service:/);
  await image.fill(
    (await image.inputValue()).replace(/:[^:/]+$/, ':6.3.0-smoke'),
  );
  // A check the new version cannot pass: the backend answers 404 there, so the rolling
  // deploy rolls back to the image before and the run ends failed.
  await page
    .getByRole('textbox', { name: /^Smoke check URL/ })
    .fill('http://localhost:7007/api/delivery/no-such-health-check');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);

  // The service's owner, propertyos-core-team, is told once the run has ended; the
  // developer is one of them. The list is read again until it is there (the deploy rolls
  // out, fails its check and rolls back first).
  const title =
    'Could not deploy propertyos-owner-service in staging: the run failed';
  await sidebar(page)
    .getByRole('link', { name: /Notifications/ })
    .click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(title)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
  // Its description is the run's own summary: what failed, and that it rolled back.
  await page.getByRole('button', { name: 'Show more' }).first().click();
  await expect(page.getByText(/rolled back/).first()).toBeVisible();
  await shot(page, '52-failed-deploy-notification');
  await page.getByText(title).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/propertyos-owner-service\/delivery/,
  );
});

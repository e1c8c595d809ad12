/**
 * Who may act, seen before anyone clicks: the guest signs in as a developer of
 * propertyos-core-team (not Alice of the platform team, as in the other journeys), so the
 * Actions card disables what the default policy keeps from them and says who may. Runs
 * after the other journeys, alone (playwright.config.ts): it switches the guest's identity.
 */
import { expect, test } from '@playwright/test';
import { PLATFORM_MEMBER, guestSignsInAs } from './guestIdentity';
import { shot, signInAsGuest } from './journeyHelpers';

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

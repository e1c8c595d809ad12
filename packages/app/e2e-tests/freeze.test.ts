/**
 * A freeze window seen and met from the portal. The e2e portal (playwright.config.ts)
 * freezes production all day, every day, so this holds whatever the date; no other
 * journey acts in production except the failover drill, which a freeze never stops.
 */
import { expect, test } from '@playwright/test';
import { shot, signInAsGuest } from './journeyHelpers';

test('a deploy to a frozen environment is refused from the Actions card, which shows the freeze', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/messaging-api/delivery');

  // The card says production is frozen, until when and why, before anyone clicks.
  const freeze = page.getByRole('group', {
    name: 'Freeze windows of production',
  });
  await expect(freeze).toContainText(
    /production: Frozen until \d{4}-\d\d-\d\d 00:00 Europe\/Berlin \(\d{4}-\d\d-\d\d \d\d:00 UTC\): Journey freeze \(production is frozen for the browser journeys\)/,
    { timeout: 60_000 },
  );
  await expect(
    page.getByRole('group', { name: 'Freeze windows of staging' }),
  ).toHaveCount(0);
  // What runs in production now, to see that the refused deploy changed nothing.
  const rollout = page.locator('table').filter({ hasText: 'Version' }).first();
  const productionRow = rollout
    .getByRole('row')
    .filter({ hasText: /^production/ })
    .first();
  const version = /\d+\.\d+\.\d+\S*/;
  await expect(productionRow).toContainText(version);
  const runningBefore = version.exec(await productionRow.innerText())![0];
  await shot(page, '40-freeze-on-actions-card');

  // The Deploy button stays; the server refuses, naming the freeze.
  await page.getByLabel('Deploy to production').click();
  const image = page.getByRole('textbox', { name: /^Image/ });
  await expect(image).toHaveValue(/messaging-api:/);
  await image.fill((await image.inputValue()).replace(/:[^:/]+$/, ':9.9.9'));
  await expect(
    page.getByRole('textbox', { name: /^Override reason/ }),
  ).toBeVisible();
  await shot(page, '41-deploy-form-in-freeze');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page
      .getByText(
        /freeze-window: production is frozen for deploy: "Journey freeze" \(production is frozen for the browser journeys\) until .* \(delivery\.freezes\)\. Try again after it lifts\. Nothing was changed/,
      )
      .first(),
  ).toBeVisible({ timeout: 90_000 });
  await shot(page, '42-deploy-refused-in-freeze');

  // Back on the Delivery tab: production runs what it ran, and no deploy was recorded.
  await page.goto('/catalog/default/component/messaging-api/delivery');
  await expect(productionRow).toBeVisible({ timeout: 60_000 });
  await expect(productionRow).toContainText(runningBefore);
  await expect(productionRow).not.toContainText('9.9.9');
  const history = page.locator('table').filter({ hasText: 'Outcome' });
  await expect(
    history.getByRole('row').filter({ hasText: 'production' }),
  ).toHaveCount(0);
  await shot(page, '43-after-refused-deploy');
});

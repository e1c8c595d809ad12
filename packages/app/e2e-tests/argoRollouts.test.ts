/**
 * A service Argo Rollouts runs: capsight-backend in staging, seeded paused at its first
 * canary step (weight 25, then an indefinite pause; then weight 50, a 10-second pause and an
 * analysis). A platform engineer promotes it from the Actions card and the Rollout card
 * follows the sandbox's Argo controller through the remaining steps to healthy. No other
 * journey touches capsight-backend.
 */
import { expect, test } from '@playwright/test';
import { runTaskFromForm, shot, signInAsGuest } from './journeyHelpers';

const SERVICE = 'capsight-backend';

test('an Argo Rollout paused at a canary step is promoted from the Actions card, and the Rollout card follows it to healthy', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto(`/catalog/default/component/${SERVICE}/delivery`);

  // Paused at step 1 of 5 with a quarter of the pods on the next version.
  const argo = page.getByLabel('Argo Rollout', { exact: true }).first();
  await expect(argo).toContainText('step 1/5', { timeout: 60_000 });
  await expect(argo).toContainText('weight 25%');
  await expect(
    page.getByLabel('Argo Rollout status', { exact: true }).first(),
  ).toContainText('paused: CanaryPauseStep');
  await shot(page, '60-argo-paused');

  await page.getByLabel('Promote staging').click();
  await expect(page.getByRole('textbox', { name: /^Environment/ })).toHaveValue(
    'staging',
  );
  await shot(page, '61-argo-promote-form');
  await runTaskFromForm(page, 'Promote', 120_000);
  await expect(
    page.getByText(/promoted capsight-backend/i).first(),
  ).toBeVisible();
  await shot(page, '62-argo-promote-task');

  // The controller goes on by itself: weight 50, a 10-second pause, the analysis, then
  // the new version is stable. The card refreshes itself while the page is open.
  await page.goto(`/catalog/default/component/${SERVICE}/delivery`);
  const staging = page
    .locator('table')
    .filter({ hasText: 'Version' })
    .first()
    .getByRole('row')
    .filter({ hasText: 'staging' })
    .first();
  await expect(staging).toContainText('Complete', { timeout: 120_000 });
  await expect(staging).toContainText('1.8.0');
  await shot(page, '63-argo-healthy');
});

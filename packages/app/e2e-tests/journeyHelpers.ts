import { expect, Page } from '@playwright/test';

/** Where the journeys write their screenshots (look at them after a run). */
export const SCREENSHOTS = 'e2e-screenshots';

export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

export function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'sidebar nav' });
}

/**
 * Submits a scaffolder form (Review, then Create) and waits until the task has finished
 * the step named `step`.
 */
export async function runTaskFromForm(
  page: Page,
  step: string,
  timeout: number,
) {
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(new RegExp(`Finished step ${step}`))).toBeVisible(
    {
      timeout,
    },
  );
}

export function shot(page: Page, name: string) {
  return page.screenshot({
    path: `${SCREENSHOTS}/${name}.png`,
    fullPage: true,
  });
}

/** A dollar figure of the Cost card (`$1,234.56`) as a number. */
export function dollars(text: string): number {
  const match = /\$([\d,]+\.\d\d)/.exec(text);
  if (!match) throw new Error(`no dollar amount in "${text}"`);
  return Number(match[1].replace(/,/g, ''));
}

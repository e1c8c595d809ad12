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

test('a developer finds a seed service and its Delivery tab', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The catalog is the landing page; the guest owns a few services, so show them all.
  await page.getByTestId('user-picker-all').click();
  await expect(
    page.getByRole('link', { name: 'propertyos-payment-service' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'messaging-api' })).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/01-catalog.png`,
    fullPage: true,
  });

  await page.getByRole('link', { name: 'propertyos-payment-service' }).click();
  await expect(
    page.getByRole('heading', { name: 'propertyos-payment-service' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/02-service.png`,
    fullPage: true,
  });

  // Entity page tabs are links; the sidebar has a Delivery link too.
  await page.locator('a[href$="/propertyos-payment-service/delivery"]').click();
  await expect(page.getByText('Service delivery')).toBeVisible();
  await expect(page.getByText('critical', { exact: true })).toBeVisible();
  await expect(page.getByText('blue-green', { exact: true })).toBeVisible();
  await expect(page.getByText('No clusters connected yet')).toBeVisible();
  await expect(page.getByText('No delivery runs recorded yet')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/03-delivery-tab.png`,
    fullPage: true,
  });
});

test('the Delivery page is in the sidebar', async ({ page }) => {
  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Delivery', exact: true })
    .click();
  await expect(page).toHaveURL(/\/delivery$/);
  await expect(page.getByText('Delivery setup')).toBeVisible();
  await expect(page.getByText(/need the platform team/)).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/04-delivery-page.png`,
    fullPage: true,
  });
});

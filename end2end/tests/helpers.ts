import { expect, Page } from '@playwright/test';

export const adminPassword = 'e2e-admin-password';

/** Signs in through the login form (works with and without JavaScript). */
export async function signIn(page: Page, next = '/') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(next);
}

/** Waits until the WASM bundle has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

export function uniqueName(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}`;
}

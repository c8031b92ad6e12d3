import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// JavaScript is off in this project: the pages must work from the server's HTML alone.

test('pages redirect to the login page until signed in', async ({ page }) => {
  await page.goto('/repositories');
  await expect(page).toHaveURL('/login?next=%2Frepositories');
  await expect(page.getByRole('heading', { name: 'Sign in to Berth' })).toBeVisible();
});

test('a wrong password gets the one generic message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Invalid username or password.');
});

test('login and the repositories list work before hydration', async ({ page }) => {
  await signIn(page, '/repositories');
  await expect(page.getByRole('heading', { name: 'Container repositories' })).toBeVisible();
  const row = page.getByRole('row', { name: /demo\/web/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('IMMUTABLE');
  await expect(page.getByText('Sandbox: AWS is a local emulator')).toBeVisible();
  await row.getByRole('link', { name: 'demo/web' }).click();
  await expect(page.getByRole('heading', { name: 'demo/web' })).toBeVisible();
  await expect(page.getByLabel('Lifecycle policy')).toContainText('sinceImagePushed');
});

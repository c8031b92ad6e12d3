import { expect, test } from '@playwright/test';
import { hydrated, signIn } from './helpers';

// Every page runs under Berth's Content-Security-Policy (scripts only with the response's
// nonce, WASM allowed, nothing from elsewhere) and still hydrates, with no violation.
test('pages hydrate under the CSP with no violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const login = await page.goto('/login');
  const csp = login!.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{16,}' 'strict-dynamic' 'wasm-unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  await hydrated(page);
  await signIn(page, '/');
  await hydrated(page);
  for (const path of ['/repositories', '/repositories/new', '/task-definitions', '/task-definitions/new', '/roles', '/roles/new', '/roles/demo-web-exec', '/audit', '/tokens']) {
    const res = await page.goto(path);
    const header = res!.headers()['content-security-policy'];
    expect(header, path).toContain("'nonce-");
    // The nonce differs per response.
    expect(header, path).not.toEqual(csp);
    await hydrated(page);
  }
  // Client-side navigation after hydration too.
  await page.getByRole('link', { name: 'Roles' }).first().click();
  await expect(page).toHaveURL('/roles');
  expect(violations).toEqual([]);
});

test('API tokens: create one (shown once), see it listed, delete it', async ({ page }) => {
  await signIn(page, '/tokens');
  await hydrated(page);
  await expect(page.getByText('You have no tokens yet.')).toBeVisible();
  await page.getByLabel('Name').fill('ci-deploy');
  await page.getByLabel('Expires after (days, 1–365)').fill('30');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('Copy the token now')).toBeVisible();
  await expect(page.locator('pre, code').filter({ hasText: /^berth_/ }).first()).toBeVisible();
  const row = page.getByRole('row', { name: /ci-deploy/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('never');
  await row.getByRole('button', { name: 'Delete…' }).click();
  await row.getByRole('button', { name: 'Delete token' }).click();
  await expect(page.getByText('You have no tokens yet.')).toBeVisible();
});

test('the role wizard refuses IAM power for a task role as it is typed (admins are only warned)', async ({ page }) => {
  await signIn(page, '/roles/new');
  await hydrated(page);
  await page.getByLabel(/Task role/).check();
  await page.getByLabel('Role name').fill('demo-guarded-task');
  await page.getByLabel(/Other statements/).fill('[{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]');
  // The admin sees the guard as a warning; the finding names the statement.
  await expect(page.locator('[data-rule="IAM-GUARD-005"]').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create role' })).toBeEnabled();
  // The account guard is the admin's to drop: the checkbox is there for admins.
  await expect(page.getByLabel(/Only tasks of this account may assume it/)).toBeChecked();
});

import { expect, test } from '@playwright/test';
import { hydrated, signIn, uniqueName } from './helpers';

test('an invalid name is flagged as it is typed, with no request to the server', async ({ page }) => {
  await signIn(page, '/repositories/new');
  await hydrated(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));

  const name = page.getByLabel('Repository name');
  await name.pressSequentially('Bad_Name');
  const findings = page.locator('#repository-name-findings');
  await expect(findings).toContainText('Repository names are lowercase');
  await expect(findings.locator('[data-rule="ECR-REPO-001"]:visible')).toBeVisible();
  await expect(page.locator('.steps .badge')).toHaveText('1');

  await name.fill('good-name');
  await expect(findings.locator('.finding.error')).toHaveCount(0);
  expect(requests, 'validation ran in the browser').toEqual([]);
});

test('the wizard creates a repository, which then shows in the list and can be deleted', async ({ page }) => {
  const short = uniqueName('e2e');
  const full = `demo/${short}`;
  await signIn(page, '/repositories/new');
  await hydrated(page);

  await page.getByLabel('Repository name').fill(short);
  await page.getByRole('button', { name: 'Next' }).click();

  // Tags & scanning: immutable tags except `latest`, scan on push (with its warning).
  await expect(page.getByText('Tag mutability')).toBeVisible();
  await page.getByRole('radio', { name: /IMMUTABLE_WITH_EXCLUSION/ }).check();
  await page.getByLabel(/Exclusion filters/).fill('latest, dev-*');
  await page.getByLabel(/Scan images for vulnerabilities/).check();
  await expect(page.locator('[data-rule="ECR-SCAN-001"]:visible')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Encryption: KMS with a key from another Region is refused as typed; AES256 is fine.
  await expect(page.getByText('Encryption cannot be changed after the repository is created.')).toBeVisible();
  await page.getByRole('radio', { name: /^KMS/ }).check();
  await page.getByLabel(/KMS key ARN/).fill('arn:aws:kms:eu-west-1:123456789012:key/abc');
  await expect(page.locator('[data-rule="ECR-ENC-003"]:visible')).toBeVisible();
  await page.getByRole('radio', { name: /^AES256/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  // Lifecycle: the builder, keep 10 images tagged release-, expire untagged after 7 days.
  await page.getByLabel('Images to keep').fill('10');
  await page.getByLabel(/with tag prefix/).fill('release-');
  await page.getByLabel('days after push').fill('0');
  await expect(page.locator('[data-rule="ECR-LCP-014"]:visible')).toBeVisible();
  await page.getByLabel('days after push').fill('7');
  await expect(page.locator('[data-rule="ECR-LCP-014"]:visible')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next' }).click();

  // Review: the exact AWS requests.
  const create = page.getByLabel('CreateRepository request');
  await expect(create).toContainText(`"repositoryName": "${full}"`);
  await expect(create).toContainText('"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION"');
  await expect(page.getByLabel('PutLifecyclePolicy request')).toContainText('release-');
  await page.getByRole('button', { name: 'Create repository' }).click();

  // The detail page: URI, push commands, lifecycle policy.
  await expect(page).toHaveURL(`/repositories/${full}`);
  await expect(page.getByRole('heading', { name: full })).toBeVisible();
  await expect(page.getByText(`docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/${full}:TAG`)).toBeVisible();
  await expect(page.getByText('aws ecr get-login-password --region us-east-1')).toBeVisible();
  await expect(page.getByLabel('Lifecycle policy')).toContainText('release-');

  // The list shows it, with a link to the AWS console.
  await page.getByRole('link', { name: 'Repositories' }).first().click();
  const row = page.getByRole('row', { name: new RegExp(full) });
  await expect(row).toBeVisible();
  await expect(row.getByRole('link', { name: /AWS console/ })).toHaveAttribute(
    'href', `https://us-east-1.console.aws.amazon.com/ecr/repositories/private/123456789012/${full}?region=us-east-1`);

  // Delete it (typed confirmation).
  await row.getByRole('link', { name: full }).click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Delete repository…' }).click();
  const confirm = page.getByRole('button', { name: 'Delete repository', exact: true });
  await expect(confirm).toBeDisabled();
  await page.getByLabel(/to confirm/).fill(full);
  await confirm.click();
  await expect(page).toHaveURL('/repositories');
  await expect(page.getByRole('row', { name: new RegExp(full) })).toHaveCount(0);
});

test('the audit log shows the sign-in', async ({ page }) => {
  await signIn(page, '/audit');
  await expect(page.getByRole('cell', { name: 'session.login' }).first()).toBeVisible();
});

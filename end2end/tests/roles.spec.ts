import { expect, test } from '@playwright/test';
import { hydrated, signIn, uniqueName } from './helpers';

test('the role wizard creates an execution role whose policy is derived from the task definition', async ({ page }) => {
  const name = uniqueName('demo-exec');
  await signIn(page, '/roles/new');
  await hydrated(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  // A bad name is flagged as typed (the validator in the browser), then fixed.
  await page.getByLabel('Role name').fill('demo exec');
  await expect(page.locator('#role-name-findings [data-rule="IAM-001"]')).toBeVisible();
  await page.getByLabel('Role name').fill(name);
  await expect(page.locator('#role-name-findings [data-rule="IAM-001"]')).toHaveCount(0);
  expect(requests.filter((u) => !u.includes('/rpc/')), 'no page loads while typing').toEqual([]);

  // The seeded task definition demo-web runs a public image and logs to /ecs/demo-web: the
  // policy allows exactly the logs, and no ECR pull at all.
  await page.getByLabel('Task definition').selectOption('demo-web');
  const summary = page.getByLabel('Role summary');
  await expect(summary).toContainText('may write logs to log group /ecs/demo-web');
  await expect(summary).not.toContainText('pull images');
  await expect(page.getByLabel('Trust policy')).toContainText('ecs-tasks.amazonaws.com');
  await expect(page.getByLabel('Trust policy')).not.toContainText('ec2.amazonaws.com');
  await expect(page.getByLabel('Role policy')).toContainText('arn:aws:logs:us-east-1:123456789012:log-group:/ecs/demo-web:*');
  await expect(page.getByLabel('Role policy')).not.toContainText('ecr:BatchGetImage');

  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page).toHaveURL(`/roles/${name}`);
  await expect(page.getByText('Yes: it trusts ecs-tasks.amazonaws.com')).toBeVisible();
  await expect(page.getByLabel('Inline policy')).toContainText('logs:PutLogEvents');

  await page.getByRole('link', { name: 'Roles' }).first().click();
  await expect(page.getByRole('table', { name: 'Roles' }).getByRole('link', { name })).toBeVisible();
});

test('a role that trusts EC2 is flagged, and the fix is applied after a confirmation', async ({ page }) => {
  // Seeded the way the primer shows it: Principal ec2.amazonaws.com.
  await signIn(page, '/roles/demo-legacy-task');
  await hydrated(page);
  await expect(page.getByText('No: tasks cannot assume it')).toBeVisible();
  await expect(page.locator('[data-rule="IAM-006"]')).toBeVisible();
  await expect(page.getByLabel('Suggested trust policy')).toContainText('ecs-tasks.amazonaws.com');

  await page.getByRole('button', { name: 'Apply the fix…' }).click();
  await expect(page.getByText('Anything else that assumes this role today')).toBeVisible();
  await page.getByRole('button', { name: 'Replace the trust policy' }).click();
  await expect(page.getByRole('status')).toContainText('Trust policy replaced');
  await expect(page.getByText('Yes: it trusts ecs-tasks.amazonaws.com')).toBeVisible();
  await expect(page.locator('[data-rule="IAM-006"]')).toHaveCount(0);

  // What IAM holds now, read again from the server.
  await page.reload();
  await expect(page.getByText('Yes: it trusts ecs-tasks.amazonaws.com')).toBeVisible();
  await expect(page.getByLabel('Trust policy', { exact: true })).not.toContainText('ec2.amazonaws.com');
});

test('a task role: templates and extra statements checked as typed, the account guard optional', async ({ page }) => {
  const name = uniqueName('demo-app-task');
  await signIn(page, '/roles/new');
  await hydrated(page);
  await page.getByLabel('Task role — your application').check();
  await page.getByLabel('Role name').fill(name);

  // The trust policy is guarded by the account unless the user opts out.
  const trust = page.getByLabel('Trust policy');
  await expect(trust).toContainText('aws:SourceAccount');
  await page.getByLabel('Only tasks of this account may assume it').uncheck();
  await expect(trust).not.toContainText('aws:SourceAccount');
  await expect(trust).toContainText('ecs-tasks.amazonaws.com');
  await page.getByLabel('Only tasks of this account may assume it').check();

  // Execution-role permissions typed into a task role are warned about, as typed.
  const extra = page.getByLabel('Other statements');
  await extra.fill('[{"Effect": "Allow", "Action": "ecr:BatchGetImage"');
  await expect(page.locator('[data-rule="JSON"]').first()).toBeVisible();
  await extra.fill('[{"Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "*"}]');
  await expect(page.locator('[data-rule="JSON"]')).toHaveCount(0);
  await expect(page.locator('[data-rule="IAM-020"]').first()).toContainText('execution role');

  // A template instead: read a bucket.
  await extra.fill('');
  await expect(page.locator('[data-rule="IAM-020"]')).toHaveCount(0);
  await page.getByLabel('Read objects in S3 bucket').fill('demo-assets');
  await expect(page.getByLabel('Role policy')).toContainText('arn:aws:s3:::demo-assets/*');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page).toHaveURL(`/roles/${name}`);
  await expect(page.getByLabel('Inline policy')).toContainText('s3:GetObject');
  await expect(page.getByLabel('Trust policy', { exact: true })).toContainText('aws:SourceAccount');

  // Undo: delete it after typing its name.
  await page.getByRole('button', { name: 'Delete role…' }).click();
  const confirm = page.getByRole('button', { name: 'Delete role', exact: true });
  await expect(confirm).toBeDisabled();
  await page.getByLabel('to confirm').fill(name);
  await confirm.click();
  await expect(page).toHaveURL('/roles');
  await expect(page.getByRole('table', { name: 'Roles' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Roles' }).getByRole('link', { name })).toHaveCount(0);
});

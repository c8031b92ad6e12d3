import { expect, test } from '@playwright/test';
import { hydrated, signIn, uniqueName } from './helpers';

const td = (family: string, tag: string) => ({
  family,
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/demo-web-exec',
  containerDefinitions: [
    {
      name: 'web',
      image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web:${tag}`,
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      environment: [{ name: 'MODE', value: 'prod' }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/demo-web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
      },
    },
  ],
});

test('revisions are listed, shown as their export JSON and compared field by field', async ({ page }) => {
  const family = uniqueName('demo-e2e');
  await signIn(page, '/task-definitions');
  // Two revisions through the API (the wizard comes with its own test).
  for (const tag of ['1.0.0', '1.1.0']) {
    const res = await page.request.post('/api/v1/task-definitions', { data: td(family, tag) });
    expect(res.status(), await res.text()).toBe(201);
  }
  const second = td(family, '1.1.0');
  second.containerDefinitions[0].environment.push({ name: 'FEATURE_X', value: 'on' });
  expect((await page.request.post('/api/v1/task-definitions', { data: second })).status()).toBe(201);

  await page.goto('/task-definitions');
  // The family filter (a plain GET form: works before hydration too).
  await page.getByLabel('Family starts with').fill(family);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(`/task-definitions?familyPrefix=${family}`);
  await expect(page.getByRole('table', { name: 'Task definition families' }).locator('tbody tr')).toHaveCount(1);
  await page.getByRole('link', { name: family, exact: true }).click();
  await expect(page.getByRole('heading', { name: family })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Revisions' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`${family}:3`);

  // Compare the newest with the one before: one field added, nothing else.
  await rows.first().getByRole('link', { name: 'Compare with 2' }).click();
  const diff = page.getByRole('table', { name: 'Differences' });
  await expect(diff.locator('tbody tr')).toHaveCount(1);
  await expect(diff).toContainText('containerDefinitions[web].environment[FEATURE_X]');
  await expect(diff).toContainText('added');

  // Any two, picked in the form: revision 1 → 3 also changes the image.
  await page.goto(`/task-definitions/${family}`);
  await hydrated(page);
  await page.getByLabel('From').selectOption('1');
  await page.getByLabel('to', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(`/task-definitions/${family}/compare/1/3`);
  await expect(page.getByRole('table', { name: 'Differences' })).toContainText('containerDefinitions[web].image');

  // One revision: its document, ready to register again; then deregister it.
  await page.goto(`/task-definitions/${family}/1`);
  await hydrated(page);
  const json = page.getByLabel('Task definition JSON');
  await expect(json).toContainText(`"family": "${family}"`);
  await expect(json).not.toContainText('taskDefinitionArn');
  await page.getByRole('button', { name: 'Deregister…' }).click();
  await page.getByRole('button', { name: 'Deregister revision' }).click();
  await expect(page).toHaveURL(`/task-definitions/${family}`);
  await expect(page.getByRole('table', { name: 'Revisions' }).locator('tbody tr')).toHaveCount(2);
});

test('an imported task definition is checked as it is typed, with no request, then registered', async ({ page }) => {
  const family = uniqueName('demo-import');
  await signIn(page, '/task-definitions/import');
  await hydrated(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));

  const doc = td(family, '2.0.0') as Record<string, unknown>;
  delete doc.executionRoleArn; // the samples' mistake: awslogs on Fargate without an execution role
  const box = page.getByLabel('Task definition JSON');
  await box.fill('{"family": ');
  await expect(page.locator('[data-rule="JSON"]')).toBeVisible();
  await box.fill(JSON.stringify(doc, null, 2));
  const finding = page.locator('#td-findings [data-rule="TD-LOG-012"]');
  await expect(finding).toContainText('executionRoleArn');
  await expect(page.getByRole('button', { name: 'Register task definition' })).toBeDisabled();
  await expect(page.getByText('Fargate memory for 0.25 vCPU: 512 MiB, 1 GB, 2 GB')).toBeVisible();

  // The fixed document arrives as an uploaded describe-task-definition output file.
  doc.executionRoleArn = 'arn:aws:iam::123456789012:role/demo-web-exec';
  const described = JSON.stringify({ taskDefinition: { ...doc, revision: 4, status: 'ACTIVE' } }, null, 2);
  await page.getByLabel('Or upload a JSON file').setInputFiles({
    name: 'taskdef.json', mimeType: 'application/json', buffer: Buffer.from(described),
  });
  await expect(box).toHaveValue(described);
  await expect(finding).toHaveCount(0);
  expect(requests, 'validation ran in the browser, the file was read by the browser').toEqual([]);

  await page.getByRole('button', { name: 'Register task definition' }).click();
  await expect(page).toHaveURL(`/task-definitions/${family}/1`);
  await expect(page.getByLabel('Task definition JSON')).toContainText('"executionRoleArn"');
});

test('the wizard builds a two-container Fargate task definition, checked as it is typed, and registers it', async ({ page }) => {
  const family = uniqueName('demo-wiz');
  await signIn(page, '/task-definitions/new');
  await hydrated(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));

  await page.getByLabel('Family').fill(family);
  await page.getByRole('button', { name: 'Next' }).click();

  // Task size: only valid Fargate pairs are offered.
  await page.getByLabel('CPU').selectOption('512');
  await expect(page.getByLabel('Memory').locator('option')).toHaveText(['1 GB', '2 GB', '3 GB', '4 GB']);
  await page.getByLabel('Memory').selectOption('2048');
  await page.getByRole('button', { name: 'Next' }).click();

  // Containers: a message appears while typing a bad name and disappears when fixed.
  await page.locator('#c0-name').fill('web app');
  const nameFinding = page.locator('[data-rule="TD-GEN-004"]');
  await expect(nameFinding).toBeVisible();
  await page.locator('#c0-name').fill('web');
  await expect(nameFinding).toHaveCount(0);
  // The image: the repository typed, its tags offered newest first, one picked.
  await page.locator('#c0-image').fill('123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web');
  await expect(page.locator('#c0-image-tags')).toContainText('Tags in demo/web, newest first');
  await page.getByRole('button', { name: 'Use tag 1.2.0' }).click();
  await expect(page.locator('#c0-image')).toHaveValue('123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web:1.2.0');
  await page.locator('#c0-logs-create').check();
  await page.locator('#c0-p0-port').fill('8080');
  await page.locator('#c0-p0-name').fill('http');
  await page.getByRole('button', { name: 'Add container' }).click();
  await page.locator('#c1-image').fill('public.ecr.aws/docker/library/busybox:1.36');
  await page.locator('#c0-depends').selectOption('sidecar1');
  // awslogs on Fargate without an execution role: the Roles step shows an error badge.
  await expect(page.locator('.steps li').nth(4).locator('.badge')).toBeVisible();
  expect(requests.filter((r) => !r.includes('/rpc/repositories/')), 'checks ran in the browser').toEqual([]);

  // An EFS volume, mounted by the web container.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Add volume' }).click();
  await page.locator('#v0-kind').selectOption('efs');
  await page.locator('#v0-efs-id').fill('fs-123');
  await expect(page.locator('[data-rule="VOL-EFS-001"]')).toBeVisible();
  await page.locator('#v0-efs-id').fill('fs-0123456789abcdef0');
  await expect(page.locator('[data-rule="VOL-EFS-001"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Containers' }).click();
  await page.getByRole('button', { name: 'Add mount' }).first().click();
  await page.locator('#c0-m0-volume').selectOption('data0');
  await page.locator('#c0-m0-path').fill('/data');
  await page.locator('#c0-m0-readonly').check();
  await page.getByRole('button', { name: 'Roles & tags' }).click();
  // The execution role, created inline from what this task definition needs.
  await page.getByRole('button', { name: 'Create an execution role for this task definition…' }).click();
  await expect(page.locator('#inline-exec-name')).toHaveValue(`${family}-exec`);
  const exec = page.getByLabel('execution role summary');
  await expect(exec).toContainText('may pull images from repository demo/web');
  await expect(exec).toContainText(`may write logs to log group /ecs/${family}`);
  await expect(exec).toContainText(`may create log group /ecs/${family}`);
  await page.getByRole('button', { name: 'Create role and use it' }).click();
  await expect(page.getByLabel('Task execution role ARN')).toHaveValue(`arn:aws:iam::123456789012:role/${family}-exec`);
  await expect(page.getByText(`Created ${family}-exec.`)).toBeVisible();
  await expect(page.locator('[data-rule="TD-LOG-012"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next' }).click();

  const review = page.getByLabel('RegisterTaskDefinition request');
  await expect(review).toContainText(`"family": "${family}"`);
  await expect(review).toContainText('"memory": "2048"');
  await expect(review).toContainText('"name": "sidecar1"');
  await expect(review).toContainText('"containerName": "sidecar1"');
  await expect(review).toContainText('"name": "http"');
  await expect(review).toContainText('"fileSystemId": "fs-0123456789abcdef0"');
  await expect(review).toContainText('"sourceVolume": "data0"');
  await expect(review).toContainText('"readOnly": true');
  await expect(review).toContainText('"awslogs-create-group": "true"');
  await expect(review).toContainText(`"executionRoleArn": "arn:aws:iam::123456789012:role/${family}-exec"`);
  await page.getByRole('button', { name: 'Register task definition' }).click();
  await expect(page).toHaveURL(`/task-definitions/${family}/1`);
  await expect(page.getByRole('table', { name: 'Containers' }).locator('tbody tr')).toHaveCount(2);
  await page.getByRole('link', { name: family, exact: true }).click();
  await expect(page.getByRole('table', { name: 'Revisions' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Revisions' })).toContainText(`${family}:1`);
  await page.getByRole('table', { name: 'Revisions' }).getByRole('link', { name: `${family}:1` }).click();

  // A new revision from this one starts from its document.
  await page.getByRole('link', { name: 'New revision from this one' }).click();
  await hydrated(page);
  await expect(page.getByLabel('Family')).toHaveValue(family);
});

test('an imported document opens in the wizard, filled in', async ({ page }) => {
  const family = uniqueName('demo-draft');
  await signIn(page, '/task-definitions/import');
  await hydrated(page);
  await page.getByLabel('Task definition JSON').fill(JSON.stringify({ taskDefinition: td(family, '1.1.0') }));
  await page.getByRole('button', { name: 'Edit in the wizard' }).click();
  await expect(page).toHaveURL('/task-definitions/new?from=import');
  await expect(page.getByLabel('Family')).toHaveValue(family);
  await page.getByRole('button', { name: 'Containers' }).click();
  await expect(page.locator('#c0-name')).toHaveValue('web');
  await expect(page.locator('#c0-image')).toHaveValue('123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web:1.1.0');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByLabel('RegisterTaskDefinition request')).toContainText('"MODE"');
});

test('an unfinished wizard survives a reload and can be resumed or discarded', async ({ page }) => {
  const family = uniqueName('demo-unsaved');
  await signIn(page, '/task-definitions/new');
  await hydrated(page);
  await expect(page.getByText('You have an unfinished task definition')).toHaveCount(0);
  await page.getByLabel('Family').fill(family);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('CPU').selectOption('1024');

  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Family')).not.toHaveValue(family);
  await expect(page.getByRole('status')).toContainText(`You have an unfinished task definition (${family})`);
  await page.getByRole('button', { name: 'Resume it' }).click();
  await expect(page.getByLabel('Family')).toHaveValue(family);
  await page.getByRole('button', { name: 'Task size' }).click();
  await expect(page.getByLabel('CPU')).toHaveValue('1024');

  // Discarded, it is gone for good.
  await page.reload();
  await hydrated(page);
  await page.getByRole('button', { name: 'Discard it' }).click();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Family')).toBeVisible();
  await expect(page.getByText('You have an unfinished task definition')).toHaveCount(0);
});

test("a revision's roles are checked against IAM, and Berth's policy is put in step with it", async ({ page }) => {
  const family = uniqueName('demo-rolecheck');
  const role = `${family}-exec`;
  await signIn(page, '/task-definitions');
  const v1 = { ...td(family, '1.0.0'), executionRoleArn: `arn:aws:iam::123456789012:role/${role}` };
  const made = await page.request.post('/api/v1/roles', { data: { kind: 'execution', roleName: role, taskDefinition: v1 } });
  expect(made.status()).toBe(201);
  // The revision reads a secret the role was not made for.
  const v2 = JSON.parse(JSON.stringify(v1));
  v2.containerDefinitions[0].secrets = [
    { name: 'DB', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/db-AbCdEf' },
  ];
  const registered = await page.request.post('/api/v1/task-definitions', { data: v2 });
  expect(registered.status()).toBe(201);

  await page.goto(`/task-definitions/${family}/1`);
  await hydrated(page);
  const check = page.getByLabel('Execution role check');
  await expect(check).toContainText('its policies fall short of what this revision needs');
  await expect(check.locator('[data-rule="IAM-010"]')).toBeVisible();
  await expect(check).toContainText('may read secret demo/db-AbCdEf');
  await check.getByRole('button', { name: `Put Berth's policy on ${role}` }).click();
  await expect(check).toContainText('allows what this revision needs');
  await expect(check.locator('[data-rule="IAM-010"]')).toHaveCount(0);

  // The seeded demo-web: its hand-made execution role allows what it needs; the missing
  // confused-deputy guard on its trust policy is advice, not a shortfall.
  await page.goto('/task-definitions/demo-web/1');
  await hydrated(page);
  const seeded = page.getByLabel('Execution role check');
  await expect(seeded).toContainText('allows what this revision needs');
  await expect(seeded.locator('[data-rule="IAM-008"]')).toBeVisible();
});

test('on EC2 the wizard takes free sizes and, in bridge mode, host ports', async ({ page }) => {
  const family = uniqueName('demo-ec2');
  await signIn(page, '/task-definitions/new');
  await hydrated(page);
  await page.getByLabel('Family').fill(family);
  await page.getByLabel('Launch type').selectOption('EC2');
  await page.getByLabel('Network mode').selectOption('bridge');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Task cpu (units, 1024 = 1 vCPU)').fill('300');
  await page.getByLabel('Task memory (MiB)').fill('700');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#c0-p0-port').fill('8080');
  await page.locator('#c0-p0-host-port').fill('0');
  await page.getByRole('button', { name: 'Review' }).click();
  const review = page.getByLabel('RegisterTaskDefinition request');
  await expect(review).toContainText('"networkMode": "bridge"');
  await expect(review).toContainText('"cpu": "300"');
  await expect(review).toContainText('"hostPort": 0');
});

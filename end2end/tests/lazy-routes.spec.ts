import { expect, test } from '@playwright/test';
import { hydrated, signIn } from './helpers';

// Pages are lazy routes: their code arrives in chunks. Each wizard must work when reached by
// client-side navigation from its list page (the chunk fetched after hydration), and hovering
// the link must fetch the wizard's chunk before the click — its own chunk file, not a pack:
// after the first page only the missing chunks are fetched.
const wizards = [
  { list: '/repositories', link: 'Create repository', path: '/repositories/new', heading: 'Create a repository', chunk: /split___new_repository_route/ },
  { list: '/task-definitions', link: 'New task definition', path: '/task-definitions/new', heading: 'New task definition', chunk: /split___new_task_definition_route/ },
  { list: '/task-definitions', link: 'Import JSON', path: '/task-definitions/import', heading: 'Import a task definition', chunk: /split___import_task_definition_route/ },
  { list: '/roles', link: 'Create role', path: '/roles/new', heading: 'Create a role for a task', chunk: /split___new_role_route/ },
];

for (const w of wizards) {
  test(`${w.path}: hovering its link on ${w.list} preloads it, a click shows it without a reload`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await signIn(page, w.list);
    await hydrated(page);
    const chunk = page.waitForRequest((r) => w.chunk.test(r.url()));
    await page.getByRole('link', { name: w.link }).first().hover();
    await chunk; // fetched on hover, before any click
    // A full navigation would lose this marker; client-side routing keeps it.
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 1; });
    await page.getByRole('link', { name: w.link }).first().click();
    await expect(page).toHaveURL(w.path);
    await expect(page.getByRole('heading', { name: w.heading })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // And back: the list page's chunk is already there.
    await page.goBack();
    await expect(page).toHaveURL(w.list);
    expect(errors).toEqual([]);
  });
}

test('a lazy page loaded directly hydrates and its links navigate client-side', async ({ page }) => {
  await signIn(page, '/task-definitions/new');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'New task definition' })).toBeVisible();
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 1; });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL('/audit');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
});

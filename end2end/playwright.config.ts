import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Berth runs in sandbox mode (its own moto server, seeded demo account) on a free-ish port,
// with a throwaway data directory. scripts/test.sh builds the binary and the site first.
const port = Number(process.env.BERTH_E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${port}`;
const cache = process.env.BERTH_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'berth');
const target = process.env.CARGO_TARGET_DIR ?? path.join(cache, 'target');
const berth = process.env.BERTH_BIN ?? path.join(target, 'debug', 'berth');
// scripts/test.sh passes (and afterwards removes) a fresh data directory; a bare
// `npx playwright test` gets a new temporary one.
const dataDir = process.env.BERTH_E2E_DATA_DIR ??
  (process.env.BERTH_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-')));

const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    { name: 'js', testIgnore: /nojs\.spec\.ts/ },
    { name: 'no-js', testMatch: /nojs\.spec\.ts/, use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `"${berth}" serve --sandbox`,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      BERTH_ADDR: `127.0.0.1:${port}`,
      BERTH_DATA_DIR: dataDir,
      BERTH_ADMIN_PASSWORD: 'e2e-admin-password',
      BERTH_SITE_ROOT: process.env.BERTH_SITE_ROOT ?? path.join(target, 'site'),
      RUST_LOG: 'warn',
      AWS_ENDPOINT_URL: '',
    },
  },
});

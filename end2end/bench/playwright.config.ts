import { defineConfig } from '@playwright/test';

// scripts/bench.sh only: a Berth it started itself (BERTH_BENCH_URL), Debian's Chromium.
export default defineConfig({
  testDir: '.',
  timeout: 180_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.BERTH_BENCH_URL,
    launchOptions: {
      executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});

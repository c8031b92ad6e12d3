import { test, expect, Browser } from '@playwright/test';

// Time from navigation to hydrated with the network of a slow VPN or a phone: 1.6 Mbps down,
// 750 kbps up, 150 ms round trip (Chromium's DevTools emulation, per fresh context: cold cache).
// Printed, not gated (scripts/bench.sh).
const conditions = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

async function timeToHydrated(browser: Browser, path: string, cookie?: string) {
  const base = new URL(process.env.BERTH_BENCH_URL!);
  const context = await browser.newContext();
  if (cookie) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, domain: base.hostname, path: '/' }]);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', conditions);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; });
  const started = Date.now();
  await page.goto(path);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 120_000 });
  const ms = Date.now() - started;
  await context.close();
  return { ms, bytes };
}

test('throttled load', async ({ browser }) => {
  for (const [path, cookie] of [['/login', undefined], ['/repositories', process.env.BERTH_BENCH_COOKIE]] as const) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timeToHydrated(browser, path, cookie));
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`bench: ${path} hydrated in ${ms[1]} ms (median of 3: ${ms.join(', ')} ms), ${(runs[0].bytes / 1024).toFixed(0)} KB on the wire`);
  }
});

// The window with 1,000 and 10,000 keys, in Debian's Chromium: time to first list,
// to filter and to re-sort, each measured from the test driver (so it includes
// the round trip to the page, an upper bound on what a person waits).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM, launchChromium, openApp, startRendererServer } from '../test/e2e/harness';

export async function benchUiList(): Promise<void> {
  if (!existsSync(CHROMIUM) || !existsSync(join('out', 'renderer', 'index.html'))) {
    console.log('\nUI list: skipped (needs /usr/bin/chromium and a built renderer: npx electron-vite build)');
    return;
  }
  const server = await startRendererServer();
  const browser = await launchChromium();
  console.log('\nUI list in Chromium            first list   filter   re-sort');
  try {
    for (const size of [1_000, 10_000]) {
      const started = performance.now();
      const app = await openApp(browser, server.origin, async (box) => {
        const seed = await box.keys.generate({ label: 'seed' });
        const path = join(box.dataDir, 'keys.json');
        const catalog = JSON.parse(await readFile(path, 'utf8'));
        const template = catalog.keys[0];
        catalog.keys = Array.from({ length: size }, (_, n) => ({ ...template, id: n.toString(16).padStart(16, '0'), label: `key ${n}`, createdAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString() }));
        await writeFile(path, JSON.stringify(catalog));
        await box.keys.lifecycle.purge(seed.id).catch(() => undefined);
      });
      const setupDone = performance.now();
      try {
        await app.page.reload();
        const loadStart = performance.now();
        await app.page.getByText(`${size} keys`, { exact: true }).waitFor({ timeout: 120_000 });
        const firstList = performance.now() - loadStart;
        let at = performance.now();
        await app.page.getByLabel('Filter keys').fill('key 99');
        await app.page.getByText(new RegExp(`of ${size} keys`)).waitFor();
        const filter = performance.now() - at;
        await app.page.getByLabel('Filter keys').fill('');
        await app.page.getByText(`${size} keys`, { exact: true }).waitFor();
        at = performance.now();
        await app.page.getByLabel('Sort keys').selectOption('label');
        await app.page.locator('.key-row-label').first().filter({ hasText: /^key 0$/ }).waitFor();
        const sort = performance.now() - at;
        console.log(`  ${String(size).padStart(6)} keys                 ${`${firstList.toFixed(0)} ms`.padEnd(12)} ${`${filter.toFixed(0)} ms`.padEnd(8)} ${sort.toFixed(0)} ms   (setup ${(setupDone - started).toFixed(0)} ms, not counted)`);
      } finally {
        await app.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

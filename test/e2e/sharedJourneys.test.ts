import { describe, it } from 'vitest';
import { journeyContext, type JourneyContext } from '../journeys/journeyApp';
import { JOURNEYS } from '../journeys/journeys';
import { tempDir } from '../support/fixtures';
import { chromiumSuite, openApp } from './harness';

// The shared journeys (test/journeys) in Debian's Chromium, over the real core,
// dispatcher and keychain; the OS dialogs answer from the test's queue.
describe('shared journeys in Chromium', () => {
  const suite = chromiumSuite();

  for (const journey of JOURNEYS) {
    it(journey.name, async () => {
      const dir = await tempDir('jaas-journey-');
      let context: JourneyContext | undefined;
      const app = await openApp(suite.browser, suite.origin, async (box) => {
        context = journeyContext(dir, {
          ...process.env,
          JAAS_KEYS_DATA_DIR: box.dataDir,
          JAAS_KEYS_SERVICE: box.service,
        });
        await journey.prepare?.(context);
      });
      try {
        const driver = {
          page: app.page,
          answerOpen: async (path: string) => void app.desktop.openPaths.push(path),
          answerSave: async (path: string) => void app.desktop.savePaths.push(path),
        };
        await journey.run(driver, context!);
      } finally {
        await app.close();
      }
    });
  }
});

// Run with the baseline's folder as the working directory (bench/uiList.ts does):
// measures the baseline's window, its built renderer answered by its own core,
// handlers and dispatcher, through this checkout's harness (the same page
// transport as ours), and prints the figures as one JSON line.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, openApp, startRendererServer, type AppBackend } from '../test/e2e/harness';
import { measureUi, type UiHarness } from './uiMeasure';

const from = (path: string) => import(pathToFileURL(join(process.cwd(), path)).href);
const [{ createDispatcher }, { createHandlers }, { METHODS }, { sandbox }] = await Promise.all([
  from('src/main/ipc/dispatch.ts'),
  from('src/main/ipc/handlers.ts'),
  from('src/shared/methods.ts'),
  from('test/support/fixtures.ts'),
]);
const backend: AppBackend = {
  sandbox: () => sandbox(),
  dispatcher: (box, desktop, isTrustedSender) =>
    createDispatcher(createHandlers(box.keys, desktop), isTrustedSender, () => undefined),
  methods: METHODS,
};
const harness: UiHarness = {
  launchChromium,
  startRendererServer: () => startRendererServer(join(process.cwd(), 'out', 'renderer')),
  openApp: (browser, origin, prepare) => openApp(browser, origin, prepare as never, 'light', backend),
};
const sizes = JSON.parse(process.argv[2] ?? '[1000]') as number[];
process.stdout.write(`${JSON.stringify(await measureUi(harness, sizes))}\n`);

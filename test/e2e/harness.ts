import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { appResponse } from '../../src/main/appFiles';
import { createDispatcher } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security';
import type { Desktop } from '../../src/main/desktop';
import { afterAll, beforeAll } from 'vitest';
import { METHODS } from '../../src/shared/methods';
import { sandbox, type Sandbox } from '../support/fixtures';
import { RecordingDesktop } from '../support/recordingDesktop';

// The built renderer in Debian's Chromium, with window.jaas wired to the real
// dispatcher, core and keychain: the same contract the preload exposes in the
// app, with the page's own URL as the sender that the dispatcher checks.

const RENDERER_DIR = join(process.cwd(), 'out', 'renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** Serves out/renderer as the app:// protocol does, with the same CSP header. */
export async function startRendererServer(
  rendererDir = RENDERER_DIR,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    // The same answer the app:// protocol handler gives, headers and 404s included.
    const answer = await appResponse(rendererDir, `app://jaas${request.url ?? '/'}`, CONTENT_SECURITY_POLICY);
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        // A page still open at this origin keeps its keep-alive connection: close() alone would wait for it.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** The page's clipboard is the real Chromium clipboard; the OS dialogs answer from the test's queue. */
class BrowserDesktop extends RecordingDesktop {
  page: Page | undefined;
  override async writeClipboard(text: string): Promise<void> {
    this.clipboard = text;
    await this.page!.evaluate((value) => navigator.clipboard.writeText(value), text);
  }
  override async readClipboard(): Promise<string> {
    return this.page!.evaluate(() => navigator.clipboard.readText());
  }
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  box: Sandbox;
  desktop: RecordingDesktop;
  /** Errors the page printed, CSP violations among them; a clean run has none. */
  consoleErrors: string[];
  readClipboard(): Promise<string>;
  close(): Promise<void>;
}

type Dispatch = (method: string, senderUrl: string | undefined, input: unknown) => Promise<unknown>;

/** What answers window.jaas: this checkout's core, handlers and dispatcher, or (for the benchmark's baseline) another checkout's. */
export interface AppBackend {
  sandbox: () => Promise<Sandbox>;
  dispatcher: (box: Sandbox, desktop: Desktop, isTrustedSender: (url: string | undefined) => boolean) => Dispatch;
  methods: readonly string[];
}

const THIS_CHECKOUT: AppBackend = {
  sandbox: () => sandbox(),
  dispatcher: (box, desktop, isTrustedSender) =>
    createDispatcher(createHandlers(box.keys, desktop), isTrustedSender, () => undefined),
  methods: METHODS,
};

/** A fresh app: its own data folder, keychain service and browser context. */
export async function openApp(
  browser: Browser,
  origin: string,
  prepare?: (box: Sandbox) => Promise<void>,
  colorScheme: 'light' | 'dark' = 'light',
  backend: AppBackend = THIS_CHECKOUT,
): Promise<AppSession> {
  const box = await backend.sandbox();
  await prepare?.(box);
  const desktop = new BrowserDesktop();
  const dispatch = backend.dispatcher(
    box,
    desktop as Desktop,
    (url) => url !== undefined && new URL(url).origin === origin,
  );
  const context = await browser.newContext({ viewport: { width: 1180, height: 820 }, colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  desktop.page = page;
  // Answers cross as one JSON string, as Electron's IPC would carry them as one structured clone:
  // Playwright's own per-value serialisation would cost ~0.5 s for a list of 1,000 keys.
  await page.exposeBinding('__jaasInvoke', async ({ frame }, channel: string, input: unknown) =>
    JSON.stringify(await dispatch(channel.replace(/^jaas:/, ''), frame.url(), input)),
  );
  await page.addInitScript((methods: readonly string[]) => {
    const api: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of methods) {
      api[method] = async (input) =>
        JSON.parse(
          await (window as unknown as { __jaasInvoke: (c: string, i: unknown) => Promise<string> }).__jaasInvoke(
            `jaas:${method}`,
            input,
          ),
        );
    }
    Object.defineProperty(window, 'jaas', { value: Object.freeze(api) });
  }, backend.methods);
  await page.goto(`${origin}/index.html`);
  return {
    page,
    context,
    box,
    desktop,
    consoleErrors,
    readClipboard: () => page.evaluate(() => navigator.clipboard.readText()),
    async close() {
      await context.close();
      await box.cleanup();
    },
  };
}

/** Runs axe-core in the page (through the debugger, so the page's CSP still applies to the app itself). */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string | null; help: string; nodes: number }>> {
  const source = await readFile(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}

export async function seriousViolations(page: Page) {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One Chromium and one renderer server for a test file, started before its tests and closed after. */
export function chromiumSuite(): { readonly browser: Browser; readonly origin: string } {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startRendererServer>> | undefined;
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    server = await startRendererServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get origin() {
      return server!.origin;
    },
  };
}

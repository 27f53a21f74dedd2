import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureChromium } from './chromium';

/** The flags known to work on these machines (closed network: no background connections, no QUIC). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  page: Page;
  console: ConsoleWatch;
  close(): Promise<void>;
}

/** Debian's chromium through playwright-core, with a fresh profile, at a 1366x768 laptop size. */
export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = ensureChromium();
  const userDataDir = await mkdtemp(join(tmpdir(), 'warden-ui-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1366, height: 768 },
      locale: 'en-US',
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    console: new ConsoleWatch(page),
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects console errors and uncaught page errors. A test that provokes an error answer on purpose (a 400 shown in
 * the form, a 401 at sign-in) names it with `expect`; anything else fails the test.
 */
export class ConsoleWatch {
  private errors: string[] = [];
  private expected: RegExp[] = [];

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        this.errors.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
  }

  /** This test provokes an error answer with this status: the browser logs it as a failed resource load. */
  expectHttpError(status: number): void {
    this.expected.push(new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`));
  }

  /** Unexpected errors since the last call (and expected ones that never came); the next test starts afresh. */
  takeUnexpected(): string[] {
    const unexpected = this.errors.filter((error) => !this.expected.some((pattern) => pattern.test(error)));
    const missing = this.expected.filter((pattern) => !this.errors.some((error) => pattern.test(error)));
    unexpected.push(...missing.map((pattern) => `expected, never logged: ${pattern.source}`));
    this.errors = [];
    this.expected = [];
    return unexpected;
  }
}

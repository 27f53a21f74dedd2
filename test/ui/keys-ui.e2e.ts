import type { Page } from 'playwright-core';
import type { RunningGateway } from '../e2e/gateway.harness';
import { launchBrowser, type TestBrowser } from './browser';
import { MASTER_KEY, flushViolations, screenshot, startUiGateway } from './ui.harness';

const CARD = 'my card is 4111 1111 1111 1111';

describe('The Keys page of the admin web UI in a real Chromium', () => {
  let gateway: RunningGateway;
  let browser: TestBrowser;
  let page: Page;

  /** A chat request with `key`: the pii guardrail (not default_on) blocks the card number only when the key carries it. */
  async function chatWith(key: string, content = CARD): Promise<number> {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock', messages: [{ role: 'user', content }] }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  const row = (alias: string) =>
    page.locator('#keys-table tbody tr', { has: page.getByRole('rowheader', { name: alias, exact: true }) });

  /** The secret the page shows once; after a regenerate, the one that replaced `previous`. */
  async function shownSecret(previous?: string): Promise<string> {
    const field = page.locator('#new-key-secret');
    await field.waitFor();
    for (let waited = 0; waited < 5000; waited += 50) {
      const value = await field.inputValue();
      if (value !== previous) {
        return value;
      }
      await page.waitForTimeout(50);
    }
    throw new Error('the page kept showing the previous secret');
  }

  beforeAll(async () => {
    gateway = await startUiGateway();
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(10_000);
    await page.goto(`${gateway.url}/ui`);
    await page.getByLabel('Master key').fill(MASTER_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#guardrails-table').waitFor();
  }, 15 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  afterEach(() => {
    expect(browser.console.takeUnexpected()).toEqual([]);
  });

  it('creates a key with a guardrail, shows the secret once with a copy button, and the key enforces the guardrail', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Keys' }).click();
    await page.getByText('No virtual keys yet').waitFor();
    await page.getByRole('link', { name: 'New key' }).click();
    await page.getByLabel('Alias').fill('ui-bot');
    await page.getByLabel('Team').fill('web');
    await page.getByRole('checkbox', { name: 'pii' }).check();
    await page.getByRole('checkbox', { name: 'mock' }).check();
    await page.getByRole('button', { name: 'Create key' }).click();

    const secret = await shownSecret();
    expect(secret).toMatch(/^sk-/);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied.').waitFor();
    await screenshot(page, 'key-created');

    expect(await chatWith(secret, 'hello')).toBe(200);
    expect(await chatWith(secret)).toBe(400);
    expect(await chatWith(MASTER_KEY)).toBe(200);

    await page.getByRole('link', { name: 'Done' }).click();
    await row('ui-bot').waitFor();
    expect(await row('ui-bot').innerText()).toMatch(/ui-bot\s+sk-\.\.\.\S{4}\s+web\s+mock\s+pii/);
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'keys');
  });

  it('edits, disables and enables a key; the next request follows at once', async () => {
    const secret = await regenerate();
    await row('ui-bot').getByRole('link', { name: 'Edit ui-bot' }).click();
    await page.getByLabel('Team').fill('web-2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved ui-bot.').waitFor();
    expect(await row('ui-bot').innerText()).toContain('web-2');

    await page.getByRole('switch', { name: 'Enabled: ui-bot' }).click();
    await page.locator('[role=switch][aria-checked=false][aria-label="Enabled: ui-bot"]').waitFor();
    expect(await chatWith(secret, 'hello')).toBe(401);
    await page.getByRole('switch', { name: 'Enabled: ui-bot' }).click();
    await page.locator('[role=switch][aria-checked=true][aria-label="Enabled: ui-bot"]').waitFor();
    expect(await chatWith(secret, 'hello')).toBe(200);
  });

  /** Regenerates ui-bot through the UI and returns the new secret; the old one is refused. */
  async function regenerate(): Promise<string> {
    const shown = page.locator('#new-key-secret');
    const previous = (await shown.count()) > 0 ? await shown.inputValue() : undefined;
    await row('ui-bot').getByRole('button', { name: 'Regenerate ui-bot' }).click();
    await row('ui-bot').getByRole('button', { name: 'Confirm regenerate: Regenerate ui-bot' }).click();
    const secret = await shownSecret(previous);
    expect(await chatWith(secret, 'hello')).toBe(200);
    return secret;
  }

  it('regenerates a key: the new secret is shown once and the old one is refused', async () => {
    const before = await regenerate();
    const after = await regenerate();
    expect(after).not.toBe(before);
    expect(await chatWith(before, 'hello')).toBe(401);
  });

  it('links to the key’s violations, which show its alias and team', async () => {
    const secret = await regenerate();
    expect(await chatWith(secret)).toBe(400);
    await flushViolations(gateway);
    await row('ui-bot').getByRole('link', { name: 'Violations of ui-bot' }).click();
    const table = page.locator('#violations-table');
    await table.waitFor();
    expect(await page.getByLabel('Key alias').inputValue()).toBe('ui-bot');
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((text) => /pii[\s\S]*ui-bot\s+web/.test(text))).toBe(true);
    await screenshot(page, 'key-violations');
  });

  it('deletes a key, which is refused from the next request on', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Keys' }).click();
    const secret = await regenerate();
    await row('ui-bot').getByRole('button', { name: 'Delete ui-bot' }).click();
    await row('ui-bot').getByRole('button', { name: 'Confirm delete: Delete ui-bot' }).click();
    await page.getByText('ui-bot deleted').waitFor();
    await row('ui-bot').waitFor({ state: 'detached' });
    expect(await chatWith(secret, 'hello')).toBe(401);
  });
});

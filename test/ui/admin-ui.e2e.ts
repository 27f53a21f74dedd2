import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { RunningGateway } from '../e2e/gateway.harness';
import { launchBrowser, type TestBrowser } from './browser';
import type { Guardrail, ViolationStats } from '../../ui/src/api/types';
import { MASTER_KEY, adminGet, chat, flushViolations, screenshot, startUiGateway } from './ui.harness';

/** Evaluated in the page (the tests' own TypeScript has no DOM types). */
const STORED_KEY = `sessionStorage.getItem('warden.masterKey')`;

describe('The admin web UI in a real Chromium', () => {
  let gateway: RunningGateway;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    gateway = await startUiGateway();
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(10_000);
  }, 15 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  afterEach(() => {
    expect(browser.console.takeUnexpected()).toEqual([]);
  });

  const row = (name: string) =>
    page.locator('#guardrails-table tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) });

  it('rejects a wrong key and signs in with the master key, kept in session storage only', async () => {
    await page.goto(`${gateway.url}/ui`);
    await expect(page.getByRole('heading', { name: 'Warden admin' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'login');

    browser.console.expectHttpError(401);
    await page.getByLabel('Master key').fill('sk-wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'rejected this key' }).waitFor();

    await page.getByLabel('Master key').fill(MASTER_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await row('no-falcon').waitFor();
    expect(await page.evaluate(STORED_KEY)).toBe(MASTER_KEY);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await row('no-falcon').innerText()).toMatch(/banned_keywords\s+pre_call\s+block\s+yes\s+config/);
    await screenshot(page, 'guardrails');
  });

  it('switches a guardrail off and on, and the next chat request follows at once', async () => {
    const toggle = page.getByRole('switch', { name: 'Enabled: no-falcon' });
    expect(await chat(gateway, 'Tell me about Project Falcon')).toBe(400);

    await toggle.click();
    await page.locator('[role=switch][aria-checked=false][aria-label="Enabled: no-falcon"]').waitFor();
    expect(await chat(gateway, 'Tell me about Project Falcon')).toBe(200);

    await toggle.click();
    await page.locator('[role=switch][aria-checked=true][aria-label="Enabled: no-falcon"]').waitFor();
    expect(await chat(gateway, 'Tell me about Project Falcon')).toBe(400);
  });

  it('creates a guardrail through the form, showing the API validation message next to the field', async () => {
    await page.getByRole('link', { name: 'New guardrail' }).click();
    await page.getByLabel('Name').fill('no-tickets');
    await page.getByLabel('Provider').selectOption('banned_keywords');

    browser.console.expectHttpError(400);
    await page.getByRole('button', { name: 'Create guardrail' }).click();
    const keywordsError = page.locator('[data-field=keywords] .field-error');
    await keywordsError.waitFor();
    expect(await keywordsError.innerText()).toContain('set keywords and/or patterns');
    expect(await page.getByLabel('Keywords').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'form');

    await page.getByLabel('Keywords').fill('ticket system\ninternal-only');
    await page.getByRole('checkbox', { name: 'post_call' }).check();
    await page.getByRole('button', { name: 'Create guardrail' }).click();
    await row('no-tickets').waitFor();
    expect(await row('no-tickets').innerText()).toMatch(/banned_keywords\s+pre_call, post_call\s+block\s+no\s+api/);
    await page.getByText('Created no-tickets.').waitFor();

    const listed = await adminGet<Guardrail[]>(gateway, '/admin/guardrails');
    expect(listed.find((guardrail) => guardrail.guardrail_name === 'no-tickets')?.litellm_params).toMatchObject({
      guardrail: 'banned_keywords',
      mode: ['pre_call', 'post_call'],
      keywords: ['ticket system', 'internal-only'],
    });
  });

  it('shows config guardrails read-only, and edits and deletes API ones', async () => {
    await row('pii').getByRole('link', { name: 'View pii' }).click();
    await page.getByText('Defined in config.yaml').waitFor();
    expect(await page.getByLabel('Name').isDisabled()).toBe(true);
    expect(await page.getByLabel('Per-entity action').inputValue()).toContain('"CREDIT_CARD": "BLOCK"');
    expect(await page.getByRole('checkbox', { name: 'post_call' }).isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: /Save/ }).count()).toBe(0);
    await screenshot(page, 'form-read-only');

    await page.getByRole('link', { name: 'Back to guardrails' }).click();
    await row('no-tickets').getByRole('link', { name: 'Edit no-tickets' }).click();
    await page.getByLabel('On flagged').selectOption('monitor');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved no-tickets.').waitFor();
    expect(await row('no-tickets').innerText()).toContain('monitor');

    await row('no-tickets').getByRole('button', { name: 'Delete no-tickets' }).click();
    await row('no-tickets').getByRole('button', { name: 'Confirm delete: Delete no-tickets' }).click();
    await page.getByText('no-tickets deleted.').waitFor();
    await row('no-tickets').waitFor({ state: 'detached' });
  });

  it('runs a guardrail in the test panel and shows the verdict', async () => {
    await row('no-falcon').getByRole('link', { name: 'Test no-falcon' }).click();
    await page.getByLabel('User message').fill('What is Project Falcon?');
    await page.getByRole('button', { name: 'Run test' }).click();
    const result = page.locator('.test-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toMatch(/Outcome\s+flagged/);
    expect(text).toMatch(/Decision\s+block/);
    expect(text).toContain('BANNED_KEYWORD');
    expect(text).toMatch(/Latency\s+[\d.]+ ms/);
    await screenshot(page, 'test-panel');
  });

  it('shows a new violation in the log and the chart, and opens its detail', async () => {
    const requestId = `ui-test-${randomUUID()}`;
    expect(await chat(gateway, 'My card is 4111 1111 1111 1111', { guardrails: ['pii'] })).toBe(400);
    expect(await chat(gateway, 'Is Project Falcon on schedule?', { requestId })).toBe(400);
    await flushViolations(gateway);

    await page.getByRole('link', { name: 'Violations' }).click();
    const table = page.locator('#violations-table');
    await table.waitFor();
    const newest = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'no-falcon' }) }).first();
    expect(await newest.innerText()).toMatch(
      /no-falcon\s+blocked\s+pre_call\s+chat\s+mock\s+master_key\s+—\s+BANNED_KEYWORD/,
    );
    await table
      .locator('tbody tr', { has: page.getByRole('rowheader', { name: 'pii' }) })
      .first()
      .waitFor();

    const stats = await adminGet<ViolationStats>(gateway, '/admin/violations/stats');
    const count = (name: string): number => stats.by_guardrail.find((g) => g.guardrail_name === name)?.count ?? 0;
    expect(count('pii')).toBe(1);
    await page.locator('#violations-chart rect[data-series="no-falcon"]').first().waitFor();
    await page.locator('#violations-chart rect[data-series="pii"]').first().waitFor();
    expect(await page.locator('#violations-chart .legend').innerText()).toMatch(
      new RegExp(`no-falcon\\s+${count('no-falcon')}\\s+pii\\s+1`),
    );
    expect(await page.locator('#violations-chart svg').getAttribute('role')).toBe('img');
    await screenshot(page, 'violations');

    await newest.getByRole('link', { name: /Details of the no-falcon violation/ }).click();
    await page.getByRole('heading', { name: 'no-falcon · blocked' }).waitFor();
    const detail = await page.locator('.violation-detail').innerText();
    expect(detail).toContain(requestId);
    expect(detail).toContain('Is Project Falcon on schedule?');
    expect(await page.getByLabel('Vendor response').innerText()).toContain('"flagged": true');
    await screenshot(page, 'violation-detail');
  });

  it('filters the log by guardrail and action', async () => {
    await page.goto(`${gateway.url}/ui/#/violations`);
    await page.locator('#violations-table').waitFor();
    await page.getByLabel('Guardrail', { exact: true }).selectOption('injection');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No violations match these filters.').waitFor();
    expect(page.url()).toContain('#/violations?guardrail=injection');

    await page.getByLabel('Guardrail', { exact: true }).selectOption('no-falcon');
    await page.getByLabel('Action').selectOption('blocked');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#violations-table tbody tr').first().waitFor();
    const guardrails = await page.locator('#violations-table tbody th').allInnerTexts();
    expect(new Set(guardrails)).toEqual(new Set(['no-falcon']));
  });

  it('shows the endpoint of each violation and filters the log by it', async () => {
    await page.goto(`${gateway.url}/ui/#/violations`);
    await page.locator('#violations-table').waitFor();
    const headers = await page.locator('#violations-table thead th').allInnerTexts();
    const column = headers.findIndex((header) => header.trim().toLowerCase() === 'endpoint');
    expect(column).toBeGreaterThan(0);
    const cells = await page.locator(`#violations-table tbody tr > :nth-child(${column + 1})`).allInnerTexts();
    expect(new Set(cells)).toEqual(new Set(['chat']));

    await page.getByLabel('Endpoint').selectOption('messages');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No violations match these filters.').waitFor();
    expect(page.url()).toContain('endpoint=messages');
    await page.getByLabel('Endpoint').selectOption('chat');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#violations-table tbody tr').first().waitFor();
    expect(page.url()).toContain('endpoint=chat');
  });

  it('sends the user back to sign-in when the key stops working', async () => {
    browser.console.expectHttpError(401);
    await page.evaluate(`sessionStorage.setItem('warden.masterKey', 'sk-revoked')`);
    await page.getByRole('link', { name: 'Guardrails' }).click();
    await page.getByRole('alert').filter({ hasText: 'Signed out' }).waitFor();
    expect(await page.evaluate(STORED_KEY)).toBeNull();
    expect(await page.getByLabel('Master key').isVisible()).toBe(true);
  });
});

import type { Page } from 'playwright-core';
import type { RunningGateway } from '../e2e/gateway.harness';
import { launchBrowser, type TestBrowser } from './browser';
import { MASTER_KEY, chat, flushViolations, screenshot, startUiGateway } from './ui.harness';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Admin API writes, as an operator would make them beside the UI. */
async function admin(gateway: RunningGateway, method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('The admin UI, as a new user meets it', () => {
  let gateway: RunningGateway;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    gateway = await startUiGateway();
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(10_000);
    // Violations of three guardrails, one of them deleted afterwards (it stays in the log and the chart).
    expect(
      await admin(gateway, 'POST', '/admin/guardrails', {
        guardrail_name: 'temp-words',
        litellm_params: { guardrail: 'banned_keywords', mode: 'pre_call', default_on: true, keywords: ['zebra'] },
      }),
    ).toBe(201);
    expect(await chat(gateway, 'Tell me about the zebra')).toBe(400);
    expect(await admin(gateway, 'DELETE', '/admin/guardrails/temp-words')).toBe(200);
    expect(await chat(gateway, 'Is Project Falcon late?')).toBe(400);
    expect(await chat(gateway, 'Project Falcon again')).toBe(400);
    expect(await chat(gateway, 'My card is 4111 1111 1111 1111', { guardrails: ['pii'] })).toBe(400);
    await flushViolations(gateway);

    await page.goto(`${gateway.url}/ui`);
    await page.getByLabel('Master key').fill(MASTER_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#guardrails-table').waitFor();
  }, 15 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  afterEach(async () => {
    await page.setViewportSize(LAPTOP);
    expect(browser.console.takeUnexpected()).toEqual([]);
  });

  const fieldError = (key: string) => page.locator(`[data-field=${key}] .field-error`);

  it('says "required" for every empty required field on the first submit', async () => {
    await page.goto(`${gateway.url}/ui/#/guardrails/new`);
    await page.getByLabel('Provider').selectOption('lakera_v2');
    browser.console.expectHttpError(400);
    await page.getByRole('button', { name: 'Create guardrail' }).click();
    await fieldError('api_key').waitFor();
    expect(await fieldError('guardrail_name').innerText()).toMatch(/^is required/);
    expect(await fieldError('api_key').innerText()).toContain('required');
    const summary = await page.locator('#form-errors').innerText();
    expect(summary).toContain('guardrail_name');
    expect(summary).toContain('litellm_params.api_key');
    expect(summary).not.toContain('must be a string');
    await screenshot(page, 'form-required');
  });

  it('reports a value it cannot read together with the empty required fields, without sending anything', async () => {
    await page.goto(`${gateway.url}/ui/#/guardrails/new`);
    await page.getByLabel('Provider').selectOption('pii');
    await page.getByLabel('Per-entity action').fill('{not json');
    await page.getByRole('button', { name: 'Create guardrail' }).click();
    await fieldError('pii_entities_config').waitFor();
    expect(await fieldError('pii_entities_config').innerText()).toContain('must be a JSON object');
    expect(await fieldError('guardrail_name').innerText()).toBe('is required');
    expect(await page.locator('#form-errors').innerText()).toContain('Fix these fields before saving');
  });

  it('draws the chart for the filters the table applies, and says which', async () => {
    await page.goto(`${gateway.url}/ui/#/violations`);
    const chart = page.locator('#violations-chart');
    await chart.locator('rect[data-series="pii"]').first().waitFor();
    expect(await chart.locator('rect[data-series="no-falcon"]').count()).toBeGreaterThan(0);

    await page.getByLabel('Guardrail', { exact: true }).selectOption('pii');
    await page.getByRole('button', { name: 'Apply' }).click();
    await chart.locator('.chart-scope', { hasText: 'guardrail pii' }).waitFor();
    expect(await chart.locator('rect[data-series="no-falcon"]').count()).toBe(0);
    expect(await chart.locator('rect[data-series="pii"]').count()).toBeGreaterThan(0);
    expect(await chart.locator('.legend').innerText()).toMatch(/^pii\s+1$/);

    await page.getByLabel('Action').selectOption('monitored');
    await page.getByRole('button', { name: 'Apply' }).click();
    await chart.getByText('No violations in this period match these filters.').waitFor();
    await page.getByText('No violations match these filters.').waitFor();
  });

  it('offers a deleted guardrail that is still in the log in the guardrail filter', async () => {
    await page.goto(`${gateway.url}/ui/#/violations`);
    await page.locator('#filter-guardrail option[value="temp-words"]').waitFor({ state: 'attached' });
    const options = await page.locator('#filter-guardrail option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['temp-words', 'no-falcon', 'pii', 'injection']));
    await page.getByLabel('Guardrail', { exact: true }).selectOption('temp-words');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#violations-chart rect[data-series="temp-words"]').first().waitFor();
    const rows = await page.locator('#violations-table tbody th').allInnerTexts();
    expect(new Set(rows)).toEqual(new Set(['temp-words']));
  });

  it('gives each guardrail the same colour in every view', async () => {
    const colourOf = async (name: string): Promise<string | null> =>
      page.locator(`#violations-chart rect[data-series="${name}"]`).first().getAttribute('class');
    await page.goto(`${gateway.url}/ui/#/violations`);
    await page.locator('#violations-chart rect[data-series="pii"]').first().waitFor();
    const everything = { pii: await colourOf('pii'), falcon: await colourOf('no-falcon') };
    expect(everything.pii).not.toBe(everything.falcon);
    const swatch = await page
      .locator('#violations-chart .legend li', { hasText: 'pii' })
      .locator('.swatch')
      .getAttribute('class');
    expect(swatch).toContain(everything.pii ?? 'missing');

    for (const [filter, name, key] of [
      ['pii', 'pii', 'pii'],
      ['no-falcon', 'no-falcon', 'falcon'],
    ] as const) {
      await page.goto(`${gateway.url}/ui/#/violations?guardrail=${filter}`);
      await page.locator(`#violations-chart rect[data-series="${name}"]`).first().waitFor();
      expect(await colourOf(name)).toBe(everything[key]);
    }
  });

  it('reads plainly in the test panel', async () => {
    await page.goto(`${gateway.url}/ui/#/guardrails`);
    await page
      .locator('#guardrails-table tbody tr', { has: page.getByRole('rowheader', { name: 'pii', exact: true }) })
      .getByRole('link', { name: 'Test pii' })
      .click();
    const hint = await page.locator('#test-response-hint').innerText();
    expect(hint).toBe('If you give one, the response is checked too, as in post_call.');
    expect(await page.locator('#test-mode-hint').innerText()).toBe(
      'Automatic: post_call when a response is given, otherwise the guardrail’s first mode.',
    );
  });

  describe.each([
    ['guardrails', '#/guardrails', '#guardrails-table'],
    ['form', '#/guardrails/new', 'form.guardrail-form'],
    ['violations', '#/violations', '#violations-table'],
  ])('the %s page', (name, hash, ready) => {
    it('is usable at laptop and phone widths: nothing wider than the window, Sign out in view, tables scroll in their box', async () => {
      for (const [size, viewport] of [
        ['laptop', LAPTOP],
        ['phone', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.goto(`${gateway.url}/ui/${hash}`);
        await page.locator(ready).waitFor();
        await page.locator('#violations-chart, #guardrails-table, form.guardrail-form').first().waitFor();
        const pageWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
        expect([size, pageWidth]).toEqual([size, viewport.width]);
        const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
        expect(signOut).not.toBeNull();
        expect(signOut!.x).toBeGreaterThanOrEqual(0);
        expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(viewport.width);
        for (const box of await page.locator('.table-scroll').all()) {
          const { x, width } = (await box.boundingBox())!;
          expect(x + width).toBeLessThanOrEqual(viewport.width);
        }
        await screenshot(page, `${size}-${name}`);
      }
    });
  });

  it('shows a violation detail at phone width', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${gateway.url}/ui/#/violations`);
    await page
      .locator('#violations-table tbody tr')
      .first()
      .getByRole('link', { name: /Details of the/ })
      .click();
    await page.locator('.violation-detail').waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBe(PHONE.width);
    await screenshot(page, 'phone-violation-detail');
  });
});

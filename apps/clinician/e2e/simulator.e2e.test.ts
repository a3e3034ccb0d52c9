/**
 * Browser journey through the dose simulator in the built clinician app (served by `ketapath demo --serve`)
 * in Debian's Chromium: pick a model, fill the patient from a demo record, add an IV infusion and watch the
 * curves and Cmax follow the rate, see a field error for an infusion that ends before it starts, and see
 * the model's warnings for a patient outside its studied population; then the same page on a tablet.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, REPO_ROOT, startDemoServer, waitForFocus, type DemoServer } from './demo-server.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 15_000;
const PEREZ_RUIXO = 'esketamine/perez-ruixo-2021';

describe('dose simulator journey', { timeout: 180_000 }, () => {
  let server!: DemoServer;
  let browser!: Browser;
  let started: { server?: DemoServer; browser?: Browser } = {};

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startDemoServer();
    started = { server };
    browser = await launchChromium();
    started = { server, browser };
  });

  after(async () => {
    await started.browser?.close();
    await started.server?.stop();
  });

  async function openSimulator(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (error) => {
      assert.fail(`page error: ${error.message}`);
    });
    const login = server.login('nurse');
    await page.goto(server.url);
    await page.getByLabel('Email').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dose simulator' })
      .click();
    await page.getByRole('heading', { name: 'Dose simulator', level: 1 }).waitFor();
    return page;
  }

  /** A demo patient with a weight on record, found through the API the page itself uses. */
  async function demoPatient(
    page: Page,
  ): Promise<{ familyName: string; givenNames: string; weightKg: number }> {
    return page.evaluate(async () => {
      const list = (await (await fetch('/api/patients?limit=10')).json()) as {
        items: Array<{ id: string; familyName: string; givenNames: string }>;
      };
      for (const p of list.items) {
        const full = (await (await fetch(`/api/patients/${p.id}`)).json()) as {
          latestWeight: { weightKg: number } | null;
        };
        if (full.latestWeight)
          return { familyName: p.familyName, givenNames: p.givenNames, weightKg: full.latestWeight.weightKg };
      }
      throw new Error('no demo patient with a weight');
    });
  }

  async function changedText(locator: Locator, before: string): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const now = await locator.innerText();
      if (now !== before) return now;
      if (Date.now() > deadline) assert.fail(`${before} did not change`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('simulates an infusion for a patient from the record, with field errors and model warnings', async () => {
    const page = await openSimulator({ width: 1440, height: 1000 });
    await page
      .getByText(/decision\s+support/)
      .first()
      .waitFor();

    // Pick a model: its card shows population, grade, routes, validity and citation.
    await page.getByLabel('Published PK model').selectOption(PEREZ_RUIXO);
    const card = page.locator('#model-card');
    await card.getByText(/820 subjects/).waitFor();
    assert.match(await card.innerText(), /Evidence grade\s+A: traced/);
    assert.match(await card.innerText(), /doi:10\.1007\/s40262-020-00953-4/);
    assert.match(await card.innerText(), /age 18–86 y; weight 39–170 kg/);

    // Fill the patient from a demo record: weight in force today, age, sex, each with its source.
    const patient = await demoPatient(page);
    await page.getByLabel('Take from a patient record').fill(patient.familyName);
    await page
      .getByRole('button', { name: new RegExp(`${patient.familyName}, ${patient.givenNames}`) })
      .first()
      .click();
    await page.getByText(/Filled from the record of/).waitFor();
    assert.equal(await page.getByLabel('Weight (kg)').inputValue(), String(patient.weightKg));
    assert.match(
      await page.locator('#field-patient-weightKg-hint').innerText(),
      /From the record: weight [\d.]+ kg measured on/,
    );
    assert.match(await page.getByLabel('Age (years)').inputValue(), /^\d+$/);
    assert.match(await page.locator('#field-patient-sex').inputValue(), /^(male|female)$/);

    // Add an IV infusion: 0.35 mg/kg/h for 4 h; the chart and Cmax appear.
    await page.getByRole('button', { name: '+ IV infusion step' }).click();
    const row = page.locator('.dose-row').first();
    await waitForFocus(page, '-startMin', 'focus moves to the new row');
    await row.getByLabel('End (min)').fill('240');
    await row.getByLabel('Rate', { exact: true }).fill('0.35');
    await page.locator('.concentration-chart canvas').waitFor();
    const cmax = page.locator('[data-metric="cmax-parent"]');
    await cmax.waitFor();
    const cmaxLow = await cmax.innerText();
    assert.match(cmaxLow, /^[\d.,]+ ng\/mL$/);
    // Perez-Ruixo predicts esketamine and noresketamine, and the page names them so.
    assert.match(
      (await page.locator('.metrics-table thead').textContent()) ?? '',
      /Esketamine[\s\S]*Noresketamine/,
    );
    await page
      .locator('.population-status')
      .getByText(/Band: 500 virtual patients/)
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'sim-01-infusion.png'), fullPage: true });

    // Doubling the rate changes the curve and Cmax (linear model: about twice).
    await row.getByLabel('Rate', { exact: true }).fill('0.7');
    const cmaxHigh = await changedText(cmax, cmaxLow);
    const ratio =
      Number.parseFloat(cmaxHigh.replace(/,/g, '')) / Number.parseFloat(cmaxLow.replace(/,/g, ''));
    assert.ok(Math.abs(ratio - 2) < 0.02, `Cmax doubles with the rate (${cmaxLow} → ${cmaxHigh})`);

    // The table toggle shows the same curve in numbers, units in the headers.
    await page.getByRole('button', { name: 'Show the values as a table' }).click();
    const table = page.locator('.values-table');
    await table.waitFor();
    assert.match(
      (await table.locator('thead').textContent()) ?? '',
      /Time \(h\)[\s\S]*Esketamine \(ng\/mL\)/,
    );

    // An infusion that ends before it starts: the End field says so, and the curves are withdrawn.
    await row.getByLabel('Start (min)').fill('300');
    const endError = row.locator('.dose-field-endMin .field-error');
    await endError.waitFor();
    assert.match(await endError.innerText(), /must be after the start/);
    assert.equal(await row.getByLabel('End (min)').getAttribute('aria-invalid'), 'true');
    await page
      .getByRole('alert')
      .getByText(/Dose 1, End \(min\): must be after the start/)
      .waitFor();
    assert.equal(await page.locator('.concentration-chart').count(), 0, 'no curve for an invalid regimen');
    await page.screenshot({ path: path.join(SHOTS, 'sim-02-field-error.png'), fullPage: true });
    await row.getByLabel('Start (min)').fill('0');
    await page.locator('.concentration-chart canvas').waitFor();

    // A 12-year-old is outside this adult model: the warnings say so, with their codes.
    await page.getByLabel('Age (years)').fill('12');
    await page.locator('[data-code="adult-model-for-child"]').waitFor();
    await page.locator('[data-code="age-outside-studied-range"]').waitFor();
    assert.match(
      await page.locator('.sim-warnings').innerText(),
      /adult-model-for-child[\s\S]*built on adults; the patient is 12 y/,
    );
    assert.match(await page.getByLabel('Age (years)').locator('xpath=..').innerText(), /Typed in/);
    await page.getByLabel('Threshold (ng/mL), optional').fill('100');
    await page.locator('[data-metric="above-parent"]').waitFor();
    await page
      .locator('.population-status')
      .getByText(/Band: 500 virtual patients/)
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, 'sim-03-warnings.png'), fullPage: true });
    await page.context().close();
  });

  it('fits a tablet screen', async () => {
    const page = await openSimulator({ width: 820, height: 1180 });
    await page.getByLabel('Weight (kg)').fill('70');
    await page.getByLabel('Age (years)').fill('45');
    await page.locator('#field-patient-sex').selectOption('female');
    await page.getByText('Start from a published regimen', { exact: true }).click();
    await page.getByRole('button', { name: /CRPS 4-hour infusion/ }).click();
    await page.locator('.concentration-chart canvas').waitFor();
    assert.match(await page.locator('.presets').innerText(), /REFERENCE §2\.1/);
    // Keyboard: a new bolus takes focus; Alt+↑ moves its row above the infusion, focus stays with it.
    await page.getByRole('button', { name: '+ IV bolus' }).click();
    await page.waitForFunction(() => document.activeElement?.id.endsWith('-atMin') === true);
    await page.keyboard.type('0');
    await page.keyboard.press('Alt+ArrowUp');
    await page.locator('.dose-row').first().getByText('Dose 1: IV bolus').waitFor();
    await waitForFocus(page, '-atMin', 'focus follows the moved row');
    await page.getByRole('button', { name: 'Remove dose 1' }).click();
    await page.locator('.dose-row').first().getByText('Dose 1: IV infusion step').waitFor();
    assert.equal(await page.locator('.dose-row').count(), 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
    await page.screenshot({ path: path.join(SHOTS, 'sim-04-tablet.png'), fullPage: true });
    await page.context().close();
  });
});

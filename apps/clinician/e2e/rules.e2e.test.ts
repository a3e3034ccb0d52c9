/**
 * Browser journey through the rules-engine pages of the built clinician app (served by `ketapath demo
 * --serve`) in Debian's Chromium: a physician opens the 10-day CRPS protocol from the library, copies it for
 * the clinic with a changed limit (after the form refuses a soft limit above the hard one, a missing reason
 * and a library id), finds the copy in the library, changes a clinical setting with a reason and sees it in
 * the history, and filters the rules reference to a rule that uses it. A nurse reads the settings without
 * being able to change them, and cannot copy a protocol.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, REPO_ROOT, startDemoServer, waitForFocus, type DemoServer } from './demo-server.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 15_000;
/** REFERENCE §1.2 / §2.1 [G]: CRPS, 0.35 mg/kg/h over 4 hours daily for 10 days (S3, S4). */
const CRPS_10_DAY_ID = 'crps-4h-daily-10-days';
const COPY_ID = `${CRPS_10_DAY_ID}-clinic`;
/** REFERENCE §2.1 [P] (S7): outpatient "10 daily treatments", 70–200 mg/day titrated: the clinic's daily cap. */
const CLINIC_DAILY_HARD_MG = '200';

interface SettingRow {
  id: string;
  label: string;
  kind: string;
  unit?: string;
  min?: number;
  max?: number;
  integer?: boolean;
  default: unknown;
  value: unknown;
  origin: string;
  usedBy: string[];
}

describe('rules engine pages', { timeout: 240_000 }, () => {
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

  async function signedIn(role: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (error) => {
      assert.fail(`page error: ${error.message}`);
    });
    const login = server.login(role);
    await page.goto(server.url);
    await page.getByLabel('Email').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    return page;
  }

  function nav(page: Page, name: string) {
    return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  }

  it('copies the 10-day CRPS protocol for the clinic, changes a setting and finds its rule', async () => {
    const page = await signedIn('physician');
    const physician = server.login('physician');

    // Library → filter with the keyboard → open the 10-day CRPS protocol.
    await nav(page, 'Protocols').click();
    await page.getByRole('heading', { name: 'Protocols', level: 1 }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /from the library, 0 of this clinic/ })
      .waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('crps 0.35');
    await page
      .getByRole('status')
      .filter({ hasText: /^1 of \d+ protocols match/ })
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/protocols/${CRPS_10_DAY_ID}$`));
    await page
      .getByRole('heading', { level: 1, name: /0\.35 mg\/kg\/h over 4 hours daily for 10 days/ })
      .waitFor();

    const steps = page.locator('.step-table');
    assert.match(await steps.innerText(), /0\.35 mg\/kg\/h/);
    assert.match(await steps.innerText(), /240 min \(4 h\)/);
    const rateRow = page.locator('.limit-table tr[data-measure="rateMgPerKgPerH"]');
    const rateText = await rateRow.innerText();
    assert.match(rateText, /0\.35 mg\/kg\/h\s+\[G\] §2\.1 · S3/, 'soft limit with its source');
    assert.match(rateText, /2 mg\/kg\/h\s+\[G\] §1\.4 · S2 · U/, 'hard limit, unverified');
    assert.match(
      await page.locator('.limit-table tr[data-measure="dailyDoseMg"]').innerText(),
      /clinic must set/,
    );
    assert.match(await page.locator('.protocol-versions').innerText(), /library/);
    assert.match(await page.locator('.protocol-card-evidence').innerText(), /§1\.2/);
    await page.screenshot({ path: path.join(SHOTS, 'rules-01-protocol-view.png'), fullPage: true });

    // Copy: the form refuses a soft limit above the hard one and a missing reason before sending.
    await page.getByRole('link', { name: 'Copy for this clinic' }).click();
    await page.getByRole('heading', { level: 1, name: /^Copy for this clinic/ }).waitFor();
    assert.equal(await page.getByLabel('Protocol id').inputValue(), COPY_ID);
    const dailySoft = page.getByLabel('IV infusion · Dose per day, soft limit (mg)');
    const dailyHard = page.getByLabel('IV infusion · Dose per day, hard limit (mg)');
    await dailyHard.fill(CLINIC_DAILY_HARD_MG);
    await dailySoft.fill('250');
    await page.getByRole('button', { name: 'Save clinic protocol' }).click();
    const softError = page.locator('#field-protocol-limits-0-dailyDoseMg-soft-error');
    assert.match(await softError.innerText(), /must not be above the hard limit \(200 mg\)/);
    assert.match(await page.locator('#field-reason-error').innerText(), /is required/);
    await waitForFocus(
      page,
      'field-protocol-limits-0-dailyDoseMg-soft',
      'focus moves to the first bad field',
    );

    // The server refuses a library id for the copy, beside the id field.
    await dailySoft.fill('');
    await page
      .getByLabel('IV infusion · Dose per day, hard limit: source note')
      .fill('REFERENCE §2.1 [P] S7: outpatient 10 daily treatments, 70–200 mg/day');
    await page.getByLabel('Reason for this version').fill('Clinic daily maximum for the outpatient series');
    await page.getByLabel('Protocol id').fill(CRPS_10_DAY_ID);
    await page.getByRole('button', { name: 'Save clinic protocol' }).click();
    const idError = page.locator('#field-protocol-id-error');
    await idError.waitFor();
    assert.match(await idError.innerText(), /already used by another protocol/);
    await page
      .getByRole('alert')
      .filter({ hasText: /already used by a library protocol/ })
      .waitFor();
    await waitForFocus(page, 'field-protocol-id', 'focus moves to the id field');
    await page.screenshot({ path: path.join(SHOTS, 'rules-02-copy-form-error.png'), fullPage: true });

    await page.getByLabel('Protocol id').fill(COPY_ID);
    await page.getByRole('button', { name: 'Save clinic protocol' }).click();
    await page.waitForURL(new RegExp(`/protocols/${COPY_ID}$`));
    await page.getByText(/as a clinic protocol \(version 1\)/).waitFor();
    assert.match(await page.locator('.protocol-title').innerText(), /Clinic/);
    const daily = await page.locator('.limit-table tr[data-measure="dailyDoseMg"]').innerText();
    assert.match(daily, /200 mg\s+clinic/, 'the changed limit shows the clinic as its source');
    assert.match(
      await page.locator('.limit-table tr[data-measure="rateMgPerKgPerH"]').innerText(),
      /0\.35 mg\/kg\/h\s+\[G\] §2\.1 · S3/,
      'unchanged limits keep their reference source',
    );
    const versions = await page.locator('.protocol-versions').innerText();
    assert.match(versions, new RegExp(physician.email.replace(/[.]/g, '\\.')));
    assert.match(versions, /Clinic daily maximum for the outpatient series/);
    assert.match(
      await page.locator('.protocol-header').innerText(),
      new RegExp(`based on ${CRPS_10_DAY_ID} v1`),
    );

    // A new version of the clinic protocol; the earlier one stays readable.
    await page.getByRole('link', { name: 'Edit (new version)' }).click();
    await page.getByRole('heading', { level: 1, name: /^New version/ }).waitFor();
    await page.getByLabel('Name').fill('CRPS 10-day outpatient series (clinic)');
    await page.getByLabel('Reason for this version').fill('Shorter name for the order screen');
    await page.getByRole('button', { name: 'Save version 2' }).click();
    await page.getByText(/^Saved version 2 of “CRPS 10-day outpatient series \(clinic\)”/).waitFor();
    await page.locator('.protocol-versions tbody tr').nth(1).waitFor();
    assert.equal(await page.locator('.protocol-versions tbody tr').count(), 2);
    await page.locator('.protocol-versions').getByRole('link', { name: '1', exact: true }).click();
    await page.waitForURL(new RegExp(`/protocols/${COPY_ID}/v/1$`));
    await page.getByText('You are reading version 1; the current version is 2.').waitFor();
    await page
      .getByRole('heading', { level: 1, name: /over 4 hours daily for 10 days \(clinic\)/ })
      .waitFor();

    // Someone saves version 3 while this form still holds version 2: the save is refused and says why.
    await page.goto(`${server.url}/protocols/${COPY_ID}/edit`);
    await page.getByRole('button', { name: 'Save version 3' }).waitFor();
    const status = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const current = (await (await fetch(`/api/protocols/${id}`)).json()) as {
        protocol: { version: number };
      };
      const response = await fetch(`/api/protocols/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          protocol: current.protocol,
          reason: 'Saved from another screen',
          expectedVersion: current.protocol.version,
        }),
      });
      return response.status;
    }, COPY_ID);
    assert.equal(status, 200);
    await page.getByLabel('Reason for this version').fill('A change that arrives too late');
    await page.getByRole('button', { name: 'Save version 3' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Someone else saved this protocol/ })
      .waitFor();
    assert.equal(
      await page.evaluate(() => (document.activeElement?.textContent ?? '').includes('Someone else saved')),
      true,
      'the refusal is focused, so it is in view and read out',
    );
    await page.getByRole('link', { name: 'Open the current version' }).click();
    await page.waitForURL(new RegExp(`/protocols/${COPY_ID}$`));
    await page.locator('.protocol-versions tbody tr').nth(2).waitFor();
    assert.equal(await page.locator('.protocol-versions tbody tr').count(), 3);

    // The copy is in the library as a clinic protocol.
    await nav(page, 'Protocols').click();
    await page
      .getByRole('status')
      .filter({ hasText: /1 of this clinic/ })
      .waitFor();
    const copyRow = page.locator('.protocol-table tbody tr').filter({ hasText: COPY_ID });
    assert.match(await copyRow.innerText(), /Clinic/);
    assert.match(await copyRow.innerText(), new RegExp(`based on ${CRPS_10_DAY_ID} v1`));

    // Settings: change a number with a default, with a reason; the history shows it.
    await nav(page, 'Settings').click();
    await page.getByRole('heading', { name: 'Clinical settings', level: 1 }).waitFor();
    await page.locator('.settings-summary').waitFor();
    const settings = await page.evaluate(
      async () =>
        ((await (await fetch('/api/settings/clinical')).json()) as { settings: SettingRow[] }).settings,
    );
    const needing = settings.filter((s) => s.value === null).length;
    assert.match(
      await page.locator('.settings-summary').innerText(),
      needing > 0
        ? new RegExp(`^⚠ ${needing} of ${settings.length} parameters? needs? a clinic value`)
        : /All \d+/,
    );
    const target = settings.find(
      (s) =>
        s.kind === 'number' &&
        typeof s.default === 'number' &&
        s.usedBy.length > 0 &&
        s.max !== undefined &&
        s.min !== undefined &&
        s.max > s.min,
    );
    assert.ok(target, 'a numeric setting with a default');
    const before = target.default as number;
    // Any other accepted value: the test records a clinic decision, it does not propose one.
    const after = before + 1 <= (target.max ?? before) ? before + 1 : before - 1;
    const card = page.locator(`[id="setting-${target.id}"]`);
    await card.getByRole('button', { name: `Change ${target.label}` }).click();
    const valueInput = card.getByLabel(/^New value/);
    await valueInput.fill(String((target.max ?? 0) + 1));
    await card.getByLabel('Reason for the change').fill('Medical director’s standing order');
    await card.getByRole('button', { name: 'Save change' }).click();
    assert.match(await card.locator('.field-error').first().innerText(), /must be between/);
    await valueInput.fill(String(after));
    await card.getByRole('button', { name: 'Save change' }).click();
    await card.getByText(/^Saved: /).waitFor();
    assert.match(await card.locator('.setting-current').innerText(), new RegExp(`^${after}`));
    assert.match(await card.locator('.chip-origin').innerText(), /clinic setting/);
    await card.getByRole('button', { name: `History of ${target.label}` }).click();
    const historyRow = card.locator('.history-list li').first();
    await historyRow.waitFor();
    const history = await historyRow.innerText();
    assert.match(history, new RegExp(`default\\s*→(\\s*to)?\\s*${after}`));
    assert.match(history, /Medical director’s standing order/);
    assert.match(history, /Physician/);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'rules-03-settings.png') });
    await page.screenshot({ path: path.join(SHOTS, 'rules-03b-settings-full.png'), fullPage: true });

    // Rules reference: filter to a rule that reads the setting; it shows the clinic's value.
    const ruleId = target.usedBy[0] ?? '';
    const area = ruleId.split('/')[0] ?? '';
    await nav(page, 'Rules').click();
    await page.getByRole('heading', { name: 'Rules reference', level: 1 }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ of \d+ rules shown/ })
      .waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type(ruleId);
    await page.getByLabel('Area').selectOption(area);
    await page
      .getByRole('status')
      .filter({ hasText: /^1 of \d+ rules shown/ })
      .waitFor();
    await page.waitForURL(/q=/);
    const ruleCard = page.locator('.rule-card');
    assert.equal(await ruleCard.count(), 1);
    const ruleText = await ruleCard.innerText();
    assert.match(ruleText, new RegExp(ruleId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    assert.match(ruleText, /§\d/);
    const paramRow = ruleCard.locator('.rule-parameters tr').filter({ hasText: target.id });
    assert.match(await paramRow.innerText(), new RegExp(`${after}[^\\n]*\\s+clinic setting`));
    await page.screenshot({ path: path.join(SHOTS, 'rules-04-rules-reference.png'), fullPage: true });
    await page.context().close();
  });

  it('lets a nurse read the settings and protocols without changing them', async () => {
    const page = await signedIn('nurse');
    await nav(page, 'Settings').click();
    await page.getByRole('heading', { name: 'Clinical settings', level: 1 }).waitFor();
    await page.getByText('You can read these settings. Physicians and administrators change them.').waitFor();
    await page.locator('.setting-card').first().waitFor();
    assert.equal(await page.getByRole('button', { name: /^(Change|Set a value)/ }).count(), 0);
    assert.ok((await page.getByRole('button', { name: /^History/ }).count()) > 0);

    await page.goto(`${server.url}/protocols/${CRPS_10_DAY_ID}`);
    await page.getByRole('heading', { level: 1, name: /10 days/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Copy for this clinic' }).count(), 0);
    await page.goto(`${server.url}/protocols/${CRPS_10_DAY_ID}/copy`);
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
    await page.context().close();
  });

  it('shows front desk the protocols and rules but not the settings', async () => {
    const page = await signedIn('front_desk');
    assert.equal(await nav(page, 'Settings').count(), 0);
    await nav(page, 'Rules').click();
    await page.getByRole('heading', { name: 'Rules reference', level: 1 }).waitFor();
    await page.getByText(/Values shown are the defaults/).waitFor();
    await page.goto(`${server.url}/settings/clinical`);
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
    await page.context().close();
  });
});

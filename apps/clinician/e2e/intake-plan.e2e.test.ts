/**
 * Browser journey through the Intake and Plan tabs of the built clinician app (served by `ketapath demo
 * --serve`) in Debian's Chromium: a physician opens a demo patient, fills a clean CRPS intake and watches the
 * live eligibility follow the typing, saves it, signs the qualification (after the clinic set its validity
 * period), then plans the 10-day CRPS protocol, sees the 10 sessions and the predicted levels, and signs
 * version 1. A nurse reads the plan without being able to change it; the front desk does not see the tabs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, REPO_ROOT, startDemoServer, type DemoServer } from './demo-server.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 20_000;
/** REFERENCE §1.2 / §2.1 [G]: CRPS, 0.35 mg/kg/h over 4 hours daily for 10 days (S3, S4). */
const CRPS_10_DAY_NAME = 'CRPS: 0.35 mg/kg/h over 4 hours daily for 10 days';
const CRPS_10_DAY_SESSIONS = 10;

/**
 * The clinic's own decisions for the values REFERENCE.md leaves to the clinic (test values, not proposals):
 * the eligibility thresholds without a default (as in clinical-rules' CONFIGURED_CLINIC test clinic) and how
 * long a signed qualification stays valid (REFERENCE §1.6/§10 give no period).
 */
const CLINIC_DECISIONS: Readonly<Record<string, number>> = {
  'eligibility.min-pain-duration-months': 3,
  'eligibility.min-failed-treatment-classes': 2,
  'eligibility.egfr-review-below-ml-per-min-173m2': 30,
  'eligibility.ecg-min-cv-risk-factors': 2,
  'session.qualification-valid-days': 90,
};
/** The bag of the checkOrder example (100 mg in 100 mL), a concentration the limits check. */
const BAG = { drugMg: '100', volumeMl: '100' };

interface PatientRow {
  id: string;
  familyName: string;
  sexAtBirth: string;
  latestWeight: { weightKg: number; measuredOn: string } | null;
  latestHeight: { heightCm: number } | null;
}

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('intake and plan tabs', { timeout: 300_000 }, () => {
  let server!: DemoServer;
  let browser!: Browser;
  let started: { server?: DemoServer; browser?: Browser } = {};
  let patient!: PatientRow;

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
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
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

  /** Sets each clinic decision through the API (as the physician signed in on `page`), with a reason. */
  async function setClinicDecisions(page: Page): Promise<void> {
    const failures = await page.evaluate(async (decisions) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const { settings } = (await (await fetch('/api/settings/clinical')).json()) as {
        settings: { id: string; version: number }[];
      };
      const out: string[] = [];
      for (const [id, value] of Object.entries(decisions)) {
        const current = settings.find((s) => s.id === id);
        if (!current) {
          out.push(`${id}: not a setting`);
          continue;
        }
        const response = await fetch(`/api/settings/clinical/${encodeURIComponent(id)}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({
            value,
            reason: 'Clinic decision for the browser test',
            expectedVersion: current.version,
          }),
        });
        if (!response.ok) out.push(`${id}: ${response.status} ${await response.text()}`);
      }
      return out;
    }, CLINIC_DECISIONS);
    assert.deepEqual(failures, [], 'every clinic decision is stored');
  }

  it('qualifies a CRPS patient and signs the 10-day plan', async () => {
    const page = await signedIn('physician');
    await setClinicDecisions(page);

    // A demo patient with a weight and a height (the plan doses from the weight; the checks read the height)
    // and no intake yet (the demo journeys give some patients one).
    const found = await page.evaluate(async () => {
      const body = (await (await fetch('/api/patients?limit=50')).json()) as { items: PatientRow[] };
      for (const p of body.items) {
        if (p.sexAtBirth !== 'female' || p.latestWeight === null || p.latestHeight === null) continue;
        const intakes = (await (await fetch(`/api/patients/${p.id}/intakes`)).json()) as { current: unknown };
        if (intakes.current === null) return p;
      }
      return null;
    });
    assert.ok(found, 'a demo patient with weight and height and no intake');
    patient = found;

    await page.goto(`${server.url}/patients/${patient.id}`);
    const tabs = page.getByRole('navigation', { name: 'Patient record' });
    await tabs.getByRole('link', { name: 'Intake', exact: true }).click();
    await page.getByRole('heading', { name: 'Intake', level: 2, exact: true }).waitFor();
    await page.getByText('No intake saved yet. Saving makes version 1.').waitFor();
    const panel = page.locator('.eligibility-panel');
    await panel.getByText(/fields? to complete or correct/).waitFor();

    // Pain history: the §8.1 code fills the diagnosis and the condition.
    await page.getByLabel('ICD-10-CM code').fill('G90.511');
    assert.equal(await page.getByLabel('Diagnosis').inputValue(), 'CRPS type I of right upper limb');
    assert.equal(await page.locator('#field-pain-conditionCategory').inputValue(), 'crps');
    await page.getByLabel('Onset').fill(isoDaysAgo(540));
    await page.getByLabel('Pain sites').fill('right hand, right forearm');
    await page.getByLabel('Character').fill('burning, allodynia');

    // Two treatment classes tried without relief (REFERENCE §1.1: after other treatments failed).
    await page.getByRole('button', { name: '+ Add treatment' }).click();
    await page.locator('#field-treatmentsTried-0-class').waitFor();
    await page.locator('#field-treatmentsTried-0-name').fill('pregabalin 150 mg twice daily');
    await page.getByRole('button', { name: '+ Add treatment' }).click();
    await page.locator('#field-treatmentsTried-1-class').selectOption('physical-therapy');
    await page.locator('#field-treatmentsTried-1-name').fill('graded motor imagery');

    await page.getByLabel('Systolic').fill('118');
    await page.getByLabel('Diastolic').fill('76');
    await page.getByLabel('Heart rate').fill('72');
    await page.locator('#field-pregnancy-status').selectOption('not-pregnant');
    await page.getByLabel('eGFR').fill('95');
    await page.locator('#field-renal-measuredOn').fill(isoDaysAgo(14));

    // A swapped blood pressure is named at its field once the box is left.
    await page.getByLabel('Diastolic').fill('160');
    await page.getByLabel('Heart rate').focus();
    await page.locator('#field-vitals-diastolicMmHg-error').waitFor();
    assert.match(
      await page.locator('#field-vitals-diastolicMmHg-error').innerText(),
      /lower than the systolic/,
    );
    await page.getByLabel('Diastolic').fill('76');

    await page.getByLabel('Pain now (NRS 0–10)').fill('7');
    await page.getByLabel('PHQ-9 total (0–27)').fill('6');
    await page.getByLabel('PHQ-9 item 9 (0–3)').fill('0');
    await page.getByLabel('GAD-7 total (0–21)').fill('5');

    // The live screen follows the typing: eligible, or eligible with precautions.
    const badge = panel.locator('.card-head .status-badge');
    await panel.getByText(/^Screened: Eligible/).waitFor();
    assert.match((await badge.textContent()) ?? '', /^[✓⚠] Eligible( with precautions)?$/);
    const panelText = await panel.innerText();
    assert.match(panelText, /Evidence for the diagnosis/);
    assert.match(panelText, /§1\.2/, 'the condition evidence cites REFERENCE §1.2');
    await page.locator('#section-pain').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
    });
    await page.screenshot({ path: path.join(SHOTS, 'intake-01-live-eligibility.png'), fullPage: false });

    // Save → version 1.
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByText(/Saved intake version 1: eligible/).waitFor();
    await page.getByText(/^Version 1, saved .* Saving makes version 2\.$/).waitFor();
    await page.locator('.intake-versions').getByRole('link', { name: 'Version 1' }).waitFor();

    // Someone saves version 2 from another screen; this form's save is refused and says why.
    const otherSave = await page.evaluate(async (patientId) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const list = (await (await fetch(`/api/patients/${patientId}/intakes`)).json()) as {
        current: { version: number; intake: unknown };
      };
      const response = await fetch(`/api/patients/${patientId}/intakes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ intake: list.current.intake, expectedVersion: list.current.version }),
      });
      return response.status;
    }, patient.id);
    assert.equal(otherSave, 201);
    await page.getByLabel('Heart rate').fill('74');
    await page.keyboard.press('Control+Enter');
    const conflict = page.getByRole('alert').filter({ hasText: 'Not saved: the intake changed meanwhile' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: /Load the newest version/ }).click();
    await page.getByText(/^Version 2, saved .* Saving makes version 3\.$/).waitFor();

    // Sign the qualification; every finding needing acknowledgement gets a reason.
    const qualification = page.locator('.qualification-panel');
    await qualification.getByText(/Valid for 90 days from signing/).waitFor();
    const reasons = qualification.locator('textarea');
    for (let i = 0; i < (await reasons.count()); i++)
      await reasons.nth(i).fill('Reviewed at the evaluation; benefits outweigh the risk');
    await qualification.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'intake-02-qualification-panel.png'), fullPage: false });
    await qualification.getByRole('button', { name: 'Sign qualification' }).click();
    await page.getByText(/Qualification signed\./).waitFor();
    const status = page.locator('.journey-head .qualification-status');
    await status.filter({ hasText: /^✓ Qualified/ }).waitFor();
    assert.match(await status.innerText(), /valid until/);

    // Version 1 stays readable, read-only, with the eligibility saved with it.
    await page.locator('.intake-versions').getByRole('link', { name: 'Version 1', exact: true }).click();
    await page.getByRole('heading', { name: 'Intake version 1 (read-only)', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('ICD-10-CM code').inputValue(), 'G90.511');
    assert.equal(await page.getByLabel('ICD-10-CM code').getAttribute('readonly'), '');
    await page.getByRole('heading', { name: 'Eligibility as saved', level: 2 }).waitFor();

    // The Overview shows the qualification too.
    await tabs.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.locator('.qualification-card .qualification-current').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'intake-03-overview-qualification.png'), fullPage: true });

    // Plan: the 10-day CRPS protocol, a bag; the preview lays out 10 sessions and the predicted levels.
    await tabs.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { name: 'New treatment plan', level: 2 }).waitFor();
    await page.getByRole('radio', { name: new RegExp(CRPS_10_DAY_NAME.replace(/[().]/g, '\\$&')) }).check();
    await page.getByLabel('Ketamine in the bag').fill(BAG.drugMg);
    await page.getByLabel('Bag volume').fill(BAG.volumeMl);
    const preview = page.locator('.plan-editor .plan-preview');
    await preview.waitFor();
    await page
      .locator('.plan-editor .panel-status')
      .filter({ hasText: new RegExp(`${CRPS_10_DAY_SESSIONS} sessions`) })
      .waitFor();
    assert.equal(await preview.locator('.plan-schedule tbody tr').count(), CRPS_10_DAY_SESSIONS);
    assert.match(await preview.locator('.plan-weight').innerText(), /kg/);
    const step = preview.locator('.plan-step').first();
    assert.match(await step.innerText(), /0\.35 mg\/kg\/h/);
    assert.match(await step.innerText(), /mL\/h/);
    // Override reasons, when the order check asks for them.
    const overrides = preview.locator('.override-field textarea');
    for (let i = 0; i < (await overrides.count()); i++)
      await overrides.nth(i).fill('Clinic protocol reviewed for this patient');
    const chart = preview.locator('.prediction');
    await chart.locator('canvas').first().waitFor();
    const chartText = await chart.innerText();
    assert.match(chartText, /Model: .+ · sampling site: /);
    assert.match(chartText, /Norketamine is not predicted/);
    await page
      .locator('.plan-editor .panel-status')
      .filter({ hasText: /ready to sign/ })
      .waitFor();
    await preview.locator('.prediction').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'plan-01-preview-with-chart.png'), fullPage: false });
    await page.screenshot({ path: path.join(SHOTS, 'plan-02-preview-full.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign plan (version 1)' }).click();
    await page.getByText(/Signed plan version 1: /).waitFor();
    const card = page.locator('.plan-card');
    await card.getByRole('link', { name: 'Version 1' }).waitFor();
    assert.match(await card.innerText(), new RegExp(`${CRPS_10_DAY_SESSIONS} sessions`));
    await card.getByRole('button', { name: 'Change plan' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'plan-03-signed.png'), fullPage: false });

    // Changing the signed plan makes version 2, and only with a reason.
    await card.getByRole('button', { name: 'Change plan' }).click();
    await page.getByRole('heading', { name: 'Change plan: version 2', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Ketamine in the bag').inputValue(), BAG.drugMg);
    await page.locator('#field-sessionTimes-2').fill(`${isoDaysAgo(-3)}T13:30`);
    const editorStatus = page.locator('.plan-editor .panel-status');
    await editorStatus.filter({ hasText: /Working out/ }).waitFor();
    await editorStatus.filter({ hasText: /^Preview: / }).waitFor();
    const changeOverrides = page.locator('.plan-editor .override-field textarea');
    for (let i = 0; i < (await changeOverrides.count()); i++)
      await changeOverrides.nth(i).fill('Clinic protocol reviewed for this patient');
    await editorStatus.filter({ hasText: /ready to sign/ }).waitFor();
    await page.getByRole('button', { name: 'Sign plan (version 2)' }).click();
    await page.locator('#field-changeReason-error').waitFor();
    await page.getByLabel('Reason for the change').fill('Third session moved to the afternoon');
    await page.getByRole('button', { name: 'Sign plan (version 2)' }).click();
    await page.getByText(/Signed plan version 2: /).waitFor();
    const versions = page.locator('.plan-card .plan-versions');
    await versions.getByRole('link', { name: 'Version 2' }).waitFor();
    assert.match(await versions.innerText(), /Third session moved to the afternoon/);
    assert.equal(await versions.locator('tbody tr').count(), 2);
    await page.context().close();
  });

  it('a nurse reads the plan; the front desk does not see the clinical tabs', async () => {
    assert.ok(patient, 'the first test chose a patient');
    const nurse = await signedIn('nurse');
    await nurse.goto(`${server.url}/patients/${patient.id}/plan`);
    await nurse.locator('.plan-card').getByRole('link', { name: 'Version 1' }).waitFor();
    assert.equal(await nurse.getByRole('button', { name: 'Change plan' }).count(), 0);
    await nurse.getByText('Your role reads plans; only a physician signs or changes them.').waitFor();
    await nurse.goto(`${server.url}/patients/${patient.id}/intake`);
    await nurse.locator('.journey-head .qualification-current').waitFor();
    assert.equal(await nurse.getByRole('button', { name: 'Sign qualification' }).count(), 0);
    await nurse.context().close();

    const desk = await signedIn('front_desk');
    await desk.goto(`${server.url}/patients/${patient.id}`);
    const tabs = desk.getByRole('navigation', { name: 'Patient record' });
    await tabs.getByRole('link', { name: 'Overview', exact: true }).waitFor();
    assert.equal(await tabs.getByRole('link', { name: 'Intake', exact: true }).count(), 0);
    assert.equal(await tabs.getByRole('link', { name: 'Plan', exact: true }).count(), 0);
    await desk.goto(`${server.url}/patients/${patient.id}/plan`);
    await desk.getByRole('heading', { name: 'Not available for your role' }).waitFor();
    await desk.context().close();
  });
});

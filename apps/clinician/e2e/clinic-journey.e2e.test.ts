/**
 * The whole patient journey in one browser test, entirely through the built clinician app (served by
 * `ketapath demo --serve`) in Debian's Chromium: the physician reads the clinic's settings (and sets the
 * qualification period and witnessed waste there if the clinic has none), opens a demo patient without an
 * intake, fills a clean CRPS intake whose live eligibility reads eligible, saves it and signs the
 * qualification, plans the 10-day CRPS protocol with its first session a few minutes ago (so the session is
 * today's) and signs it. A nurse in her own browser receives a lot on the Ledger's Receive tab, opens the
 * session from the schedule, works the pre-start checklist, draws the bag's ketamine from a received vial,
 * programs the pump, has a second nurse sign the double-check on the same screen, starts, records vital
 * signs whose systolic BP is above the clinic's §4.2 limit, acknowledges the alert with the action taken,
 * changes the rate (double-checked again), stops, assesses discharge, wastes the bag's remainder with the
 * second nurse witnessing on the same screen (drawn = administered + wasted, §9) and signs with the reason
 * the observation time is not over; the physician co-signs, the chart locks, and the chart's PDF carries the
 * patient's name and the administered total the chart shows.
 *
 * The one step outside the app: the demo clinic has a single nurse and the app has no staff page, so the
 * second nurse's account is made through the admin API before the journey.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { isoDateIn } from './api-session.js';
import { launchChromium, REPO_ROOT, startDemoServer, type DemoServer } from './demo-server.js';
import {
  acknowledgeOpenAlerts,
  fillCleanCrpsIntake,
  fillEveryReason,
  fullShot,
  localDateTime,
  pdfText,
  signDoubleCheck,
  signInContext,
  type Credentials,
} from './journey-steps.js';
import { drawInChart, ledgerFigureMg, receiveLot, wasteInChart, type LotInput } from './ledger-steps.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 20_000;
/** REFERENCE §1.2 / §2.1 [G]: CRPS, 0.35 mg/kg/h over 4 hours daily for 10 days (S3, S4). */
const CRPS_10_DAY_NAME = 'CRPS: 0.35 mg/kg/h over 4 hours daily for 10 days';
const CRPS_10_DAY_SESSIONS = 10;
const CRPS_RATE_MG_PER_KG_PER_H = 0.35;
/** The bag of the plan: 100 mg in 100 mL (1 mg/mL), the checkOrder example's concentration. */
const BAG = { drugMg: 100, volumeMl: 100 };
/** The slower rate of the rate change (a test value below the ordered rate). */
const SLOWER_RATE_MG_PER_KG_PER_H = 0.25;
/** The first session starts this many minutes before now, so it is today's session and already due. */
const FIRST_SESSION_MIN_AGO = 5;
/** How much the recorded systolic BP is above the clinic's §4.2 limit read from the settings page. */
const SBP_ABOVE_LIMIT_MMHG = 6;
const QUALIFICATION_VALIDITY_SETTING = 'session.qualification-valid-days';
const SBP_LIMIT_SETTING = 'session.sbp-high-mmhg';
/** The validity the test sets only if the clinic has none (REFERENCE §1.6/§10 give no period). */
const TEST_CLINIC_VALID_DAYS = '90';
const SECOND_NURSE: Credentials & { displayName: string } = {
  email: 'journey.second.nurse@demo.ketapath.test',
  password: 'journey-second-nurse-pass-2026',
  displayName: 'Journey Second Nurse',
};
const REVIEWED = 'Reviewed with the patient at the evaluation; benefits outweigh the risk';
const WASTE_WITNESS_SETTING = 'ledger.waste-witness-required';
/** The lot the nurse receives for today's bag: two 10 mL vials of 50 mg/mL (the bag's 100 mg is 2 mL). */
const JOURNEY_LOT: LotInput = {
  ndc: '0143-9508-10',
  concentrationMgPerMl: '50',
  volumeMl: '10',
  containers: '2',
  lot: 'KX-JOURNEY-1',
  expiresOn: isoDateIn(365),
  supplier: {
    name: 'Journey Wholesale',
    address: '5 Supply Lane, Dayton, OH 45402',
    deaNumber: 'RJ7654321',
  },
  invoiceRef: 'INV-JOURNEY-1',
};

interface PatientRow {
  id: string;
  familyName: string;
  givenNames: string;
  mrn: string;
  sexAtBirth: string;
  latestWeight: { weightKg: number; measuredOn: string } | null;
  latestHeight: { heightCm: number } | null;
}

/** Signs in through the API as the admin and adds a nurse (the app has no staff-management page). */
async function addSecondNurse(baseUrl: string, admin: Credentials): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  assert.equal(login.status, 200, 'the admin signs in');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ ...SECOND_NURSE, role: 'nurse' }),
  });
  assert.equal(created.status, 201, `the second nurse is added: ${await created.text()}`);
}

/** The number in a "180 mmHg" setting value. */
function settingNumber(text: string, unit: string): number {
  const match = new RegExp(`^(\\d+(?:\\.\\d+)?) ?${unit}$`).exec(text.trim());
  assert.ok(match?.[1], `a value in ${unit}: "${text}"`);
  return Number(match[1]);
}

describe('the clinic journey from intake to the locked chart, in the browser', { timeout: 480_000 }, () => {
  let server!: DemoServer;
  let browser!: Browser;
  let started: { server?: DemoServer; browser?: Browser } = {};

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startDemoServer();
    started = { server };
    browser = await launchChromium();
    started = { server, browser };
    await addSecondNurse(server.url, server.login('admin'));
  });

  after(async () => {
    await started.browser?.close();
    await started.server?.stop();
  });

  const shot = (page: Page, name: string) => fullShot(page, path.join(SHOTS, `journey-${name}.png`));
  const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

  it('qualifies, plans, charts today’s session, signs, co-signs and prints it', async (t) => {
    const t0 = performance.now();
    const doc = await signInContext(browser, server.url, server.login('physician'), WAIT_MS);

    // --- Clinic settings: the qualification period must be set; the §4.2 SBP limit is read from here. -----
    await mainNav(doc).getByRole('link', { name: 'Settings', exact: true }).click();
    await doc.getByRole('heading', { name: 'Clinical settings', level: 1 }).waitFor();
    const filter = doc.getByLabel('Filter settings');
    const card = (id: string) => doc.locator(`[id="setting-${id}"]`);
    await filter.fill(QUALIFICATION_VALIDITY_SETTING);
    const validity = card(QUALIFICATION_VALIDITY_SETTING);
    await validity.waitFor();
    if ((await validity.getByTestId('setting-value').innerText()).trim() === 'Not set') {
      await validity.getByRole('button', { name: /^Set a value/ }).click();
      await validity.getByLabel(/^New value/).fill(TEST_CLINIC_VALID_DAYS);
      await validity
        .getByLabel('Reason for the change')
        .fill('The clinic re-reviews qualifications quarterly');
      await validity.getByRole('button', { name: 'Save change' }).click();
      await validity
        .getByRole('status')
        .filter({ hasText: /^Saved: / })
        .waitFor();
    }
    const validDays = settingNumber(await validity.getByTestId('setting-value').innerText(), 'days');
    await filter.fill(SBP_LIMIT_SETTING);
    const sbpCard = card(SBP_LIMIT_SETTING);
    await sbpCard.waitFor();
    assert.match(await sbpCard.locator('.setting-facts').innerText(), /§4\.2/, 'the SBP limit cites §4.2');
    const sbpLimitMmHg = settingNumber(await sbpCard.getByTestId('setting-value').innerText(), 'mmHg');
    // The federal text leaves witnessed waste to the state and the clinic (REFERENCE §9): it must be set.
    await filter.fill(WASTE_WITNESS_SETTING);
    const wasteCard = card(WASTE_WITNESS_SETTING);
    await wasteCard.waitFor();
    if ((await wasteCard.getByTestId('setting-value').innerText()).trim() === 'Not set') {
      await wasteCard.getByRole('button', { name: /^Set a value/ }).click();
      await wasteCard.getByLabel(/^New value/).selectOption('true');
      await wasteCard.getByLabel('Reason for the change').fill('State board rule: every waste is witnessed');
      await wasteCard.getByRole('button', { name: 'Save change' }).click();
      await wasteCard
        .getByRole('status')
        .filter({ hasText: /^Saved: / })
        .waitFor();
    }
    assert.equal(
      (await wasteCard.getByTestId('setting-value').innerText()).trim(),
      'Yes',
      'waste is witnessed',
    );
    const sbpOverLimitMmHg = sbpLimitMmHg + SBP_ABOVE_LIMIT_MMHG;

    // --- A demo patient with weight and height and no intake yet (the demo gives some patients one). -----
    // (The list's summaries carry no measurements; the patient's record does.)
    const found = await doc.evaluate(async () => {
      const body = (await (await fetch('/api/patients?limit=50')).json()) as { items: { id: string }[] };
      for (const { id } of body.items) {
        const p = (await (await fetch(`/api/patients/${id}`)).json()) as PatientRow;
        if (p.sexAtBirth !== 'female' || !p.latestWeight || !p.latestHeight) continue;
        const intakes = (await (await fetch(`/api/patients/${id}/intakes`)).json()) as { current: unknown };
        if (intakes.current === null) return p;
      }
      return null;
    });
    assert.ok(found, 'a demo patient with weight and height and no intake');
    const patient: PatientRow = found;
    const patientName = `${patient.familyName}, ${patient.givenNames}`;
    assert.ok(patient.latestWeight);
    const weightKg = patient.latestWeight.weightKg;

    await mainNav(doc).getByRole('link', { name: 'Patients', exact: true }).click();
    await doc.getByLabel('Search patients').fill(patient.mrn);
    await doc.getByRole('link', { name: patientName }).click();
    await doc.waitForURL(new RegExp(`/patients/${patient.id}$`));
    const tabs = doc.getByRole('navigation', { name: 'Patient record' });

    // --- Intake: a clean CRPS intake; the live screen reads eligible; saved as version 1. ----------------
    await tabs.getByRole('link', { name: 'Intake', exact: true }).click();
    await doc.getByText('No intake saved yet. Saving makes version 1.').waitFor();
    await fillCleanCrpsIntake(doc);
    const eligibility = doc.locator('.eligibility-panel');
    await eligibility.getByText(/^Screened: Eligible/).waitFor();
    assert.match(
      (await eligibility.locator('.card-head .status-badge').textContent()) ?? '',
      /^[✓⚠] Eligible( with precautions)?$/,
    );
    assert.match(await eligibility.innerText(), /§1\.2/, 'the condition evidence cites REFERENCE §1.2');
    await shot(doc, '01-intake');
    await doc.getByRole('button', { name: 'Save as version 1' }).click();
    await doc.getByText(/Saved intake version 1: eligible/).waitFor();

    // --- Qualification: signed, with a reason for every finding that asks for one. -----------------------
    const qualification = doc.locator('.qualification-panel');
    await qualification.getByText(`Valid for ${validDays} days from signing`, { exact: false }).waitFor();
    await fillEveryReason(qualification.locator('textarea'), REVIEWED);
    await qualification.getByRole('button', { name: 'Sign qualification' }).click();
    await doc.getByText(/Qualification signed\./).waitFor();
    await doc
      .locator('.journey-head .qualification-status')
      .filter({ hasText: /^✓ Qualified/ })
      .waitFor();

    // --- Plan: the 10-day CRPS protocol, first session today a few minutes ago, preview, sign. ------------
    await tabs.getByRole('link', { name: 'Plan', exact: true }).click();
    await doc.getByRole('heading', { name: 'New treatment plan', level: 2 }).waitFor();
    await doc.getByRole('radio', { name: new RegExp(CRPS_10_DAY_NAME.replace(/[().]/g, '\\$&')) }).check();
    const now = new Date();
    const sinceMidnightMin = now.getHours() * 60 + now.getMinutes();
    const first = localDateTime(
      new Date(now.getTime() - Math.min(FIRST_SESSION_MIN_AGO, sinceMidnightMin) * 60_000),
    );
    assert.equal(first.date, localDateTime(now).date, 'the first session is today');
    await doc.locator('#field-firstSessionAt').fill(first.date);
    await doc.locator('#field-firstSessionTime').fill(first.time);
    await doc.getByLabel('Ketamine in the bag').fill(String(BAG.drugMg));
    await doc.getByLabel('Bag volume').fill(String(BAG.volumeMl));
    const editorStatus = doc.locator('.plan-editor .panel-status');
    const preview = doc.locator('.plan-editor .plan-preview');
    // Override reasons, where the order check asks for them, then the preview is ready to sign.
    await editorStatus.filter({ hasText: /^Preview: / }).waitFor();
    await fillEveryReason(
      preview.locator('.override-field textarea'),
      'Clinic protocol reviewed for this patient today',
    );
    await editorStatus.filter({ hasText: /ready to sign/ }).waitFor();
    assert.equal(await preview.locator('.plan-schedule tbody tr').count(), CRPS_10_DAY_SESSIONS);
    assert.match(await preview.locator('.plan-step').first().innerText(), /0\.35 mg\/kg\/h/);
    await preview.locator('.prediction canvas').first().waitFor();
    assert.match(await preview.locator('.prediction').innerText(), /Model: .+ · sampling site: /);
    await shot(doc, '02-plan');
    await doc.getByRole('button', { name: 'Sign plan (version 1)' }).click();
    await doc.getByText(/Signed plan version 1: /).waitFor();
    assert.match(await doc.locator('.plan-card').innerText(), new RegExp(`${CRPS_10_DAY_SESSIONS} sessions`));

    // --- The nurse, in her own browser, opens today's session from the schedule. ------------------------
    const nurse = await signInContext(browser, server.url, server.login('nurse'), WAIT_MS, {
      width: 1366,
      height: 900,
    });
    // She receives today's stock on the Ledger's Receive tab first.
    const [journeyVial] = await receiveLot(nurse, JOURNEY_LOT);
    assert.ok(journeyVial, 'a vial of the received lot');
    await mainNav(nurse).getByRole('link', { name: 'Schedule', exact: true }).click();
    await nurse.getByRole('heading', { name: 'Schedule', level: 1 }).waitFor();
    await nurse.getByRole('link', { name: patientName }).click();
    await nurse.waitForURL(/\/sessions\/[^/]+$/);
    const sessionUrl = nurse.url();
    const header = nurse.locator('.session-header');
    await header.getByRole('heading', { level: 1, name: /0\.35 mg\/kg\/h over 4 hours daily/ }).waitFor();
    assert.match(await header.innerText(), new RegExp(`session 1 of ${CRPS_10_DAY_SESSIONS}`));
    const state = (name: string) =>
      header.locator('.state-badge').filter({ hasText: new RegExp(`^${name}$`) });
    await state('Scheduled').waitFor();
    const start = nurse.getByRole('button', { name: '▶ Start infusion' });
    assert.equal(await start.isDisabled(), true, 'no start while the checklist is open');

    // --- Pre-start checklist: consent, fasting, pregnancy test if asked, escort, baseline vitals. ---------
    const item = (id: string): Locator => nurse.locator(`.checklist-item[data-item="${id}"]`);
    const record = async (id: string, button: string, fill: (form: Locator) => Promise<void>) => {
      await item(id).getByRole('button', { name: button }).click();
      await fill(item(id));
      await item(id).getByRole('button', { name: /^Save/ }).click();
      await item(id).locator('.check-status').filter({ hasText: 'Done' }).waitFor();
      assert.match(await item(id).innerText(), /nurse@demo\.ketapath\.test \(Nurse\)/, `${id}: who`);
    };
    await record('consent', 'Record consent', async () => {});
    const hoursAgo = (h: number) => localDateTime(new Date(Date.now() - h * 3_600_000)).dateTime;
    await record('fasting', 'Record fasting', async (form) => {
      await form.getByLabel('Last food').fill(hoursAgo(8));
      await form.getByLabel('Last clear fluid').fill(hoursAgo(3));
    });
    const pregnancy = item('pregnancy-test');
    const pregnancyAsked =
      (await pregnancy.count()) > 0 && /Open/.test(await pregnancy.locator('.check-status').innerText());
    if (pregnancyAsked) {
      await record('pregnancy-test', 'Record pregnancy test', async (form) => {
        await form.getByLabel('Result').selectOption('negative');
        await form.getByLabel('Tested at').fill(hoursAgo(1));
      });
    }
    t.diagnostic(`pregnancy test ${pregnancyAsked ? 'asked and recorded' : 'not asked for this patient'}`);
    await record('escort', 'Record escort', async (form) => {
      await form.getByLabel("Escort's name").fill('Sam Rivera');
    });
    await record('baseline-vitals', 'Record baseline vitals', async (form) => {
      await form.getByLabel('Systolic BP').fill('122');
      await form.getByLabel('Diastolic BP').fill('78');
      await form.getByLabel('Heart rate').fill('70');
      await form.getByLabel('SpO₂').fill('98');
      await form.getByLabel('Respiratory rate').fill('14');
    });
    const blockers = await nurse.locator('#start-blockers').innerText();
    assert.match(blockers, /Pump not programmed/);
    assert.doesNotMatch(blockers, /Consent|Escort|Baseline/i, 'the checklist no longer blocks the start');

    // --- The bag's ketamine is drawn from the received vial on the chart. --------------------------------
    await drawInChart(nurse, journeyVial, String(BAG.drugMg));
    assert.equal(await ledgerFigureMg(nurse, 'ledger-drawn'), BAG.drugMg);

    // --- Pump programming, prefilled from the plan; mL/h computed; double-checked by the second nurse. ----
    const pump = nurse.getByRole('form', { name: 'Pump programming' });
    assert.equal(await pump.getByLabel('Ordered rate').inputValue(), String(CRPS_RATE_MG_PER_KG_PER_H));
    const doseWeightKg = Number(await pump.getByLabel('Dosing weight').inputValue());
    assert.ok(doseWeightKg > 0 && doseWeightKg <= weightKg, `dosing weight ${doseWeightKg} kg`);
    const concentrationMgPerMl = BAG.drugMg / BAG.volumeMl;
    const expectedMlPerH = (CRPS_RATE_MG_PER_KG_PER_H * doseWeightKg) / concentrationMgPerMl;
    const pumpMlPerH = Number(await pump.getByLabel('Pump rate').inputValue());
    assert.ok(Math.abs(pumpMlPerH - expectedMlPerH) < 0.05, `${pumpMlPerH} mL/h ≈ ${expectedMlPerH}`);
    await pump.getByLabel('Lot').fill('KX-5150');
    await pump.getByRole('button', { name: 'Save pump programming' }).click();
    const doubleCheck = nurse.locator('.double-check');
    await doubleCheck
      .getByRole('heading', { name: /Awaiting double-check by a second staff member/ })
      .waitFor();
    assert.equal(await start.isDisabled(), true, 'no start before the double-check');
    await signDoubleCheck(doubleCheck, SECOND_NURSE);
    assert.match(await nurse.locator('.programs-table').innerText(), new RegExp(SECOND_NURSE.email));

    // --- Start; vital signs above the §4.2 SBP limit raise an alert; acknowledged with the action. --------
    await start.click();
    await state('Running').waitFor();
    const vitals = nurse.getByRole('form', { name: 'Vital signs' });
    await vitals.getByLabel('Systolic BP').fill(String(sbpOverLimitMmHg));
    await vitals.getByLabel('Diastolic BP').fill('96');
    await vitals.getByLabel('Heart rate').fill('92');
    await vitals.getByLabel('SpO₂').fill('97');
    await vitals.getByLabel('Respiratory rate').fill('16');
    await vitals.getByRole('button', { name: 'Save vital signs' }).click();
    const sbpAlert = nurse.locator('.alert-item[data-rule="session/blood-pressure-limits"]').first();
    await sbpAlert.waitFor();
    const alertText = await sbpAlert.innerText();
    assert.match(alertText, new RegExp(String(sbpOverLimitMmHg)), 'the reading');
    assert.match(alertText, new RegExp(`${sbpLimitMmHg} mmHg`), 'the limit from the settings');
    assert.match(await nurse.locator('.vitals-table').innerText(), new RegExp(`${sbpOverLimitMmHg}/96`));
    await shot(nurse, '03-running-with-alert');
    const action = 'Infusion reviewed at the chair; physician called; BP rechecked in 5 minutes';
    assert.ok((await acknowledgeOpenAlerts(nurse, action)) >= 1);
    assert.match(
      await sbpAlert.locator('.alert-ack').innerText(),
      new RegExp(`Acknowledged by nurse@demo\\.ketapath\\.test.*: ${action}`),
    );

    // --- Rate change with its own double-check. ---------------------------------------------------------
    await nurse.getByRole('button', { name: 'Change rate' }).click();
    const rateForm = nurse.getByRole('form', { name: 'Change rate' });
    await rateForm.getByLabel('New rate').fill(String(SLOWER_RATE_MG_PER_KG_PER_H));
    const slowerMlPerH = Number(await rateForm.getByLabel('Pump rate').inputValue());
    assert.ok(
      Math.abs(slowerMlPerH - (SLOWER_RATE_MG_PER_KG_PER_H * doseWeightKg) / concentrationMgPerMl) < 0.05,
    );
    await rateForm.getByLabel('Reason').fill('Blood pressure high; slowed per physician');
    await rateForm.getByRole('button', { name: 'Save: change rate' }).click();
    const rateCheck = nurse.locator('.double-check');
    await rateCheck.waitFor();
    assert.match(await rateCheck.innerText(), /0\.25 mg\/kg\/h/);
    await signDoubleCheck(rateCheck, SECOND_NURSE);

    // --- Stop, pain after, discharge assessment. ---------------------------------------------------------
    await nurse.getByRole('button', { name: 'Stop infusion' }).click();
    const stopForm = nurse.getByRole('form', { name: 'Stop infusion' });
    await stopForm.getByLabel('Reason').fill('Stopped early after the blood pressure rise');
    await stopForm.getByRole('button', { name: 'Save: stop infusion' }).click();
    await state('Stopped').waitFor();
    const painForm = nurse.getByRole('form', { name: 'Pain score' });
    await painForm.getByLabel('When').selectOption('after');
    await painForm.getByLabel('Pain (NRS 0–10)').fill('3');
    await painForm.getByRole('button', { name: 'Save pain score' }).click();
    await nurse.getByText(/^3 — nurse@demo/).waitFor();
    const discharge = nurse.getByRole('form', { name: 'Discharge assessment' });
    for (const row of ['Activity', 'Respiration', 'Consciousness'])
      await discharge.locator('tr', { hasText: row }).getByRole('radio').first().check();
    await discharge.getByLabel('Escort present').check();
    await discharge.getByLabel("Escort's name").fill('Sam Rivera');
    await discharge.getByLabel('No-driving advice given').check();
    await discharge.getByLabel('Discharge instructions given').check();
    await discharge.getByRole('button', { name: 'Save discharge assessment' }).click();
    await state('Discharge assessed').waitFor();
    assert.match(await nurse.getByTestId('observation-remaining').innerText(), /min/);

    // --- The remainder of the bag is wasted; the second nurse witnesses it on this screen. ----------------
    await wasteInChart(nurse, SECOND_NURSE);
    const givenMg = await ledgerFigureMg(nurse, 'ledger-administered');
    const wastedMg = await ledgerFigureMg(nurse, 'ledger-wasted');
    assert.ok(Math.abs(givenMg + wastedMg - BAG.drugMg) < 1e-9, 'drawn = administered + wasted');

    // --- The nurse signs: the observation time has not passed, so the reason is required. ---------------
    const signAsNurse = nurse.getByRole('button', { name: 'Sign the chart as nurse' });
    assert.equal(await signAsNurse.isDisabled(), true, 'no signature before the reason');
    await nurse
      .getByLabel(/Reason for signing before the discharge criteria/)
      .fill('Physician reviewed at the chair; back to baseline, escort present');
    await signAsNurse.click();
    await state('Nurse signed').waitFor();
    await nurse.getByText("Awaiting the physician's co-signature.").waitFor();

    // --- The physician co-signs from the floor board; the chart locks. ----------------------------------
    await mainNav(doc).getByRole('link', { name: 'Floor', exact: true }).click();
    await doc.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();
    const sessionId = new URL(sessionUrl).pathname.split('/').pop() ?? '';
    await doc.locator(`.chair-card[data-session="${sessionId}"] a`).first().click();
    await doc.waitForURL(sessionUrl);
    await doc.getByRole('button', { name: 'Co-sign as physician and lock the chart' }).click();
    await doc.locator('.banner-locked').waitFor();
    const docHeader = doc.locator('.session-header');
    await docHeader
      .locator('.state-badge')
      .filter({ hasText: /^Locked$/ })
      .waitFor();
    assert.equal(await doc.getByRole('form', { name: 'Vital signs' }).count(), 0, 'no entries after lock');
    const administeredText = await doc.getByTestId('administered-mg').innerText();
    const administeredMg = Number(/^([\d.]+) mg/.exec(administeredText)?.[1]);
    assert.ok(administeredMg > 0, `the administered total is shown: "${administeredText}"`);
    await shot(doc, '04-locked');

    // --- The PDF, downloaded with the physician's session, reads as the chart. --------------------------
    const pdfHref = await docHeader.getByRole('link', { name: 'Print / PDF' }).getAttribute('href');
    assert.equal(pdfHref, `/api/sessions/${sessionId}/chart.pdf`);
    const pdf = await doc.request.get(`${server.url}${pdfHref}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    const text = await pdfText(await pdf.body());
    assert.ok(text.includes(patientName), `the PDF names ${patientName}`);
    const pdfMg = /([\d.]+) mg ketamine \(/.exec(text)?.[1];
    assert.ok(pdfMg, 'the PDF states the administered total');
    // The chart shows up to 2 decimals, the PDF 3: the same amount.
    assert.ok(
      Math.abs(Number(pdfMg) - administeredMg) <= 0.005 + 1e-9,
      `PDF ${pdfMg} mg is the chart's ${administeredMg} mg`,
    );

    await nurse.context().close();
    await doc.context().close();
    t.diagnostic(`${((performance.now() - t0) / 1000).toFixed(1)} s in the browser`);
  });
});

/**
 * Browser journey through an infusion session in the built clinician app (served by `ketapath demo --serve`)
 * in Debian's Chromium. The physician's intake, qualification and signed plan are made through the API so a
 * session exists, and a lot is received for it; several more chairs are set running through the API for the
 * floor board. In the browser a nurse works the pre-start checklist, draws the bag's ketamine from a vial,
 * programs the pump, has it double-checked by a second nurse signing in on the same screen, starts, records
 * vital signs whose systolic BP raises an alert, acknowledges it, changes the rate (after another writer's
 * change is refused as stale, then reapplied) with its own double-check, stops, assesses discharge, wastes
 * the remainder with the second nurse as witness and signs; the physician co-signs and the chart locks; the
 * PDF link answers a
 * PDF; the floor board shows a new reading without a reload. The front desk sees the schedule without
 * clinical content.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ApiSession,
  ensureSetting,
  entry,
  mainLocationId,
  receiveThroughApi,
  seedPatientWithSession,
  startThroughApi as startSessionThroughApi,
  type SeededSession,
} from './api-session.js';
import { launchChromium, REPO_ROOT, startDemoServer, type DemoServer } from './demo-server.js';
import { drawInChart, ledgerFigureMg, wasteInChart } from './ledger-steps.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 20_000;
/** The bag of the plan: 100 mg in 100 mL (1 mg/mL). */
const BAG = { drugMg: 100, volumeMl: 100 };
/** REFERENCE §4.2 (S30) [P]: SBP above 180 mmHg → stop and call (the clinic default). */
const SBP_OVER_LIMIT_MMHG = 186;
/** The test clinic's own qualification period (REFERENCE gives none; the clinic must set it). */
const TEST_CLINIC_VALID_DAYS = 30;
const SECOND_NURSE = {
  email: 'second.nurse@demo.ketapath.test',
  password: 'second-nurse-pass-2026',
  displayName: 'Second Nurse',
};

// --- the API side of the setup (e2e/api-session.ts) ----------------------------------------------------

const seed = (physician: ApiSession, familyName: string, weightKg: number, chair: string, nurseId: string) =>
  seedPatientWithSession(physician, { familyName, weightKg, chair, nurseId, bag: BAG });

/** Pre-start checks, baseline, pump programming with the second nurse's double-check, start. */
const startThroughApi = (nurse: ApiSession, sessionId: string, weightKg: number) =>
  startSessionThroughApi(nurse, sessionId, { weightKg, bag: BAG, lot: 'LOT-API-1', witness: SECOND_NURSE });

// --- the browser journey ---------------------------------------------------------------------------------

describe('infusion session chart, floor board and schedule', { timeout: 420_000 }, () => {
  let server!: DemoServer;
  let browser!: Browser;
  let started: { server?: DemoServer; browser?: Browser } = {};
  const contexts: BrowserContext[] = [];
  let main!: SeededSession;
  const others: SeededSession[] = [];
  let apiNurse!: ApiSession;
  let vialLabel = '';

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startDemoServer();
    started = { server };
    browser = await launchChromium();
    started = { server, browser };

    const admin = await ApiSession.signIn(
      server.url,
      server.login('admin').email,
      server.login('admin').password,
    );
    // The clinic must set how long a qualification stays valid before anyone can sign one.
    const settings = await admin.must('GET', '/api/settings/clinical', undefined, 200);
    const validity = (settings.settings as Array<{ id: string; value: unknown; version: number }>).find(
      (p) => p.id === 'session.qualification-valid-days',
    );
    assert.ok(validity, 'the qualification-validity setting exists');
    if (validity.value === null) {
      await admin.must(
        'PUT',
        '/api/settings/clinical/session.qualification-valid-days',
        {
          value: TEST_CLINIC_VALID_DAYS,
          reason: 'The test clinic reviews qualifications monthly',
          expectedVersion: validity.version,
        },
        200,
      );
    }
    await admin.must('POST', '/api/users', { ...SECOND_NURSE, role: 'nurse' }, 201);
    const physician = await ApiSession.signIn(
      server.url,
      server.login('physician').email,
      server.login('physician').password,
    );
    apiNurse = await ApiSession.signIn(
      server.url,
      server.login('nurse').email,
      server.login('nurse').password,
    );
    // The chart's bag is drawn from a vial and its remainder wasted with a witness before the signature.
    await ensureSetting(admin, 'ledger.waste-witness-required', true, 'State board rule: waste is witnessed');
    const receipt = await receiveThroughApi(physician, await mainLocationId(physician), {
      lot: 'KX-SESSION-1',
      concentrationMgPerMl: 50,
      volumeMlPerContainer: 10,
      containerCount: 2,
    });
    vialLabel = String((receipt.containers as Array<{ label: string }>)[0]?.label);
    const schedule = await physician.must('GET', '/api/schedule', undefined, 200);
    const nurses = schedule.nurses as Array<{ id: string; displayName: string }>;
    const nurseId = nurses.find((n) => /nurse/i.test(n.displayName))?.id ?? nurses[0]?.id ?? '';

    main = await seed(physician, 'Chartwell', 68, 'T1', nurseId);
    // More chairs for the floor board: some running, one with a systolic BP over the limit.
    const weights = [74, 81, 59, 90, 66];
    for (const [i, weightKg] of weights.entries()) {
      others.push(await seed(physician, `Floorby${'abcde'[i]}`, weightKg, `T${i + 2}`, nurseId));
    }
    for (const [i, s] of others.slice(0, 4).entries())
      await startThroughApi(apiNurse, s.sessionId, weights[i] ?? 70);
    const alerting = others[1];
    assert.ok(alerting);
    await entry(apiNurse, alerting.sessionId, {
      kind: 'vitals',
      vitals: {
        systolicMmHg: 184,
        diastolicMmHg: 92,
        heartRatePerMin: 96,
        spo2Percent: 96,
        respiratoryRatePerMin: 18,
      },
    });
    await entry(apiNurse, others[0]?.sessionId ?? '', {
      kind: 'vitals',
      vitals: {
        systolicMmHg: 128,
        diastolicMmHg: 80,
        heartRatePerMin: 74,
        spo2Percent: 98,
        respiratoryRatePerMin: 14,
      },
    });
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await started.browser?.close();
    await started.server?.stop();
  });

  async function signedIn(role: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
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

  /** A full-page screenshot from the top (the chart's header and alerts panel are sticky). */
  async function shot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
  }

  const status = (page: Page, text: RegExp) => page.getByRole('status').filter({ hasText: text }).first();

  it('charts a session from the checklist to the locked chart, with the floor board following', async () => {
    const nurse = await signedIn('nurse');
    const floor = await signedIn('physician', { width: 1600, height: 1000 });

    // The floor board is live before anything happens at chair 1.
    await floor
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Floor', exact: true })
      .click();
    await floor.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();
    await floor.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
    const mainCard = floor.locator(`.chair-card[data-session="${main.sessionId}"]`);
    await mainCard.waitFor();
    assert.match(await mainCard.innerText(), /Not started/);
    assert.ok((await floor.locator('.chair-card').count()) >= 6, 'every chair of today');
    // Worst open alert first: stop-and-call, pause, slow, watch, other, then chairs without alerts.
    const order = ['stopAndCall', 'pause', 'slow', 'watch', 'other', 'none'];
    const worst = await floor
      .locator('.chair-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-worst-alert') ?? ''));
    const ranks = worst.map((w) => order.indexOf(w));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
      `sorted by alert severity: ${worst.join(' ')}`,
    );
    assert.equal(
      await floor
        .locator(`.chair-card[data-session="${others[1]?.sessionId ?? ''}"]`)
        .getAttribute('data-worst-alert'),
      'stopAndCall',
    );

    // The nurse opens the session from the schedule.
    await nurse
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Schedule', exact: true })
      .click();
    await nurse.getByRole('heading', { name: 'Schedule', level: 1 }).waitFor();
    await nurse.getByRole('link', { name: main.patientName }).click();
    await nurse.waitForURL(new RegExp(`/sessions/${main.sessionId}$`));
    await nurse
      .getByRole('heading', { level: 1, name: /0\.35 mg\/kg\/h over 4 hours daily for 10 days/ })
      .waitFor();
    assert.match(await nurse.locator('.session-header').innerText(), /session 1 of 10/);
    assert.match(await nurse.locator('.session-header').innerText(), /Scheduled/);
    assert.match(await nurse.getByTestId('administered-mg').innerText(), /^0 mg/);

    // Start is not available while blocking items are open.
    const start = nurse.getByRole('button', { name: '▶ Start infusion' });
    assert.equal(await start.isDisabled(), true);
    const blockers = await nurse.locator('#start-blockers').innerText();
    assert.match(blockers, /Consent signed/);
    assert.match(blockers, /Pump not programmed/);

    // Checklist: consent, fasting, escort, baseline vitals (who and when shown for each).
    const item = (id: string) => nurse.locator(`.checklist-item[data-item="${id}"]`);
    await item('consent').getByRole('button', { name: 'Record consent' }).click();
    await item('consent').getByRole('button', { name: 'Save' }).click();
    await item('consent').filter({ hasText: /Done/ }).waitFor();
    assert.match(await item('consent').innerText(), /nurse@demo\.ketapath\.test \(Nurse\)/);
    await item('fasting').getByRole('button', { name: 'Record fasting' }).click();
    await item('fasting').getByRole('button', { name: 'Save' }).click();
    await item('fasting')
      .filter({ hasText: /Last food/ })
      .waitFor();
    await item('escort').getByRole('button', { name: 'Record escort' }).click();
    await item('escort').getByLabel("Escort's name").fill('Sam Chartwell');
    await item('escort').getByRole('button', { name: 'Save' }).click();
    await item('escort')
      .filter({ hasText: /Escort confirmed: Sam Chartwell/ })
      .waitFor();
    await item('baseline-vitals').getByRole('button', { name: 'Record baseline vitals' }).click();
    const baseline = item('baseline-vitals');
    await baseline.getByLabel('Systolic BP').fill('400');
    await baseline.getByLabel('Diastolic BP').fill('78');
    await baseline.getByLabel('Heart rate').fill('70');
    await baseline.getByLabel('SpO₂').fill('98');
    await baseline.getByLabel('Respiratory rate').fill('14');
    await baseline.getByRole('button', { name: 'Save baseline vitals' }).click();
    // The server's field message shows under the field.
    await baseline
      .locator('.field-error')
      .filter({ hasText: /must be between 20 and 300 mmHg/ })
      .waitFor();
    await baseline.getByLabel('Systolic BP').fill('122');
    await baseline.getByRole('button', { name: 'Save baseline vitals' }).click();
    await item('baseline-vitals').filter({ hasText: /Done/ }).waitFor();
    assert.match(await item('eligibility').innerText(), /Done/);

    // The bag's 100 mg is drawn from a vial on the chart (2 mL at 50 mg/mL).
    await drawInChart(nurse, vialLabel, String(BAG.drugMg));
    assert.equal(await ledgerFigureMg(nurse, 'ledger-drawn'), BAG.drugMg);

    // Pump programming: prefilled from the plan; mL/h and volume computed while typing.
    assert.equal(await nurse.getByLabel('Ketamine in the bag').inputValue(), '100');
    assert.equal(await nurse.getByLabel('Bag volume').inputValue(), '100');
    assert.equal(await nurse.getByLabel('Ordered rate').inputValue(), '0.35');
    assert.equal(await nurse.getByLabel('Dosing weight').inputValue(), '68');
    // 0.35 mg/kg/h × 68 kg = 23.8 mg/h; at 1 mg/mL 23.8 mL/h; over 240 min 95.2 mL.
    const computed = nurse.locator('.pump-computed');
    assert.match(await computed.innerText(), /23\.8 mL\/h/);
    assert.match(await computed.innerText(), /95\.2 mL over 240 min/);
    assert.equal(await nurse.getByLabel('Pump rate').inputValue(), '23.8');
    await nurse.getByLabel('Lot').fill('KX-2291');
    await nurse.getByRole('button', { name: 'Save pump programming' }).click();
    const doubleCheck = nurse.locator('.double-check');
    await doubleCheck
      .getByRole('heading', { name: /Awaiting double-check by a second staff member/ })
      .waitFor();
    assert.equal(await start.isDisabled(), true);

    // The second nurse signs the double-check on this screen; a wrong password is named at the field.
    await doubleCheck.getByLabel("Second staff member's email").fill(SECOND_NURSE.email);
    await doubleCheck.getByLabel('Their password').fill('not-their-password');
    await doubleCheck.getByRole('button', { name: 'Sign the double-check' }).click();
    await doubleCheck
      .locator('.field-error')
      .filter({ hasText: /email or password is not correct/ })
      .waitFor();
    await doubleCheck.getByLabel('Their password').fill(SECOND_NURSE.password);
    await doubleCheck.getByRole('button', { name: 'Sign the double-check' }).click();
    await doubleCheck.waitFor({ state: 'detached' });
    assert.match(await nurse.locator('.programs-table').innerText(), /second\.nurse@demo\.ketapath\.test/);

    // Start.
    await nurse.waitForFunction(() => {
      const b = [...document.querySelectorAll('button')].find((x) =>
        x.textContent.includes('Start infusion'),
      );
      return b !== undefined && !b.hasAttribute('disabled');
    });
    await start.click();
    await nurse.locator('.session-header .state-badge').filter({ hasText: 'Running' }).waitFor();

    // Vital signs with a systolic BP over the limit raise a stop-and-call alert at once.
    const vitalsForm = nurse.getByRole('form', { name: 'Vital signs' });
    await vitalsForm.getByLabel('Systolic BP').fill(String(SBP_OVER_LIMIT_MMHG));
    await vitalsForm.getByLabel('Diastolic BP').fill('96');
    await vitalsForm.getByLabel('Heart rate').fill('92');
    await vitalsForm.getByLabel('SpO₂').fill('97');
    await vitalsForm.getByLabel('Respiratory rate').fill('16');
    await vitalsForm.getByRole('button', { name: 'Save vital signs' }).click();
    const sbpAlert = nurse.locator('.alert-item', { hasText: /Stop and call/ }).first();
    await sbpAlert.waitFor();
    const alertText = await sbpAlert.innerText();
    assert.match(alertText, /186/);
    assert.match(alertText, /session\//, 'rule id');
    assert.match(alertText, /180 mmHg/, 'the threshold');
    await sbpAlert.getByText('Sources').click();
    assert.match(await sbpAlert.innerText(), /§4\.2/);
    assert.match(await nurse.locator('.vitals-table').innerText(), /186\/96/);

    // The floor board shows the reading and the alert without a reload.
    await mainCard.filter({ hasText: `${SBP_OVER_LIMIT_MMHG}/96` }).waitFor();
    assert.match(await mainCard.locator('.alert-count-stopAndCall').innerText(), /^[1-9]/);
    await shot(nurse, 'session-01-running-with-alert.png');

    // Acknowledge every open alert with the action taken.
    for (;;) {
      const open = nurse.locator('.alert-item:not(.alert-acked)').first();
      if ((await open.count()) === 0) break;
      const before = await nurse.locator('.alert-acked').count();
      await open
        .getByLabel('Action taken')
        .fill('Infusion reviewed at the chair; physician called; BP rechecked');
      await open.getByRole('button', { name: 'Acknowledge' }).click();
      await nurse.waitForFunction((n) => document.querySelectorAll('.alert-acked').length > n, before);
    }
    assert.match(
      await nurse.locator('.alert-acked').first().innerText(),
      /Acknowledged by nurse@demo\.ketapath\.test/,
    );

    // Someone else changes the chart (pause and resume at the pump): this page's rate change is stale.
    await entry(apiNurse, main.sessionId, { kind: 'pause', reason: 'Patient to the bathroom' }, {}, true);
    await entry(apiNurse, main.sessionId, { kind: 'resume' }, {}, true);
    await nurse.getByRole('button', { name: 'Change rate' }).click();
    const rateForm = nurse.getByRole('form', { name: 'Change rate' });
    await rateForm.getByLabel('New rate').fill('0.25');
    // 0.25 mg/kg/h × 68 kg at 1 mg/mL = 17 mL/h.
    assert.equal(await rateForm.getByLabel('Pump rate').inputValue(), '17');
    await rateForm.getByLabel('Reason').fill('Blood pressure high; slowed per physician');
    await rateForm.getByRole('button', { name: 'Save: change rate' }).click();
    await nurse
      .getByRole('alert')
      .filter({ hasText: 'Someone else changed this chart — reloaded; check and apply your change again.' })
      .waitFor();
    await nurse
      .locator('.event-log')
      .filter({ hasText: /Resumed/ })
      .waitFor();
    // The form keeps what was typed; apply it again.
    await rateForm.getByRole('button', { name: 'Save: change rate' }).click();
    const rateCheck = nurse.locator('.double-check');
    await rateCheck.waitFor();
    assert.match(await rateCheck.innerText(), /0\.25 mg\/kg\/h = 17 mL\/h/);
    await rateCheck.getByLabel("Second staff member's email").fill(SECOND_NURSE.email);
    await rateCheck.getByLabel('Their password').fill(SECOND_NURSE.password);
    await rateCheck.getByRole('button', { name: 'Sign the double-check' }).click();
    await rateCheck.waitFor({ state: 'detached' });

    // Stop.
    await nurse.getByRole('button', { name: 'Stop infusion' }).click();
    const stopForm = nurse.getByRole('form', { name: 'Stop infusion' });
    await stopForm.getByLabel('Reason').fill('Planned course complete for today');
    await stopForm.getByRole('button', { name: 'Save: stop infusion' }).click();
    await nurse.locator('.session-header .state-badge').filter({ hasText: 'Stopped' }).waitFor();
    const given = Number((await nurse.getByTestId('administered-mg').innerText()).replace(/ mg[\s\S]*/, ''));
    assert.ok(given > 0, `administered so far is computed (${given} mg)`);

    // Pain after, then the discharge assessment.
    const painForm = nurse.getByRole('form', { name: 'Pain score' });
    await painForm.getByLabel('When').selectOption('after');
    await painForm.getByLabel('Pain (NRS 0–10)').fill('3');
    await painForm.getByRole('button', { name: 'Save pain score' }).click();
    await nurse.getByText(/^3 — nurse@demo/).waitFor();
    const discharge = nurse.getByRole('form', { name: 'Discharge assessment' });
    for (const row of ['Activity', 'Respiration', 'Consciousness']) {
      await discharge.locator('tr', { hasText: row }).getByRole('radio').first().check();
    }
    assert.equal(await discharge.getByTestId('aldrete-partial').innerText(), '6');
    await discharge.getByLabel('Escort present').check();
    await discharge.getByLabel("Escort's name").fill('Sam Chartwell');
    await discharge.getByLabel('No-driving advice given').check();
    await discharge.getByLabel('Discharge instructions given').check();
    await discharge.getByRole('button', { name: 'Save discharge assessment' }).click();
    await nurse.locator('.session-header .state-badge').filter({ hasText: 'Discharge assessed' }).waitFor();
    assert.match(await nurse.getByTestId('aldrete-total').innerText(), /\/ 10/);
    assert.match(await nurse.getByTestId('observation-remaining').innerText(), /min|complete/);
    await shot(nurse, 'session-02-discharge.png');

    // The remainder of the bag is wasted; the second nurse witnesses it on this screen (REFERENCE §9).
    await wasteInChart(nurse, SECOND_NURSE);
    const administeredMg = await ledgerFigureMg(nurse, 'ledger-administered');
    const wastedMg = await ledgerFigureMg(nurse, 'ledger-wasted');
    assert.ok(Math.abs(administeredMg + wastedMg - BAG.drugMg) < 1e-9, 'drawn = administered + wasted');

    // The observation time after the last dose has not passed (§4.6): signing needs a recorded reason.
    const sign = nurse.getByRole('button', { name: 'Sign the chart as nurse' });
    assert.equal(await sign.isDisabled(), true);
    await nurse
      .getByLabel(/Reason for signing before the discharge criteria/)
      .fill('Physician reviewed at the chair; back to baseline, escort present');
    await sign.click();
    await nurse.locator('.session-header .state-badge').filter({ hasText: 'Nurse signed' }).waitFor();
    assert.match(
      await nurse.locator('.signatures').innerText(),
      /signed before the discharge criteria were met/,
    );
    assert.match(await nurse.locator('.signatures').innerText(), /Nurse signature\s+✓ nurse@demo/i);
    await nurse.getByText("Awaiting the physician's co-signature.").waitFor();

    // The physician co-signs; the chart locks and takes only addenda.
    const doc = floor;
    await doc.goto(`${server.url}/sessions/${main.sessionId}`);
    await doc.getByRole('button', { name: 'Co-sign as physician and lock the chart' }).click();
    await doc.locator('.banner-locked').waitFor();
    await doc.locator('.session-header .state-badge').filter({ hasText: 'Locked' }).waitFor();
    assert.equal(await doc.getByRole('button', { name: 'Sign the chart as nurse' }).count(), 0);
    assert.equal(await doc.getByRole('form', { name: 'Vital signs' }).count(), 0);
    const addendum = doc.getByRole('form', { name: 'Add an addendum' });
    await addendum
      .getByLabel('Text of the addendum')
      .fill('Rescue antiemetic was offered and declined before discharge.');
    await addendum.getByLabel('Reason for the addendum').fill('Omitted from the chart at the time');
    await addendum.getByRole('button', { name: 'Add addendum' }).click();
    await doc
      .locator('.addendum-list')
      .filter({ hasText: /Omitted from the chart at the time/ })
      .waitFor();
    assert.match(
      await doc.locator('.addendum-list').innerText(),
      /physician@demo\.ketapath\.test \(Physician\)/,
    );
    await shot(doc, 'session-03-locked.png');

    // The PDF link answers a PDF.
    const pdfHref = await doc.getByRole('link', { name: 'Print / PDF' }).getAttribute('href');
    assert.equal(pdfHref, `/api/sessions/${main.sessionId}/chart.pdf`);
    const pdf = await doc.request.get(`${server.url}${pdfHref}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

    // The patient's Sessions tab lists the session with its totals and links.
    await doc.goto(`${server.url}/patients/${main.patientId}/sessions`);
    const row = doc.locator(`.sessions-table tr[data-session="${main.sessionId}"]`);
    await row.waitFor();
    const rowText = await row.innerText();
    assert.match(rowText, /Locked/);
    assert.match(rowText, /— → 3/);
    assert.equal(await row.getByRole('link', { name: 'PDF' }).getAttribute('href'), pdfHref);
  });

  it('shows the floor board with several chairs and the front desk the schedule without clinical links', async () => {
    const floor = await signedIn('nurse', { width: 1600, height: 1000 });
    await floor.goto(`${server.url}/floor`);
    await floor.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
    await floor.locator('.chair-card').nth(5).waitFor();
    const running = floor.locator(`.chair-card[data-session="${others[0]?.sessionId ?? ''}"]`);
    assert.match(await running.innerText(), /mL\/h/);
    assert.match(await running.innerText(), /Nurse: /);
    // A monitor-style reading arrives for another chair; its card follows.
    await entry(apiNurse, others[2]?.sessionId ?? '', {
      kind: 'vitals',
      vitals: {
        systolicMmHg: 131,
        diastolicMmHg: 84,
        heartRatePerMin: 77,
        spo2Percent: 99,
        respiratoryRatePerMin: 15,
      },
    });
    await floor
      .locator(`.chair-card[data-session="${others[2]?.sessionId ?? ''}"]`)
      .filter({ hasText: '131/84' })
      .waitFor();
    await shot(floor, 'session-04-floor-board.png');

    const desk = await signedIn('front_desk');
    await desk
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Schedule', exact: true })
      .click();
    await desk.getByRole('heading', { name: 'Schedule', level: 1 }).waitFor();
    const deskRow = desk.locator(`.schedule-table tr[data-session="${others[4]?.sessionId ?? ''}"]`);
    await deskRow.waitFor();
    assert.equal(await desk.locator('.schedule-table a[href^="/sessions/"]').count(), 0, 'no chart links');
    assert.equal(
      await desk
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Floor', exact: true })
        .count(),
      0,
    );
    // The front desk moves a session to another chair.
    await deskRow.getByRole('button', { name: /Change/ }).click();
    await desk.getByLabel('Chair').fill('T12');
    await desk.getByRole('button', { name: 'Save' }).click();
    await status(desk, /updated/).waitFor();
    await desk
      .locator(`.schedule-table tr[data-session="${others[4]?.sessionId ?? ''}"] td`)
      .nth(1)
      .filter({ hasText: /^T12$/ })
      .waitFor();
    await desk.goto(`${server.url}/sessions/${main.sessionId}`);
    await desk.getByRole('heading', { name: 'Not available for your role' }).waitFor();
  });
});

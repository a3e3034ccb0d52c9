/**
 * The controlled-substance ledger in the built clinician app (served by `ketapath demo --serve`) in Debian's
 * Chromium: a nurse receives two lots (a wrong supplier DEA number is named at its field first), quarantines
 * a vial, draws the bag's ketamine on a session chart (the quarantined vial offered but disabled, a volume
 * that disagrees with the mg explained), the session runs and stops, the nurse's signature is refused while
 * the books are open, the remainder is wasted with a second nurse signing in on the same screen (a wrong
 * password refused first), and the signature goes through. The nurse counts the shelf with one vial missing:
 * the discrepancy shows at once with its size; the physician resolves it as theft and the loss report shows
 * its §9 due dates. The reports download (the CSV has the rows, the PDF renders) and the chain verifies.
 * Later the physician corrects a receipt's invoice reference from the entries list (a new entry naming it,
 * with the reason; the chain still verifies) and a nurse, who cannot correct, sees no Correct… button.
 *
 * Setup through the API: the clinic's settings (qualification period, witnessed waste, expiry warning days),
 * a second nurse, and a patient with a signed plan whose session 1 is today.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  ApiSession,
  ensureSetting,
  entry,
  isoDateIn,
  seedPatientWithSession,
  startThroughApi,
  type SeededSession,
} from './api-session.js';
import { launchChromium, REPO_ROOT, startDemoServer, waitForFocus, type DemoServer } from './demo-server.js';
import { fullShot, pdfText, signInContext } from './journey-steps.js';
import {
  drawInChart,
  fillReceipt,
  ledgerFigureMg,
  submitAndWait,
  wasteInChart,
  type LotInput,
} from './ledger-steps.js';

const SHOTS = process.env.LEDGER_SHOTS ?? path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 20_000;
/** The plan's bag: 100 mg in 100 mL; the nurse draws its 100 mg from a 50 mg/mL vial (2 mL). */
const BAG = { drugMg: 100, volumeMl: 100 };
const WEIGHT_KG = 70;
const SECOND_NURSE = {
  email: 'ledger.witness@demo.ketapath.test',
  password: 'ledger-witness-pass-2026',
  displayName: 'Ledger Witness',
};
/** The test clinic's own values where REFERENCE gives none (§9 leaves witnessing waste to state boards). */
const TEST_CLINIC = { validDays: 30, expiryWarningDays: 30 };
/** REFERENCE §9 Theft or significant loss: DEA Form 106 within 45 days (88 FR 40707). */
const FORM_106_DAYS = 45;
const SUPPLIER = {
  name: 'Cardinal Test Supply',
  address: '1 Depot Road, Columbus, OH 43215',
  deaNumber: 'RC1234563',
};
const LOT_A: LotInput = {
  ndc: '0143-9508-10',
  concentrationMgPerMl: '50',
  volumeMl: '10',
  containers: '4',
  lot: 'KX-5001',
  expiresOn: isoDateIn(365),
  supplier: SUPPLIER,
  invoiceRef: 'INV-88120',
};
/** A registered location of its own, so the demo clinic's ledger data stays out of this test. */
const LOCATION = {
  name: 'Infusion suite B',
  deaRegistration: 'FB1234563',
  address: '200 Clinic Way, Suite B, Columbus, OH 43215',
  activity: 'Practitioner (Schedule III)',
};
/** A second lot that expires within the clinic's warning days. */
const LOT_B: LotInput = { ...LOT_A, containers: '2', lot: 'KX-4702', expiresOn: isoDateIn(20) };

describe('the controlled-substance ledger in the browser', { timeout: 480_000 }, () => {
  let server!: DemoServer;
  let browser!: Browser;
  let started: { server?: DemoServer; browser?: Browser } = {};
  let seeded!: SeededSession;
  let apiNurse!: ApiSession;
  let locationId = '';
  /** The containers the first test received, by lot, for the second. */
  const received: { a: string[]; b: string[] } = { a: [], b: [] };

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
    await ensureSetting(
      admin,
      'session.qualification-valid-days',
      TEST_CLINIC.validDays,
      'The test clinic reviews qualifications monthly',
      true,
    );
    await ensureSetting(admin, 'ledger.waste-witness-required', true, 'State board rule: waste is witnessed');
    await ensureSetting(
      admin,
      'ledger.expiry-warning-days',
      TEST_CLINIC.expiryWarningDays,
      'Pharmacy asks for a month’s notice',
    );
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
    const location = await physician.must('POST', '/api/ledger/locations', LOCATION, 201);
    locationId = String(location.id);
    const schedule = await physician.must('GET', '/api/schedule', undefined, 200);
    const nurses = schedule.nurses as Array<{ id: string; displayName: string }>;
    const nurseId = nurses.find((n) => /nurse/i.test(n.displayName))?.id ?? nurses[0]?.id ?? '';
    seeded = await seedPatientWithSession(physician, {
      familyName: 'Ledgerwood',
      weightKg: WEIGHT_KG,
      chair: 'L1',
      nurseId,
      bag: BAG,
    });
  });

  after(async () => {
    await started.browser?.close();
    await started.server?.stop();
  });

  const shot = (page: Page, name: string) => fullShot(page, path.join(SHOTS, `ledger-${name}.png`));
  const ledgerTab = async (page: Page, tab: string) => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Ledger', exact: true })
      .click();
    await page
      .getByRole('navigation', { name: 'Ledger' })
      .getByRole('link', { name: tab, exact: true })
      .click();
    // The location chosen is kept in the browser; the chart's draw form uses it too.
    const picker = page.getByLabel('Location', { exact: true });
    if ((await picker.inputValue()) !== locationId) await picker.selectOption(locationId);
    await page.locator('.ledger-registrant').filter({ hasText: LOCATION.name }).waitFor();
  };

  it('receives, draws, wastes with a witness, counts a missing vial, resolves it and prints the books', async (t) => {
    const t0 = performance.now();
    const nurse = await signInContext(browser, server.url, server.login('nurse'), WAIT_MS, {
      width: 1366,
      height: 900,
    });

    // --- Stock, empty; then Receive: a wrong DEA number is named at its field, then two lots. -------------
    await ledgerTab(nurse, 'Stock');
    await nurse.getByText('No stock received at this location yet.').waitFor();
    await ledgerTab(nurse, 'Receive');
    await fillReceipt(nurse, { ...LOT_A, supplier: { ...SUPPLIER, deaNumber: 'RC12345' } });
    assert.match(await nurse.getByTestId('receipt-total').innerText(), /4 × 500 mg \(10 mL each\) = 2000 mg/);
    await nurse.getByRole('button', { name: 'Record the receipt' }).click();
    const deaError = nurse.locator('.field-invalid', { has: nurse.getByLabel('Supplier DEA number') });
    await deaError
      .locator('.field-error')
      .filter({ hasText: /two capital letters followed by 7 digits/ })
      .waitFor();
    await nurse.locator('.error-summary').filter({ hasText: 'Supplier DEA number' }).waitFor();
    await shot(nurse, '02-receive-field-error');
    await nurse.getByLabel('Supplier DEA number').fill(SUPPLIER.deaNumber);
    await nurse.getByRole('button', { name: 'Record the receipt' }).click();
    const done = nurse.locator('.receipt-done');
    await done.waitFor();
    const labelsA = (await done.locator('.mono').last().innerText()).replace(/\.$/, '').split(', ');
    assert.equal(labelsA.length, 4, `four containers: ${labelsA.join(', ')}`);
    assert.match(await done.innerText(), /in all 2000 mg/);
    await nurse.getByRole('button', { name: 'Receive another lot' }).click();
    // The supplier and invoice stay for the next line of the same invoice.
    assert.equal(await nurse.getByLabel('Supplier DEA number').inputValue(), SUPPLIER.deaNumber);
    await fillReceipt(nurse, LOT_B);
    await nurse.getByRole('button', { name: 'Record the receipt' }).click();
    await done.waitFor();
    const labelsB = (await done.locator('.mono').last().innerText()).replace(/\.$/, '').split(', ');
    assert.equal(labelsB.length, 2);
    const [vialA1, vialA2, vialA3] = labelsA;
    const [vialB1] = labelsB;
    received.a = labelsA;
    received.b = labelsB;
    assert.ok(vialA1 && vialA2 && vialA3 && vialB1);

    // --- Stock: lots with on-hand and expiry marks; one vial quarantined. --------------------------------
    await ledgerTab(nurse, 'Stock');
    const lotRow = (lot: string) => nurse.locator(`.lots-table tr[data-lot="${lot}"]`);
    await lotRow(LOT_A.lot).waitFor();
    assert.match(await lotRow(LOT_A.lot).innerText(), /2000 mg[\s\S]*40 mL/);
    assert.match(
      await lotRow(LOT_B.lot).innerText(),
      /Expires in 20 days/,
      'within the clinic’s 30 warning days',
    );
    const rowB1 = nurse.locator(`.containers-table tr[data-container="${vialB1}"]`);
    await rowB1.getByRole('button', { name: 'Quarantine…' }).click();
    await nurse.getByLabel(`Reason to quarantine ${vialB1}`).fill('Cap seal damaged on arrival');
    await nurse.getByRole('button', { name: 'Quarantine', exact: true }).click();
    await rowB1.locator('[data-status="quarantined"]').waitFor();
    await shot(nurse, '01-stock');

    // --- The session chart: draw the bag's 100 mg from a 50 mg/mL vial. ----------------------------------
    await nurse.goto(`${server.url}/sessions/${seeded.sessionId}`);
    const panel = nurse.locator('.ledger-panel');
    const drawForm = panel.getByRole('form', { name: 'Draw from a vial' });
    await drawForm.locator('option', { hasText: `${vialA1} ·` }).waitFor({ state: 'attached' });
    const quarantined = drawForm.locator('option', { hasText: `${vialB1} ·` });
    assert.equal(await quarantined.isDisabled(), true, 'a quarantined vial cannot be drawn');
    assert.match(await quarantined.innerText(), /quarantined, cannot be drawn/);
    const valueA1 = await drawForm.locator('option', { hasText: `${vialA1} ·` }).getAttribute('value');
    assert.ok(valueA1);
    await drawForm.getByLabel('Vial').selectOption(valueA1);
    assert.equal(await drawForm.getByLabel('Drawn', { exact: true }).inputValue(), '100', 'the order’s bag');
    assert.equal(await drawForm.getByLabel('Volume drawn').inputValue(), '2', '100 mg at 50 mg/mL');
    await drawForm.getByLabel('Volume drawn').fill('2.5');
    await drawForm
      .locator('.draw-mismatch')
      .filter({ hasText: '2.5 mL at 50 mg/mL is 125 mg, not 100 mg' })
      .waitFor();
    await drawForm.getByLabel('Volume drawn').fill('2');
    await drawForm.locator('.draw-mismatch').waitFor({ state: 'detached' });
    await drawInChart(nurse, vialA1, '100');
    assert.equal(await ledgerFigureMg(nurse, 'ledger-drawn'), 100);
    assert.equal(await ledgerFigureMg(nurse, 'ledger-open'), 100);
    await shot(nurse, '03-session-draw');

    // --- The infusion runs and stops (through the API: the session chart test drives these screens). -----
    await startThroughApi(apiNurse, seeded.sessionId, {
      weightKg: WEIGHT_KG,
      bag: BAG,
      lot: LOT_A.lot,
      witness: SECOND_NURSE,
    });
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await entry(
      apiNurse,
      seeded.sessionId,
      { kind: 'stop', reason: 'Planned course complete for today' },
      {},
      true,
    );
    await entry(
      apiNurse,
      seeded.sessionId,
      {
        kind: 'discharge-assessment',
        aldrete: { activity: 2, respiration: 2, circulation: null, consciousness: 2, oxygenSaturation: null },
        escortPresent: true,
        escortName: 'Sam Ledgerwood',
        noDrivingAdviceGiven: true,
        instructionsGiven: true,
      },
      {},
      true,
    );
    await nurse.reload();
    await nurse.locator('.session-header .state-badge').filter({ hasText: 'Discharge assessed' }).waitFor();
    await panel.getByTestId('ledger-unbalanced').waitFor();
    const administeredMg = await ledgerFigureMg(nurse, 'ledger-administered');
    const openMg = await ledgerFigureMg(nurse, 'ledger-open');
    assert.ok(administeredMg > 0 && administeredMg < 100, `administered ${administeredMg} mg`);
    assert.ok(Math.abs(administeredMg + openMg - 100) < 1e-9, `${administeredMg} + ${openMg} = 100 mg`);

    // --- The nurse's signature is refused while the books are open. --------------------------------------
    const reason = nurse.getByLabel(/Reason for signing before the discharge criteria/);
    if ((await reason.count()) > 0) {
      await reason.fill('Physician reviewed at the chair; back to baseline, escort present');
    }
    const sign = nurse.getByRole('button', { name: 'Sign the chart as nurse' });
    await sign.click();
    const refusal = nurse
      .locator('.text-danger')
      .filter({ hasText: /balance|not balanced/i })
      .first();
    await refusal.waitFor();
    t.diagnostic(`signature refused: ${await refusal.innerText()}`);
    await shot(nurse, '04-session-refused');
    assert.match(await refusal.innerText(), /100 mg/, 'the refusal names the drawn amount');
    await nurse.locator('.session-header .state-badge').filter({ hasText: 'Discharge assessed' }).waitFor();

    // --- Waste the remainder; the witness signs in here (a wrong password first). -------------------------
    const wasteForm = panel.getByRole('form', { name: 'Waste the remainder' });
    assert.equal(Number(await wasteForm.getByLabel('Wasted', { exact: true }).inputValue()), openMg);
    await wasteForm.getByLabel('Witness: email').fill(SECOND_NURSE.email);
    await wasteForm.getByLabel('Witness: password').fill('not-the-witness-password');
    await wasteForm.getByRole('button', { name: 'Record the waste' }).click();
    await wasteForm
      .locator('.text-danger, .field-error')
      .filter({ hasText: /password|witness/i })
      .first()
      .waitFor();
    assert.equal(await panel.getByTestId('ledger-balanced').count(), 0, 'nothing recorded');
    await wasteInChart(nurse, SECOND_NURSE);
    assert.equal(await ledgerFigureMg(nurse, 'ledger-wasted'), openMg);
    assert.match(
      await panel.locator('.ledger-entries-table').innerText(),
      new RegExp(SECOND_NURSE.displayName),
    );
    await shot(nurse, '05-session-waste');
    await sign.click();
    await nurse.locator('.session-header .state-badge').filter({ hasText: 'Nurse signed' }).waitFor();

    // --- Count with a planted discrepancy: one sealed vial is not on the shelf. -------------------------
    await ledgerTab(nurse, 'Count');
    const countRow = (label: string): Locator => nurse.locator(`.count-table tr[data-container="${label}"]`);
    await countRow(vialA1).waitFor();
    const rows = await nurse.locator('.count-table tbody tr').count();
    assert.equal(rows, 6, 'the six containers on the shelf');
    // Opened: 500 − 100 mg at 50 mg/mL leaves 8 mL (an estimate is allowed, §9).
    assert.match(await countRow(vialA1).innerText(), /estimate allowed, §9/);
    await countRow(vialA1).getByLabel(`${vialA1}: mL on the shelf`).fill('8');
    for (const label of [...labelsA.slice(1), ...labelsB]) {
      await countRow(label)
        .getByLabel(label === vialA3 ? 'Missing' : 'Present, sealed')
        .check();
    }
    await nurse.locator('.count-progress').filter({ hasText: '6 of 6 counted' }).waitFor();
    await shot(nurse, '06-count-entry');
    await nurse.getByRole('button', { name: /^Save the count/ }).click();
    const result = nurse.locator('.count-result');
    await result.waitFor();
    const banner = await result.locator('.banner').innerText();
    assert.match(banner, /1 discrepancy opened, in all −500 mg/);
    assert.match(banner, new RegExp(`${vialA3}: expected 500 mg, counted 0 mg — −500 mg`));
    assert.match(
      await result.locator(`tr[data-container="${vialA1}"]`).innerText(),
      /400 mg[\s\S]*400 mg \(estimated\)/,
    );
    await shot(nurse, '07-count-result');

    // --- The queue: the nurse notes the search; the physician resolves it as theft → loss report. -------
    await result.getByRole('link', { name: 'Open the discrepancy queue' }).click();
    const card = nurse.locator('.discrepancy-card').first();
    await card.waitFor();
    assert.match(await card.getByTestId('difference').innerText(), /−500 mg/);
    await card.getByLabel('Investigation note').fill('Shelf, fridge and sharps bin searched; not found');
    await card.getByRole('button', { name: 'Add note' }).click();
    await card.locator('.discrepancy-notes').filter({ hasText: 'not found' }).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Resolve' }).count(), 0, 'nurses do not resolve');

    const doc = await signInContext(browser, server.url, server.login('physician'), WAIT_MS);
    await ledgerTab(doc, 'Discrepancies');
    const docCard = doc.locator('.discrepancy-card').first();
    await docCard.getByLabel('What happened').selectOption('theft');
    await docCard
      .locator('.banner-caution')
      .filter({ hasText: /DEA Form 106 within 45 days/ })
      .waitFor();
    await docCard
      .getByLabel('Explanation')
      .fill('Vial missing after the evening count; access log under review');
    await docCard.getByRole('button', { name: 'Resolve' }).click();
    const report = doc.locator('.loss-report').first();
    await report.waitFor();
    assert.match(
      await report.getByTestId('form-106-due').innerText(),
      new RegExp(`due in ${FORM_106_DAYS} days`),
    );
    assert.match(await report.getByTestId('written-notice-due').innerText(), /due (today|in \d+ days?)/);
    assert.match(await report.innerText(), /Quantity lost: 500 mg/);
    const lossReports = await apiNurse.must('GET', '/api/ledger/loss-reports', undefined, 200);
    const opened = (lossReports.lossReports as Array<{ form106DueOn: string; locationId: string }>).find(
      (r) => r.locationId === locationId,
    );
    assert.ok(opened);
    assert.equal(opened.form106DueOn, isoDateIn(FORM_106_DAYS), '§9: Form 106 within 45 days of discovery');
    await shot(doc, '08-discrepancy');

    // --- Stock after it all: received − drawn − the loss. ------------------------------------------------
    await ledgerTab(doc, 'Stock');
    await doc.locator(`.lots-table tr[data-lot="${LOT_A.lot}"]`).filter({ hasText: '1400 mg' }).waitFor();

    // --- Reports: the administration log's CSV has the session, its PDF renders; the chain verifies. ----
    await ledgerTab(doc, 'Reports');
    await doc.getByRole('radio', { name: /Administration log/ }).check();
    const csvHref = await doc.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    assert.ok(csvHref);
    const csv = await doc.request.get(`${server.url}${csvHref}`);
    assert.equal(csv.status(), 200);
    const csvText = await csv.text();
    assert.match(csvText, /Ledgerwood/, 'the patient');
    assert.match(csvText, new RegExp(LOT_A.lot), 'the lot');
    const pdfHref = await doc.getByRole('link', { name: 'Open PDF' }).getAttribute('href');
    assert.ok(pdfHref);
    const pdf = await doc.request.get(`${server.url}${pdfHref}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
    const pdfBody = await pdf.body();
    assert.equal(pdfBody.subarray(0, 5).toString('latin1'), '%PDF-');
    writeFileSync(path.join(SHOTS, 'ledger-administrations.pdf'), pdfBody);
    assert.match(await pdfText(pdfBody), /Ledgerwood/);
    await doc.getByRole('radio', { name: /Receipts log/ }).check();
    const receipts = await doc.request.get(
      `${server.url}${(await doc.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? ''}`,
    );
    const receiptsText = await receipts.text();
    assert.match(receiptsText, new RegExp(LOT_B.lot));
    assert.match(receiptsText, new RegExp(SUPPLIER.deaNumber));
    await doc.getByRole('button', { name: 'Verify the chain' }).click();
    await doc
      .getByTestId('chain-result')
      .filter({ hasText: /Chain intact: \d+ entries/ })
      .waitFor();
    await shot(doc, '09-reports');

    await nurse.context().close();
    await doc.context().close();
    t.diagnostic(`${((performance.now() - t0) / 1000).toFixed(1)} s in the browser`);
  });

  it('wastes an opened vial, destroys quarantined stock with two witnesses and takes an inventory', async () => {
    const [vialA1] = received.a;
    const [vialB1] = received.b;
    assert.ok(vialA1 && vialB1, 'the first test received the stock');
    const nurse = await signInContext(browser, server.url, server.login('nurse'), WAIT_MS);

    // --- The opened vial's 400 mg remainder is wasted, the second nurse witnessing on this screen. ------
    await ledgerTab(nurse, 'Stock');
    const rowA1 = nurse.locator(`.containers-table tr[data-container="${vialA1}"]`);
    await rowA1.getByRole('button', { name: 'Waste remainder…' }).click();
    const wasteForm = nurse.getByRole('form', { name: `Waste the remainder of ${vialA1}` });
    assert.match(await wasteForm.innerText(), /400 mg in 8 mL/);
    await wasteForm.getByLabel('Witness: email').fill(SECOND_NURSE.email);
    await wasteForm.getByLabel('Witness: password').fill(SECOND_NURSE.password);
    await submitAndWait(
      wasteForm,
      'Record the waste',
      nurse.getByRole('status').filter({ hasText: `400 mg (8 mL) of ${vialA1} wasted.` }),
    );
    await nurse.getByLabel('Show').selectOption('all');
    await rowA1.locator('[data-status="empty"]').waitFor();
    await nurse.context().close();

    // --- The physician destroys the quarantined vial on site; two staff witness, each signing in. -------
    const doc = await signInContext(browser, server.url, server.login('physician'), WAIT_MS);
    await ledgerTab(doc, 'Destruction');
    // A form belongs to one location: begun at another and switched back, it starts afresh with this
    // location's place, not the other's half-filled fields.
    const picker = doc.getByLabel('Location', { exact: true });
    const otherLocation = await picker
      .locator('option')
      .evaluateAll(
        (options, here) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v !== here),
        locationId,
      );
    assert.ok(otherLocation, 'the clinic has its Main location besides this one');
    await picker.selectOption(otherLocation);
    await doc.locator('.ledger-registrant').filter({ hasNotText: LOCATION.name }).waitFor();
    assert.doesNotMatch(await doc.getByLabel('Place').inputValue(), new RegExp(LOCATION.name));
    await doc.getByLabel('Method').fill('begun at the other location');
    await picker.selectOption(locationId);
    await doc.locator('.ledger-registrant').filter({ hasText: LOCATION.name }).waitFor();
    assert.equal(
      await doc.getByLabel('Method').inputValue(),
      '',
      'the other location’s form is not carried over',
    );
    await doc.getByRole('button', { name: /^Choose the 1 expired or quarantined$/ }).click();
    assert.equal(await doc.getByLabel(`Destroy ${vialB1}`).isChecked(), true);
    await doc.getByLabel('Method').fill('Denaturing kit (non-retrievable), per clinic SOP');
    assert.match(await doc.getByLabel('Place').inputValue(), new RegExp(LOCATION.name));
    await doc.getByLabel('Witness 1: email').fill(SECOND_NURSE.email);
    await doc.getByLabel('Witness 1: password').fill(SECOND_NURSE.password);
    await doc.getByLabel('Witness 2: email').fill(server.login('nurse').email);
    await doc.getByLabel('Witness 2: password').fill(server.login('nurse').password);
    await shot(doc, '10-destruction');
    await doc.getByRole('button', { name: 'Record the destruction' }).click();
    await doc
      .getByRole('status')
      .filter({ hasText: /Destruction of 1 container recorded/ })
      .waitFor();
    // No longer on the shelf once the stock has reloaded (the status shows before the reload ends).
    await doc.getByLabel(`Destroy ${vialB1}`).waitFor({ state: 'detached' });

    // --- An initial inventory of what is left: every remaining container sealed and present. ----------
    await ledgerTab(doc, 'Inventory');
    const form = doc.getByRole('form', { name: 'Take an inventory' });
    assert.equal(
      await form.getByLabel('Type').inputValue(),
      'initial',
      'the first inventory is the initial one',
    );
    const rows = form.locator('.count-table tbody tr');
    const count = await rows.count();
    assert.ok(count >= 1, 'containers on the shelf');
    for (let i = 0; i < count; i++) await rows.nth(i).getByLabel('Present, sealed').check();
    await doc
      .locator('.count-progress')
      .filter({ hasText: `${count} of ${count} counted` })
      .waitFor();
    await form.getByRole('button', { name: 'Record the inventory' }).click();
    await doc
      .getByRole('status')
      .filter({ hasText: `Inventory of ${count} containers recorded.` })
      .waitFor();
    const listed = doc.locator('.inventories-table tbody tr').first();
    await listed.filter({ hasText: /Initial/ }).waitFor();
    await shot(doc, '11-inventory');
    const inventoryPdf = await doc.request.get(
      `${server.url}${(await listed.getByRole('link', { name: 'PDF' }).getAttribute('href')) ?? ''}`,
    );
    assert.equal(inventoryPdf.status(), 200);
    assert.match(await pdfText(await inventoryPdf.body()), /nventory/);

    // --- The waste and destruction log has both; the chain still verifies. ------------------------------
    await ledgerTab(doc, 'Reports');
    await doc.getByRole('radio', { name: /Waste and destruction log/ }).check();
    const log = await doc.request.get(
      `${server.url}${(await doc.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? ''}`,
    );
    const logText = await log.text();
    assert.ok(logText.includes(vialA1), `the container waste of ${vialA1}`);
    assert.ok(logText.includes(vialB1), `the destruction of ${vialB1}`);
    await doc.getByRole('button', { name: 'Verify the chain' }).click();
    const chainResult = doc.getByTestId('chain-result').filter({ hasText: /Chain intact/ });
    await chainResult.waitFor();
    const entriesBefore = Number(/Chain intact: (\d+) entries/.exec(await chainResult.innerText())?.[1]);

    // --- The physician corrects the receipt's invoice reference: a new entry naming it, with the reason. --
    await doc.getByRole('button', { name: /^Show the entries/ }).click();
    const receiptRow = doc.locator(`.entries-table tr[data-kind="receipt"][data-lot="${LOT_A.lot}"]`);
    const receiptSeq = Number(await receiptRow.getAttribute('data-seq'));
    await receiptRow.getByRole('button', { name: /^Correct…/ }).click();
    const correction = doc.getByRole('form', { name: `Correct entry #${receiptSeq}` });
    await correction.getByText(`Correct entry #${receiptSeq} — Receipt, ${LOT_A.lot}`).waitFor();
    const whatWasWrong = correction.getByLabel(/^What was wrong/);
    await waitForFocus(doc, 'field-correction-field', 'focus in the form, on What was wrong');
    await correction.getByRole('button', { name: 'Record the correction' }).click();
    await correction
      .locator('.field-invalid', { has: doc.getByLabel(/^Reason/) })
      .locator('.field-error')
      .filter({ hasText: 'is required' })
      .waitFor();
    await whatWasWrong.fill('invoice reference');
    await correction.getByLabel('Recorded as').fill(LOT_A.invoiceRef);
    await correction.getByLabel('Should be').fill('INV-88121');
    await correction
      .getByLabel(/^Reason/)
      .fill('The supplier invoice reads INV-88121, typed wrong at receipt');
    await shot(doc, '12-correction');
    await correction.getByRole('button', { name: 'Record the correction' }).click();
    await doc
      .getByRole('status')
      .filter({ hasText: new RegExp(`Correction of entry #${receiptSeq} recorded as entry #\\d+\\.`) })
      .waitFor();
    const correctionRow = doc
      .locator('.entries-table tr[data-kind="correction"]')
      .filter({ hasText: `(corrects #${receiptSeq})` });
    await correctionRow.filter({ hasText: 'typed wrong at receipt' }).waitFor();
    assert.match(await correctionRow.innerText(), /invoice reference: INV-88120 → INV-88121/);
    await doc.getByRole('button', { name: 'Verify the chain' }).click();
    await doc
      .getByTestId('chain-result')
      .filter({ hasText: `Chain intact: ${entriesBefore + 1} entries` })
      .waitFor();
    await doc.context().close();

    // --- A nurse reads the correction but cannot correct (ledger:manage is the physician's and admin's). --
    const reader = await signInContext(browser, server.url, server.login('nurse'), WAIT_MS);
    await ledgerTab(reader, 'Reports');
    await reader.getByRole('button', { name: /^Show the entries/ }).click();
    await reader
      .locator('.entries-table tr[data-kind="correction"]')
      .filter({ hasText: `(corrects #${receiptSeq})` })
      .waitFor();
    assert.equal(
      await reader.getByRole('button', { name: /^Correct…/ }).count(),
      0,
      'no Correct… for a nurse',
    );
    await reader.context().close();
  });
});

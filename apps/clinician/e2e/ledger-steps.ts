/**
 * Ledger steps the browser tests share, done in the app as staff do them: receiving a lot on the Receive
 * tab, drawing the bag's ketamine from a vial on the session chart, and wasting the remainder after the stop
 * with a second staff member signing in on the same screen, so the nurse's signature is accepted.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

export interface Credentials {
  email: string;
  password: string;
}

export interface LotInput {
  ndc: string;
  concentrationMgPerMl: string;
  volumeMl: string;
  containers: string;
  lot: string;
  expiresOn: string;
  supplier: { name: string; address: string; deaNumber: string };
  invoiceRef: string;
}

/** Fills the Receive tab with one lot (the page is open) without sending it. */
export async function fillReceipt(page: Page, lot: LotInput): Promise<void> {
  const form = page.getByRole('form', { name: 'Receive stock' });
  await form.getByLabel('NDC').fill(lot.ndc);
  await form.getByLabel('Concentration').fill(lot.concentrationMgPerMl);
  await form.getByLabel('Volume per container').fill(lot.volumeMl);
  await form.getByLabel('Number of containers').fill(lot.containers);
  await form.getByLabel('Lot').fill(lot.lot);
  await form.getByLabel('Expires on').fill(lot.expiresOn);
  await form.getByLabel('Supplier name').fill(lot.supplier.name);
  await form.getByLabel('Supplier address').fill(lot.supplier.address);
  await form.getByLabel('Supplier DEA number').fill(lot.supplier.deaNumber);
  await form.getByLabel('Invoice reference').fill(lot.invoiceRef);
}

/** Receives one lot through the Ledger's Receive tab; returns the container labels it lists. */
export async function receiveLot(page: Page, lot: LotInput): Promise<string[]> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Ledger', exact: true })
    .click();
  await page
    .getByRole('navigation', { name: 'Ledger' })
    .getByRole('link', { name: 'Receive', exact: true })
    .click();
  await fillReceipt(page, lot);
  await page.getByRole('button', { name: 'Record the receipt' }).click();
  const done = page.locator('.receipt-done');
  await done.waitFor();
  const labels = (await done.locator('.mono').last().innerText()).replace(/\.$/, '').split(', ');
  assert.equal(labels.length, Number(lot.containers), `${lot.containers} containers received`);
  return labels;
}

/** On the open session chart: draws `mg` from the vial `label` (mL computed from its concentration). */
export async function drawInChart(page: Page, label: string, mg: string): Promise<void> {
  const panel = page.locator('.ledger-panel');
  const form = panel.getByRole('form', { name: 'Draw from a vial' });
  const draws = panel.locator('.ledger-entries-table tr[data-kind="draw"]');
  const drawsBefore = await draws.count();
  const option = form.locator('option', { hasText: `${label} ·` }).first();
  await option.waitFor({ state: 'attached' });
  const value = await option.getAttribute('value');
  assert.ok(value, `the vial ${label} is offered`);
  await form.getByLabel('Vial').selectOption(value);
  await form.getByLabel('Drawn', { exact: true }).fill(mg);
  await form.getByRole('button', { name: 'Record the draw' }).click();
  await panel
    .getByRole('status')
    .filter({ hasText: `Drawn ${mg} mg` })
    .waitFor();
  // The balance follows once the session's ledger has been read again.
  await draws.nth(drawsBefore).waitFor();
}

/** After the stop: wastes the open remainder with `witness` signing in on the chart. */
export async function wasteInChart(page: Page, witness: Credentials): Promise<void> {
  const panel = page.locator('.ledger-panel');
  const form = panel.getByRole('form', { name: 'Waste the remainder' });
  await form.getByLabel('Witness: email').fill(witness.email);
  await form.getByLabel('Witness: password').fill(witness.password);
  await submitAndWait(form, 'Record the waste', panel.getByTestId('ledger-balanced'));
}

/**
 * Presses `button` of a ledger form and waits for `success`; a refusal the form shows (its message and field
 * errors) fails the test with that text rather than a bare timeout.
 */
export async function submitAndWait(form: Locator, button: string, success: Locator): Promise<void> {
  await form.getByRole('button', { name: button }).click();
  const refused = form.locator('.form-status .text-danger');
  const outcome = await Promise.race([
    success.waitFor().then(
      () => null,
      () => 'no answer',
    ),
    refused.waitFor().then(
      () => refused.innerText(),
      () => null,
    ),
  ]);
  if (outcome !== null) {
    const fields = await form.locator('.field-error').allInnerTexts();
    assert.fail(`${button}: not recorded: ${outcome} ${fields.join(' · ')}`);
  }
}

/** The mg a balance figure of the session's ledger panel shows ("100 mg" → 100). */
export async function ledgerFigureMg(page: Page, testId: string): Promise<number> {
  const text = await page.locator('.ledger-panel').getByTestId(testId).innerText();
  const match = /(-?[\d.]+) mg/.exec(text);
  assert.ok(match?.[1], `a mg figure in "${text}"`);
  return Number(match[1]);
}

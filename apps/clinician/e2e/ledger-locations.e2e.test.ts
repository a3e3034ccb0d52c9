/**
 * The registered locations in the built clinician app (served by `ketapath demo --serve`) in Debian's
 * Chromium: the physician opens Ledger › Locations, edits Main from the keyboard (a malformed DEA number is
 * named at its field first), records its DEA registration and address with a reason, and the ledger's
 * header shows the registration; a new location is registered from the same tab. A nurse reads the list
 * without the forms.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, REPO_ROOT, startDemoServer, waitForFocus, type DemoServer } from './demo-server.js';
import { fullShot, signInContext } from './journey-steps.js';

const SHOTS = process.env.LEDGER_SHOTS ?? path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 20_000;
const MAIN = { dea: 'FM1234563', address: '12 Harbour Road, Springfield, IL 62701' };
const SATELLITE = {
  name: 'Satellite room',
  dea: 'FS7654321',
  address: '14 Harbour Road, Springfield, IL 62701',
  activity: 'Practitioner (Schedule III)',
};

describe('registered locations in the browser', { timeout: 240_000 }, () => {
  let started: { server?: DemoServer; browser?: Browser } = {};
  let server!: DemoServer;
  let browser!: Browser;

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

  const openLocations = async (page: Page) => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Ledger', exact: true })
      .click();
    await page
      .getByRole('navigation', { name: 'Ledger' })
      .getByRole('link', { name: 'Locations', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Registered locations' }).waitFor();
    // The demo clinic has its own demo room too: the header shows the location chosen, here Main.
    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Main' });
  };
  const row = (page: Page, name: string) =>
    page.locator('.locations-table tbody tr').filter({ has: page.getByRole('rowheader', { name }) });

  it('records Main’s DEA registration from the Locations tab and shows it in the ledger header', async () => {
    const page = await signInContext(browser, server.url, server.login('physician'), WAIT_MS);
    await openLocations(page);
    const header = page.locator('.ledger-registrant');
    await header.filter({ hasText: 'Main' }).filter({ hasText: 'not recorded' }).waitFor();
    await row(page, 'Main').filter({ hasText: 'not recorded' }).waitFor();

    // From the keyboard: Enter on Edit opens the form with the name focused; Escape closes it again.
    const edit = page.getByRole('button', { name: 'Edit Main' });
    const editId = await edit.getAttribute('id');
    assert.ok(editId);
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Edit Main' });
    await form.waitFor();
    await waitForFocus(page, 'field-name', 'the form opens on its first field');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await waitForFocus(page, editId, 'the keyboard goes back to Edit Main');
    await page.keyboard.press('Enter');
    await form.waitFor();

    // A malformed number: the server's message under the DEA registration field.
    await form.getByLabel('DEA registration').fill('FM12');
    await form.getByLabel('Reason for the change').fill('Registration certificate received');
    await form.getByRole('button', { name: 'Save the change' }).click();
    const deaField = form.locator('.field-invalid', { has: page.getByLabel('DEA registration') });
    await deaField
      .locator('.field-error')
      .filter({ hasText: /two capital letters/ })
      .waitFor();
    await fullShot(page, path.join(SHOTS, 'ledger-09-locations-refused.png'));

    await form.getByLabel('DEA registration').fill(MAIN.dea.toLowerCase());
    await form.getByLabel('Address').fill(MAIN.address);
    await form.getByLabel('Activity').fill('Practitioner (Schedule III)');
    await form.getByLabel('Reason for the change').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saved: Main (version 2).' }).waitFor();
    await form.waitFor({ state: 'detached' });
    await waitForFocus(page, editId, 'the keyboard goes back to Edit Main');
    await row(page, 'Main').filter({ hasText: MAIN.dea }).filter({ hasText: MAIN.address }).waitFor();
    await header.filter({ hasText: MAIN.dea }).filter({ hasText: MAIN.address }).waitFor();
    assert.doesNotMatch(await header.innerText(), /not recorded/);

    // A second location from the same tab.
    await page.getByRole('button', { name: 'New location' }).click();
    const create = page.getByRole('form', { name: 'New location' });
    await create.getByLabel('Name').fill(SATELLITE.name);
    await create.getByLabel('DEA registration').fill(SATELLITE.dea);
    await create.getByLabel('Address').fill(SATELLITE.address);
    await create.getByLabel('Activity').fill(SATELLITE.activity);
    await create.getByRole('button', { name: 'Register the location' }).click();
    await row(page, SATELLITE.name).filter({ hasText: SATELLITE.dea }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `Registered ${SATELLITE.name}.` })
      .waitFor();
    await fullShot(page, path.join(SHOTS, 'ledger-09-locations.png'));
    await page.context().close();
  });

  it('shows a nurse the locations without the forms', async () => {
    const page = await signInContext(browser, server.url, server.login('nurse'), WAIT_MS);
    await openLocations(page);
    await row(page, 'Main').filter({ hasText: MAIN.dea }).waitFor();
    await page.locator('.ledger-registrant').filter({ hasText: MAIN.dea }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Edit / }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'New location' }).count(), 0);
    await page.getByText('A physician or an administrator can change these.').waitFor();
    await page.context().close();
  });
});

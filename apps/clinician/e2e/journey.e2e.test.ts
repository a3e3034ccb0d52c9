/**
 * Browser journey through the built clinician app (apps/clinician/dist, served by `ketapath demo --serve`)
 * in Debian's Chromium: sign in, register a patient, find it, a bad weight shows its field error, sign out;
 * front desk sees no audit; the admin finds the new patient in the audit trail.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, REPO_ROOT, startDemoServer, waitForFocus, type DemoServer } from './demo-server.js';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'clinician-e2e');
const WAIT_MS = 15_000;

/** A family name no demo patient has: letters only, so the search reads it as a name. */
function uniqueFamilyName(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let tail = '';
  for (let i = 0; i < 6; i++) tail += letters.charAt(Math.floor(Math.random() * letters.length));
  return `Quillon${tail}`;
}

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('clinician app journey', { timeout: 180_000 }, () => {
  // Assigned in `before`; `after` tolerates a failed start.
  let server!: DemoServer;
  let browser!: Browser;
  let started: { server?: DemoServer; browser?: Browser } = {};
  const familyName = uniqueFamilyName();
  let patientId = '';

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

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (error) => {
      assert.fail(`page error: ${error.message}`);
    });
    return page;
  }

  async function signIn(page: Page, role: string): Promise<void> {
    const login = server.login(role);
    await page.goto(server.url);
    await page.getByLabel('Email').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  }

  it('signs in, registers a patient, finds it, refuses a bad weight, signs out', async () => {
    const page = await newPage();
    const physician = server.login('physician');

    // A wrong password is refused with the server's message.
    await page.goto(server.url);
    await page.getByLabel('Email').fill(physician.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The email or password is not correct.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, '01-sign-in-error.png') });

    await page.getByLabel('Password').fill(physician.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.getByText('DEMO DATA').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^1–25 of \d+ patients$/ })
      .waitFor();
    assert.ok((await page.locator('.patient-table tbody tr').count()) > 0, 'the demo patients are listed');
    await page.screenshot({ path: path.join(SHOTS, '02-patient-list.png') });

    // Register: a weight of 500 kg is refused beside the weight field, with the range.
    await page.getByRole('link', { name: 'New patient' }).click();
    await page.getByLabel('Family name').fill(familyName);
    await page.getByLabel('Given names').fill('Maren');
    await page.getByLabel('Preferred name').fill('Mo');
    await page.getByLabel('Date of birth').fill('1979-04-23');
    await page.getByLabel('Sex at birth').selectOption('female');
    await page.getByLabel('Weight (kg)').fill('500');
    await page.getByLabel('Height (cm)').fill('168');
    await page.getByRole('button', { name: 'Register patient' }).click();
    const weightError = page.locator('#field-weightKg-error');
    await weightError.waitFor();
    assert.match(await weightError.innerText(), /must be between 20 and 400 kg/);
    assert.equal(await page.getByLabel('Weight (kg)').getAttribute('aria-invalid'), 'true');
    await waitForFocus(page, 'field-weightKg', 'focus moves to the bad field');
    await page.screenshot({ path: path.join(SHOTS, '03-create-weight-error.png'), fullPage: true });

    await page.getByLabel('Weight (kg)').fill('71.5');
    await page.getByLabel('Measured on').fill(isoDaysAgo(60));
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    patientId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { level: 1, name: new RegExp(familyName) }).waitFor();
    await page.getByText(/Registered Maren/).waitFor();

    // A later weight, so the chart has a line; a bad one is refused beside the field.
    await page.getByLabel('Weight (kg)').fill('500');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    assert.match(await page.locator('#field-weightKg-error').innerText(), /must be between 20 and 400 kg/);
    await page.getByLabel('Weight (kg)').fill('69.8');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText(/Recorded weight 69\.8 kg/).waitFor();
    await page.locator('.patient-facts').getByText('69.8 kg').waitFor();
    await page.locator('.weight-chart canvas').waitFor();
    assert.equal(await page.locator('.measurement-table').first().locator('tbody tr').count(), 2);
    await page.screenshot({ path: path.join(SHOTS, '04-patient-page.png'), fullPage: true });

    // Tabs have their own URLs.
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.waitForURL(new RegExp(`/patients/${patientId}/sessions$`));
    await page.getByText(/^No sessions yet\./).waitFor();

    // Find it with the keyboard: / focuses the search, ↓ moves to the row, Enter opens it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type(familyName.toLowerCase().slice(0, 10));
    await page
      .getByRole('status')
      .filter({ hasText: /^1 patient match/ })
      .waitFor();
    await page.getByRole('link', { name: `${familyName}, Maren` }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, '05-search.png') });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/patients/${patientId}$`));

    // Sign out: back to the sign-in page, and the list is no longer reachable.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${server.url}/patients`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.locator('.patient-table').count(), 0);
    const status = await page.evaluate(async () => (await fetch('/api/patients')).status);
    assert.equal(status, 401);
    await page.context().close();
  });

  it('shows front desk no audit trail', async () => {
    const page = await newPage();
    await signIn(page, 'front_desk');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Patients' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Audit' }).count(), 0);
    await page.goto(`${server.url}/audit`);
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();

    // A session that ends server-side (here: the cookie is gone) drops to sign-in with a message.
    await nav.getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await page.context().clearCookies();
    await page.getByLabel('Search patients').fill('smith');
    await page.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.context().close();
  });

  it('shows the admin the audit rows of the new patient', async () => {
    assert.ok(patientId, 'the journey registered a patient');
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page.getByLabel('Action').selectOption('patient.create');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.audit-table[aria-busy="false"]').waitFor();
    assert.deepEqual(
      [...new Set(await page.locator('.audit-table tbody td:nth-child(4)').allInnerTexts())],
      ['patient.create'],
      'the action filter applies',
    );
    const created = page
      .locator('.audit-table tbody tr')
      .filter({ hasText: 'patient.create' })
      .filter({ has: page.locator(`a[href="/patients/${patientId}"]`) });
    await created.first().waitFor();
    const row = await created.first().innerText();
    assert.match(row, /physician@demo\.ketapath\.test/);
    assert.match(row, /Physician/);
    assert.match(row, /patient\.create/);
    assert.match(row, /Success/);

    await page.getByLabel('Action').selectOption('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.audit-table[aria-busy="false"]').waitFor();
    assert.ok(
      (await page.locator(`.audit-table a[href="/patients/${patientId}"]`).count()) >= 3,
      'create, reads and measurements are audited',
    );
    await page.screenshot({ path: path.join(SHOTS, '06-audit.png'), fullPage: false });
    await page.context().close();
  });

  it('refuses a stale edit with a clear message and reloads the newer version', async () => {
    assert.ok(patientId, 'the journey registered a patient');
    const first = await newPage();
    await signIn(first, 'physician');
    const second = await first.context().newPage();
    second.setDefaultTimeout(WAIT_MS);
    for (const page of [first, second]) {
      await page.goto(`${server.url}/patients/${patientId}/edit`);
      await page.getByRole('heading', { name: 'Edit demographics and contact' }).waitFor();
    }
    await first.getByLabel('Phone').fill('+1 555 0100');
    await first.getByRole('button', { name: 'Save changes' }).click();
    await first.getByText('Changes saved.').waitFor();

    await second.getByLabel('Preferred name').fill('Marnie');
    await second.getByRole('button', { name: 'Save changes' }).click();
    await second.getByText('Someone else changed this patient after you opened it.').waitFor();
    await second.waitForFunction(() => document.activeElement?.textContent === 'Reload patient');
    await second.screenshot({ path: path.join(SHOTS, '07-edit-conflict.png') });
    await second.getByRole('button', { name: 'Reload patient' }).click();
    await second.waitForFunction(
      () => (document.getElementById('field-phone') as HTMLInputElement | null)?.value === '+1 555 0100',
    );
    assert.equal(
      await second.getByLabel('Preferred name').inputValue(),
      'Mo',
      'the reload shows the saved version',
    );
    await first.context().close();
  });

  it('fits a tablet screen', async () => {
    const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const nurse = server.login('nurse');
    await page.goto(`${server.url}/patients/${patientId}`);
    await page.getByLabel('Email').fill(nurse.email);
    await page.getByLabel('Password').fill(nurse.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.weight-chart canvas').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
    await page.screenshot({ path: path.join(SHOTS, '08-tablet-patient.png'), fullPage: true });
    await context.close();
  });

  it('tells a locked-out user why and until when', async () => {
    const page = await newPage();
    const nurse = server.login('nurse');
    await page.goto(server.url);
    await page.getByLabel('Email').fill(nurse.email);
    const alert = page.getByRole('alert');
    // The server locks after LOGIN_LOCKOUT_AFTER (default 5) failures, slowing down from the fourth.
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await alert.filter({ hasText: /not correct|locked|Too many/ }).waitFor({ timeout: 30_000 });
      if (/Too many failed sign-ins/.test(await alert.innerText())) break;
    }
    await page.getByLabel('Password').fill(nurse.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await alert.filter({ hasText: /Too many failed sign-ins: try again after/ }).waitFor();
    assert.doesNotMatch(
      await alert.innerText(),
      /\d{4}-\d{2}-\d{2}T/,
      'the time is shown readably, not as ISO',
    );
    await page.screenshot({ path: path.join(SHOTS, '09-locked.png') });
    await page.context().close();
  });
});

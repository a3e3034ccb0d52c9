/**
 * Steps of the whole-journey browser test that read better by name: signing in a browser context, local
 * date and time as the app's date and time boxes take them, the clean CRPS intake typed into the Intake tab,
 * a witness's double-check signed on the same screen, acknowledging every open alert, and the text of a PDF.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';

const run = promisify(execFile);
const pad = (n: number) => String(n).padStart(2, '0');

export interface Credentials {
  email: string;
  password: string;
}

/** A new browser context (its own cookies) signed in as `login`; the patient list is showing. */
export async function signInContext(
  browser: Browser,
  baseUrl: string,
  login: Credentials,
  waitMs: number,
  viewport = { width: 1440, height: 960 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  page.on('pageerror', (error) => {
    assert.fail(`page error: ${error.message}`);
  });
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  return page;
}

/** Local 'YYYY-MM-DD' and 'HH:mm' of an instant, as the date and time boxes take them. */
export function localDateTime(at: Date): { date: string; time: string; dateTime: string } {
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return { date, time, dateTime: `${date}T${time}` };
}

/** The local date `days` days before today. */
export function localDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return localDateTime(d).date;
}

/** A full-page screenshot from the top (the chart's header and alerts panel are sticky). */
export async function fullShot(page: Page, file: string): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * A clean CRPS intake on the open Intake tab: the §8.1 code (which fills the diagnosis and the condition),
 * 18 months of pain, two treatment classes tried without relief (REFERENCE §1.1), normal vitals and renal
 * function, not pregnant, baseline scores without a psychiatric flag.
 */
export async function fillCleanCrpsIntake(page: Page): Promise<void> {
  await page.getByLabel('ICD-10-CM code').fill('G90.511');
  assert.equal(await page.getByLabel('Diagnosis').inputValue(), 'CRPS type I of right upper limb');
  assert.equal(await page.locator('#field-pain-conditionCategory').inputValue(), 'crps');
  await page.getByLabel('Onset').fill(localDaysAgo(540));
  await page.getByLabel('Pain sites').fill('right hand, right forearm');
  await page.getByLabel('Character').fill('burning, allodynia');

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
  await page.locator('#field-renal-measuredOn').fill(localDaysAgo(14));

  await page.getByLabel('Pain now (NRS 0–10)').fill('7');
  await page.getByLabel('PHQ-9 total (0–27)').fill('6');
  await page.getByLabel('PHQ-9 item 9 (0–3)').fill('0');
  await page.getByLabel('GAD-7 total (0–21)').fill('5');
}

/** Fills every visible reason box of `boxes` (the override reasons a screen asks for) with `reason`. */
export async function fillEveryReason(boxes: Locator, reason: string): Promise<number> {
  const count = await boxes.count();
  for (let i = 0; i < count; i++) await boxes.nth(i).fill(reason);
  return count;
}

/** A second staff member signs the double-check panel on this screen with their own credentials. */
export async function signDoubleCheck(panel: Locator, witness: Credentials): Promise<void> {
  await panel.getByLabel("Second staff member's email").fill(witness.email);
  await panel.getByLabel('Their password').fill(witness.password);
  await panel.getByRole('button', { name: 'Sign the double-check' }).click();
  await panel.waitFor({ state: 'detached' });
}

/** Acknowledges every open alert on the chart with `action`, one at a time; returns how many. */
export async function acknowledgeOpenAlerts(page: Page, action: string): Promise<number> {
  let acknowledged = 0;
  for (;;) {
    const open = page.locator('.alert-item:not(.alert-acked)').first();
    if ((await open.count()) === 0) return acknowledged;
    const before = await page.locator('.alert-item.alert-acked').count();
    await open.getByLabel('Action taken').fill(action);
    await open.getByRole('button', { name: 'Acknowledge' }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.alert-item.alert-acked').length > n,
      before,
    );
    acknowledged++;
  }
}

/** The text `pdftotext -layout` reads from a PDF. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ketapath-journey-pdf-'));
  try {
    const file = path.join(dir, 'chart.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

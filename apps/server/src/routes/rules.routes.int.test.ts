import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Protocol } from '@ketapath/core';
import {
  checkOrder,
  describeParameters,
  describeRules,
  evaluateEligibility,
  evaluateSession,
  listProtocols,
  PARAMETERS,
  type NumberParameter,
  type SettingValue,
} from '@ketapath/clinical-rules';
import {
  auditRows,
  makeIntake,
  makeOrderCheckBody,
  type OrderCheckBody,
  makeSessionSnapshot as makeSnapshot,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

/** JSON as it crosses HTTP (undefined keys dropped). */
const json = (value: unknown): any => JSON.parse(JSON.stringify(value));

/** A parameter REFERENCE.md gives no value for, read by some rule of `area`. */
function unsetParameter(area: string): NumberParameter {
  const parameter = PARAMETERS.find(
    (p): p is NumberParameter => p.kind === 'number' && p.default === null && p.id.startsWith(`${area}.`),
  );
  if (!parameter) throw new Error(`no ${area} parameter without a default`);
  return parameter;
}

function unconfiguredRules(
  findings: { ruleId: string; unconfigured?: string[] }[],
  parameterId: string,
): string[] {
  return findings.filter((f) => f.unconfigured?.includes(parameterId)).map((f) => f.ruleId);
}

const LIB = listProtocols().find((p) => p.steps.some((s) => s.kind === 'infusion' && s.rate !== null));
if (!LIB) throw new Error('no library protocol with an infusion rate');
const LIBRARY_PROTOCOL: Protocol = LIB;

/** The engine's answer for an order check request, as the API adds the protocol it used. */
function engineCheck(body: OrderCheckBody, protocol: Protocol, settings: Record<string, SettingValue>) {
  const result = checkOrder(body.order, body.patient, protocol, settings, body.history ?? [], {
    now: TEST_NOW,
  });
  return json({ ...result, protocol: { id: protocol.id, version: protocol.version, name: protocol.name } });
}

describe(`clinical rules over HTTP (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let physician: TestClient;
  let nurse: TestClient;
  /** Clinic A's settings as set through the API in this file, to call the engine with the same. */
  const clinicA: Record<string, SettingValue> = {};

  async function setClinicValue(parameter: NumberParameter, value: number): Promise<void> {
    const set = await physician.request('PUT', `/api/settings/clinical/${parameter.id}`, {
      json: { value, reason: 'Clinic policy for the rules test', expectedVersion: 0 },
    });
    assert.equal(set.status, 200, set.text);
    clinicA[parameter.id] = value;
  }

  before(async () => {
    t = await startTestApp();
    [physician, nurse] = await Promise.all([t.as('physician'), t.as('nurse')]);
  });
  after(async () => {
    await t.close();
  });

  it('lists every rule and parameter for any signed-in user, exactly as the engine describes them', async () => {
    const desk = await t.as('front_desk');
    const response = await desk.get('/api/rules');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, json({ rules: describeRules(), parameters: describeParameters() }));
    assert.equal((await t.anonymous().get('/api/rules')).status, 401);
  });

  it('screens an intake exactly as the engine does, with the server clock, and audits kind and outcome only', async () => {
    const intake = makeIntake();
    const response = await nurse.post('/api/rules/eligibility', { intake });
    assert.equal(response.status, 200, response.text);
    const expected = evaluateEligibility(intake, {}, { now: TEST_NOW });
    assert.deepEqual(response.body, json(expected));
    assert.equal(response.body.evaluatedAt, TEST_NOW.toISOString());
    const audits = await auditRows(t.database, `action = 'rules.evaluate'`);
    assert.equal(audits.length, 1);
    assert.equal(audits[0]?.entity_id, 'eligibility');
    assert.deepEqual(audits[0].detail, { kind: 'eligibility', outcome: expected.status });
    assert.doesNotMatch(
      JSON.stringify(audits),
      /G90\.511|pregabalin|CRPS/,
      'no intake content on the audit trail',
    );
  });

  it('a clinic setting for a parameter without a default lets its rules run (eligibility)', async () => {
    const parameter = unsetParameter('eligibility');
    const intake = makeIntake();
    const before = (await physician.post('/api/rules/eligibility', { intake })).body;
    const waiting = unconfiguredRules(before.findings, parameter.id);
    assert.ok(waiting.length > 0, `a rule waits for ${parameter.id}`);
    assert.equal(before.status, 'needs-physician-review', 'an unconfigured rule asks for review');

    await setClinicValue(parameter, parameter.min);
    const after = await physician.post('/api/rules/eligibility', { intake });
    assert.deepEqual(after.body, json(evaluateEligibility(intake, clinicA, { now: TEST_NOW })));
    assert.deepEqual(unconfiguredRules(after.body.findings, parameter.id), []);
    assert.notDeepEqual(after.body.findings, before.findings);
    const used = after.body.findings
      .flatMap((f: { parameters: { id: string; origin: string; basis: string }[] }) => f.parameters)
      .find((p: { id: string }) => p.id === parameter.id);
    if (used) assert.deepEqual([used.origin, used.basis], ['clinic', 'clinic setting']);

    // Another clinic keeps its own (unset) value.
    const otherClinic = await (await t.as('physician', 'b')).post('/api/rules/eligibility', { intake });
    assert.deepEqual(otherClinic.body, json(evaluateEligibility(intake, {}, { now: TEST_NOW })));
  });

  it('refuses an invalid intake naming the field', async () => {
    const response = await nurse.post('/api/rules/eligibility', {
      intake: makeIntake((d) => (d.patient.weightKg = -5)),
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'intake.patient.weightKg');
    assert.equal((await nurse.post('/api/rules/eligibility', {})).body.field, 'intake');
    assert.equal(
      (await nurse.post('/api/rules/eligibility', { intake: makeIntake(), extra: 1 })).body.field,
      'extra',
    );
  });

  it('evaluates a session exactly as the engine does, at the server time, with the clinic settings', async () => {
    const snapshot = makeSnapshot();
    const response = await nurse.post('/api/rules/session', {
      snapshot: { ...snapshot, now: '2020-01-01T00:00:00.000Z' },
    });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.body,
      json(evaluateSession(snapshot, {})),
      'the server clock replaces the snapshot time',
    );
    assert.equal(response.body.evaluatedAt, TEST_NOW.toISOString());

    const parameter = unsetParameter('session');
    const waiting = unconfiguredRules(response.body.findings, parameter.id);
    assert.ok(waiting.length > 0, `a session rule waits for ${parameter.id}`);
    await setClinicValue(parameter, parameter.min);
    const after = await nurse.post('/api/rules/session', { snapshot });
    assert.deepEqual(after.body, json(evaluateSession(snapshot, clinicA)));
    assert.deepEqual(unconfiguredRules(after.body.findings, parameter.id), []);
    const [audit] = (
      await auditRows(t.database, `action = 'rules.evaluate' AND entity_id = 'session'`)
    ).slice(-1);
    assert.deepEqual(audit?.detail, { kind: 'session', outcome: after.body.status });
  });

  it('refuses an invalid session snapshot naming the field', async () => {
    const response = await nurse.post('/api/rules/session', {
      snapshot: makeSnapshot((d) => {
        d.vitals = [{ at: TEST_NOW.toISOString(), systolicMmHg: 900 }];
      }),
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'snapshot.vitals[0].systolicMmHg');
  });

  it('checks an order against a library protocol exactly as the engine does, audited with the verdict', async () => {
    const body = makeOrderCheckBody(LIBRARY_PROTOCOL);
    const response = await nurse.post('/api/rules/check-order', body);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, engineCheck(body, LIBRARY_PROTOCOL, clinicA));
    const [audit] = (
      await auditRows(t.database, `action = 'rules.evaluate' AND entity_id = 'check-order'`)
    ).slice(-1);
    assert.deepEqual(audit?.detail, {
      kind: 'check-order',
      outcome: response.body.verdict,
      protocol: { id: LIBRARY_PROTOCOL.id, version: LIBRARY_PROTOCOL.version },
    });
    // protocolVersion may be left out: the order names its version.
    const { protocolVersion: _omitted, ...withoutVersion } = body;
    assert.deepEqual((await nurse.post('/api/rules/check-order', withoutVersion)).body, response.body);
  });

  it('an override reason counts only from a signed-in physician, whatever role the body claims', async () => {
    const crps = listProtocols().find((p) => p.id === 'crps-4h-daily-10-days');
    assert.ok(crps);
    // 0.5 mg/kg/h: over the 0.35 mg/kg/h soft limit (§2.1), under the 2 mg/kg/h hard limit (§1.4).
    const body = makeOrderCheckBody(crps, (draft) => {
      draft.order.rate = { value: 0.5, unit: 'mg/kg/h' };
      draft.order.programmedRateMlPerH = (0.5 * draft.order.weightKg) / 2;
      draft.order.overrideReason = 'Partial response at 0.35 mg/kg/h over two series';
      draft.order.orderedBy = 'physician';
    });
    const byNurse = await nurse.post('/api/rules/check-order', body);
    assert.equal(byNurse.status, 200, byNurse.text);
    assert.equal(byNurse.body.verdict, 'override-required');
    assert.deepEqual(
      byNurse.body,
      engineCheck({ ...body, order: { ...body.order, orderedBy: 'nurse' } }, crps, clinicA),
    );
    const byPhysician = await physician.post('/api/rules/check-order', {
      ...body,
      order: { ...body.order, orderedBy: 'nurse' },
    });
    assert.equal(byPhysician.status, 200, byPhysician.text);
    assert.notEqual(byPhysician.body.verdict, 'override-required');
    assert.deepEqual(byPhysician.body, engineCheck(body, crps, clinicA));
  });

  it('a clinic setting for an order parameter without a default lets its rule run', async () => {
    const parameter = unsetParameter('order');
    const body = makeOrderCheckBody(LIBRARY_PROTOCOL);
    const before = (await nurse.post('/api/rules/check-order', body)).body;
    assert.ok(
      unconfiguredRules(before.findings, parameter.id).length > 0,
      `an order rule waits for ${parameter.id}`,
    );
    await setClinicValue(parameter, parameter.max);
    const after = (await nurse.post('/api/rules/check-order', body)).body;
    assert.deepEqual(after, engineCheck(body, LIBRARY_PROTOCOL, clinicA));
    assert.deepEqual(unconfiguredRules(after.findings, parameter.id), []);
  });

  it("checks an order against the clinic's own protocol copy when the order names it", async () => {
    const step = LIBRARY_PROTOCOL.steps.find((s) => s.kind === 'infusion' && s.rate !== null);
    assert.ok(step?.kind === 'infusion' && step.rate !== null);
    const route = step.route;
    const measure = step.rate.unit === 'mg/h' ? 'rateMgPerH' : 'rateMgPerKgPerH';
    // A clinic soft limit below the protocol's own rate, so the copy (not the library) visibly decides.
    const clinicSource = { kind: 'clinic', note: 'Clinic limit for the rules test' } as const;
    const belowOrdered = step.rate.min / 2;
    const copy: Protocol = {
      ...structuredClone(LIBRARY_PROTOCOL),
      id: 'clinic-rules-test-copy',
      name: 'Clinic copy for the rules test',
      limits: LIBRARY_PROTOCOL.limits.map((l) =>
        l.route === route
          ? { ...l, [measure]: { soft: { value: belowOrdered, source: clinicSource }, hard: null } }
          : l,
      ),
    };
    const created = await physician.post('/api/protocols', {
      basedOn: { protocolId: LIBRARY_PROTOCOL.id, version: LIBRARY_PROTOCOL.version },
      protocol: copy,
      reason: 'Lower soft limit for the rules test',
    });
    assert.equal(created.status, 201, created.text);
    const stored: Protocol = created.body.protocol;
    const body = makeOrderCheckBody(stored);
    const response = await nurse.post('/api/rules/check-order', body);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, engineCheck(body, stored, clinicA));
    assert.deepEqual(response.body.protocol, {
      id: 'clinic-rules-test-copy',
      version: 1,
      name: 'Clinic copy for the rules test',
    });
    const library = (await nurse.post('/api/rules/check-order', makeOrderCheckBody(LIBRARY_PROTOCOL))).body;
    assert.notDeepEqual(response.body.findings, library.findings, 'the clinic limit changes the findings');

    // Clinic B has no such protocol.
    const otherClinic = await (await t.as('nurse', 'b')).post('/api/rules/check-order', body);
    assert.equal(otherClinic.status, 404);
    assert.equal(otherClinic.body.code, 'PROTOCOL_NOT_FOUND');
  });

  it('refuses an order for an unknown protocol or version (404) and a body that disagrees with its order (400)', async () => {
    const unknown = await nurse.post(
      '/api/rules/check-order',
      makeOrderCheckBody({ ...LIBRARY_PROTOCOL, id: 'no-such-protocol' }),
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'PROTOCOL_NOT_FOUND');
    const noVersion = await nurse.post(
      '/api/rules/check-order',
      makeOrderCheckBody({ ...LIBRARY_PROTOCOL, version: 99 }),
    );
    assert.equal(noVersion.status, 404);
    const mismatch = await nurse.post(
      '/api/rules/check-order',
      makeOrderCheckBody(LIBRARY_PROTOCOL, (d) => (d.order.protocolId = 'another-protocol')),
    );
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.field, 'order.protocolId');
    const versionMismatch = await nurse.post(
      '/api/rules/check-order',
      makeOrderCheckBody(LIBRARY_PROTOCOL, (d) => (d.protocolVersion = 2)),
    );
    assert.equal(versionMismatch.body.field, 'order.protocolVersion');
    const badWeight = await nurse.post(
      '/api/rules/check-order',
      makeOrderCheckBody(LIBRARY_PROTOCOL, (d) => (d.order.weightKg = -70)),
    );
    assert.equal(badWeight.status, 400);
    assert.equal(badWeight.body.field, 'order.weightKg');
  });

  it('the OpenAPI document describes every rules, protocol and settings route with its body', async () => {
    const doc = await t.anonymous().get('/api/docs/json');
    assert.equal(doc.status, 200, doc.text);
    const paths = doc.body.paths as Record<
      string,
      Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
    >;
    for (const [path, method] of [
      ['/api/rules', 'get'],
      ['/api/rules/eligibility', 'post'],
      ['/api/rules/check-order', 'post'],
      ['/api/rules/session', 'post'],
      ['/api/protocols', 'get'],
      ['/api/protocols', 'post'],
      ['/api/protocols/{protocolId}', 'get'],
      ['/api/protocols/{protocolId}', 'put'],
      ['/api/protocols/{protocolId}/versions/{version}', 'get'],
      ['/api/settings/clinical', 'get'],
      ['/api/settings/clinical/{parameterId}', 'put'],
      ['/api/settings/clinical/{parameterId}/history', 'get'],
    ] as const) {
      const operation = paths[path]?.[method];
      assert.ok(operation, `${method} ${path}`);
      assert.ok(operation.responses['200'] ?? operation.responses['201'], `${method} ${path} response`);
      if (method !== 'get') assert.ok(operation.requestBody, `${method} ${path} body`);
    }
  });

  it('front desk and admin cannot run the rules (403, audited); physicians and nurses can', async () => {
    for (const role of ['front_desk', 'admin'] as const) {
      const client = await t.as(role);
      for (const [path, body] of [
        ['/api/rules/eligibility', { intake: makeIntake() }],
        ['/api/rules/session', { snapshot: makeSnapshot() }],
        ['/api/rules/check-order', makeOrderCheckBody(LIBRARY_PROTOCOL)],
      ] as const) {
        const response = await client.post(path, body);
        assert.equal(response.status, 403, `${role} ${path}`);
        assert.equal(response.body.code, 'PERMISSION_DENIED');
      }
    }
    const denied = await auditRows(t.database, `action = 'access.denied' AND user_id = $1`, [
      t.clinics.a.users.front_desk.id,
    ]);
    assert.deepEqual(
      denied.map((d) => d.detail.permission),
      ['rules:evaluate', 'rules:evaluate', 'rules:evaluate'],
    );
  });
});

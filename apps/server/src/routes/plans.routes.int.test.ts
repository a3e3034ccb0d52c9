import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkOrder, getProtocol } from '@ketapath/clinical-rules';
import {
  auditRows,
  makeIntake,
  makePatientBody,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

const PROTOCOL = getProtocol('crps-4h-daily-10-days')!;
const FIRST = '2026-11-23T14:00:00.000Z';
const BAG = { drugMg: 200, volumeMl: 100 };

type Finding = { ruleId: string; severity: string };

function reasonsFor(findings: Finding[]) {
  return [...new Set(findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map(
    (ruleId) => ({
      ruleId,
      reason: `Reviewed ${ruleId}`,
    }),
  );
}

function planBody(extra: Record<string, unknown> = {}) {
  return {
    protocolId: PROTOCOL.id,
    protocolVersion: PROTOCOL.version,
    firstSessionAt: FIRST,
    bag: BAG,
    overrides: [],
    ...extra,
  };
}

describe(`treatment plans: preview, sign, next version (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let physician: TestClient;
  let nurse: TestClient;
  let desk: TestClient;
  let patientId: string;
  let overrides: { ruleId: string; reason: string }[];

  async function qualify(id: string): Promise<void> {
    const intake = await nurse.post(`/api/patients/${id}/intakes`, {
      intake: makeIntake(),
      expectedVersion: 0,
    });
    assert.equal(intake.status, 201, intake.text);
    const q = await physician.post(`/api/patients/${id}/qualifications`, {
      intakeVersion: 1,
      overrides: reasonsFor(intake.body.eligibility.findings),
    });
    assert.equal(q.status, 201, q.text);
  }

  before(async () => {
    t = await startTestApp();
    [physician, nurse, desk] = await Promise.all([t.as('physician'), t.as('nurse'), t.as('front_desk')]);
    // Weight 72.5 kg and height 168 cm, measured today (2026-11-21).
    patientId = (await physician.post('/api/patients', makePatientBody())).body.id;
    const set = await (
      await t.as('admin')
    ).request('PUT', '/api/settings/clinical/session.qualification-valid-days', {
      json: { value: 90, reason: 'Clinic policy', expectedVersion: 0 },
    });
    assert.equal(set.status, 200, set.text);
  });
  after(async () => {
    await t.close();
  });

  it('a nurse previews: one order per step at the protocol rate, checked exactly as checkOrder checks it', async () => {
    const preview = await nurse.post(`/api/patients/${patientId}/plans/preview`, planBody());
    assert.equal(preview.status, 200, preview.text);
    const p = preview.body;
    assert.deepEqual(p.protocol, {
      id: PROTOCOL.id,
      version: PROTOCOL.version,
      name: PROTOCOL.name,
      weightBasis: 'actual',
    });
    assert.deepEqual(p.weight, {
      weightKg: 72.5,
      measuredOn: '2026-11-21',
      doseWeightKg: 72.5,
      basis: 'actual',
    });
    assert.equal(p.steps.length, 1);
    const [step] = p.steps;
    // §2.1: 0.35 mg/kg/h × 72.5 kg = 25.375 mg/h; 200 mg in 100 mL = 2 mg/mL → 12.6875 mL/h.
    assert.deepEqual(step.order.rate, { value: 0.35, unit: 'mg/kg/h' });
    assert.equal(step.order.programmedRateMlPerH, 12.6875);
    assert.equal(step.order.orderedBy, 'nurse');
    assert.equal(step.order.durationMin, 240);
    const direct = checkOrder(
      step.order,
      { ageYears: 51, sex: 'female', heightCm: 168, weightKg: 72.5, recordedOn: '2026-11-21' },
      PROTOCOL,
      {},
      [],
      { now: TEST_NOW },
    );
    assert.equal(step.check.verdict, direct.verdict);
    assert.deepEqual(step.check.pump, direct.pump);
    assert.deepEqual(step.check.reverseCheck, direct.reverseCheck);
    assert.deepEqual(
      step.check.findings.map((f: Finding) => f.ruleId),
      direct.findings.map((f) => f.ruleId),
    );
    assert.equal(p.schedule.length, 10);
    assert.deepEqual(p.schedule[0], { sessionNumber: 1, startsAt: FIRST, durationMin: 240 });
    assert.equal(p.prediction.modelId, 'ketamine/kamp-2020');
    assert.equal(p.prediction.samplingSite, 'arterial');
    assert.deepEqual(p.prediction.norketamine, {
      available: false,
      reason: 'MODELS.md has no norketamine parameters for racemic ketamine',
    });
    assert.ok(p.prediction.timesMin.length <= 1000);
    assert.ok(p.prediction.peakNgPerMl > 0);
    assert.equal(p.canSign, false);
    assert.ok(p.blockers.includes('Only a physician can sign a treatment plan.'));
    assert.ok(p.blockers.some((b: string) => /no signed qualification/.test(b)));
    overrides = reasonsFor(step.check.findings);
    const audit = await auditRows(t.database, `action = 'plan.preview' AND entity_id = $1`, [patientId]);
    assert.equal(audit.length, 1);
  });

  it('weight: none on or before the first session → 409 WEIGHT_REQUIRED naming weightKg; a given weight is used', async () => {
    const early = await physician.post(
      `/api/patients/${patientId}/plans/preview`,
      planBody({ firstSessionAt: '2026-11-01T14:00:00.000Z' }),
    );
    assert.equal(early.status, 409, early.text);
    assert.equal(early.body.code, 'WEIGHT_REQUIRED');
    assert.equal(early.body.field, 'weightKg');
    const given = await physician.post(
      `/api/patients/${patientId}/plans/preview`,
      planBody({ firstSessionAt: '2026-11-01T14:00:00.000Z', weightKg: 80 }),
    );
    assert.equal(given.status, 200, given.text);
    assert.deepEqual(given.body.weight, {
      weightKg: 80,
      measuredOn: null,
      doseWeightKg: 80,
      basis: 'actual',
    });
    assert.equal(given.body.steps[0].order.programmedRateMlPerH, 14); // 0.35 × 80 / 2
  });

  it('height: none recorded → 409 HEIGHT_REQUIRED', async () => {
    const id = (await physician.post('/api/patients', makePatientBody({ heightCm: undefined }))).body.id;
    const r = await physician.post(`/api/patients/${id}/plans/preview`, planBody());
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.code, 'HEIGHT_REQUIRED');
    assert.equal(r.body.field, 'heightCm');
  });

  it('bad input names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [planBody({ bag: { drugMg: -1, volumeMl: 100 } }), 'bag.drugMg'],
      [planBody({ firstSessionAt: 'tomorrow' }), 'firstSessionAt'],
      [planBody({ weightKg: '70' }), 'weightKg'],
      [planBody({ colour: 'red' }), 'colour'],
      [planBody({ sessionTimes: [FIRST] }), 'sessionTimes'],
      [planBody({ overrides: [{ ruleId: 'order/weight-age', reason: '' }] }), 'overrides.0.reason'],
    ];
    for (const [body, field] of cases) {
      const r = await physician.post(`/api/patients/${patientId}/plans/preview`, body);
      assert.equal(r.status, 400, `${field}: ${r.text}`);
      assert.equal(r.body.field?.replace(/\[(\d+)\]/g, '.$1'), field, r.text);
    }
    const unknown = await physician.post(
      `/api/patients/${patientId}/plans/preview`,
      planBody({ protocolId: 'no-such-protocol' }),
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'PROTOCOL_NOT_FOUND');
  });

  it('access: the front desk gets 403; a nurse cannot sign; another clinic sees no such patient', async () => {
    assert.equal((await desk.post(`/api/patients/${patientId}/plans/preview`, planBody())).status, 403);
    assert.equal((await desk.get(`/api/patients/${patientId}/plans`)).status, 403);
    const nurseSign = await nurse.post(`/api/patients/${patientId}/plans`, planBody());
    assert.equal(nurseSign.status, 403);
    assert.equal(nurseSign.body.code, 'PERMISSION_DENIED');
    const other = await t.as('physician', 'b');
    for (const r of [
      await other.post(`/api/patients/${patientId}/plans/preview`, planBody()),
      await other.post(`/api/patients/${patientId}/plans`, planBody()),
      await other.get(`/api/patients/${patientId}/plans`),
    ]) {
      assert.equal(r.status, 404);
      assert.equal(r.body.code, 'PATIENT_NOT_FOUND');
    }
  });

  it('signing needs a current qualification (409 QUALIFICATION_REQUIRED)', async () => {
    const r = await physician.post(`/api/patients/${patientId}/plans`, planBody({ overrides }));
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.code, 'QUALIFICATION_REQUIRED');
  });

  let planId: string;
  it('the physician signs: findings that need a reason without one → 400 naming overrides; with them → 201 and ten sessions', async () => {
    await qualify(patientId);
    assert.ok(overrides.length > 0, 'the default settings leave order findings that need a reason');
    const without = await physician.post(
      `/api/patients/${patientId}/plans`,
      planBody({ overrides: overrides.slice(1) }),
    );
    assert.equal(without.status, 400, without.text);
    assert.equal(without.body.field, 'overrides');
    assert.match(without.body.detail, new RegExp(overrides[0]!.ruleId));
    const signed = await physician.post(`/api/patients/${patientId}/plans`, planBody({ overrides }));
    assert.equal(signed.status, 201, signed.text);
    planId = signed.body.planId;
    assert.equal(signed.body.version, 1);
    assert.equal(signed.body.changeReason, null);
    assert.deepEqual(signed.body.signedBy, { email: 'physician@a.test', role: 'physician' });
    assert.equal(signed.body.steps[0].check.verdict, 'warn');
    assert.equal(signed.body.steps[0].order.orderedBy, 'physician');
    assert.match(signed.body.steps[0].order.overrideReason, new RegExp(overrides[0]!.reason));
    assert.equal(signed.body.sessions.length, 10);
    const rows = await t.database.sql.query<{
      state: string;
      session_number: number;
      planned_duration_min: number;
      scheduled_start: Date;
    }>(
      'SELECT state, session_number, planned_duration_min, scheduled_start FROM infusion_session WHERE plan_id = $1 ORDER BY session_number',
      [planId],
    );
    assert.equal(rows.length, 10);
    assert.ok(rows.every((r) => r.state === 'scheduled' && r.planned_duration_min === 240));
    assert.equal(new Date(rows[0]!.scheduled_start).toISOString(), FIRST);
    const audit = await auditRows(t.database, `action = 'plan.sign' AND outcome = 'success'`);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.detail.sessions, 10);
  });

  it('the next version needs the version read and a reason; it cancels the old scheduled sessions', async () => {
    const later = '2026-11-30T14:00:00.000Z';
    const body = planBody({ planId, expectedVersion: 1, firstSessionAt: later, overrides });
    const unknownPlan = await physician.post(`/api/patients/${patientId}/plans`, {
      ...body,
      planId: '00000000-0000-4000-8000-000000000000',
      changeReason: 'Moved a week',
    });
    assert.equal(unknownPlan.status, 404);
    assert.equal(unknownPlan.body.code, 'PLAN_NOT_FOUND');
    const noReason = await physician.post(`/api/patients/${patientId}/plans`, body);
    assert.equal(noReason.status, 400, noReason.text);
    assert.equal(noReason.body.field, 'changeReason');
    const stale = await physician.post(`/api/patients/${patientId}/plans`, {
      ...body,
      expectedVersion: 2,
      changeReason: 'Moved a week',
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'PLAN_VERSION_CONFLICT');
    const next = await physician.post(`/api/patients/${patientId}/plans`, {
      ...body,
      changeReason: 'Moved a week (travel)',
    });
    assert.equal(next.status, 201, next.text);
    assert.equal(next.body.version, 2);
    assert.equal(next.body.planId, planId);
    assert.equal(next.body.changeReason, 'Moved a week (travel)');
    const rows = await t.database.sql.query<{ plan_version: number; state: string; version: number }>(
      'SELECT plan_version, state, version FROM infusion_session WHERE plan_id = $1',
      [planId],
    );
    assert.deepEqual(
      rows.filter((r) => r.plan_version === 1).map((r) => [r.state, r.version]),
      Array.from({ length: 10 }, () => ['cancelled', 1]),
    );
    assert.equal(rows.filter((r) => r.plan_version === 2 && r.state === 'scheduled').length, 10);
    const again = await physician.post(`/api/patients/${patientId}/plans`, {
      ...body,
      changeReason: 'Moved a week (travel)',
    });
    assert.equal(again.status, 409, 'a second signature on the version already changed is stale');
  });

  it('reads the plans with their versions, and any version; reads are audited', async () => {
    const list = await nurse.get(`/api/patients/${patientId}/plans`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.plans.length, 1);
    assert.equal(list.body.plans[0].current.version, 2);
    assert.deepEqual(
      list.body.plans[0].versions.map((v: { version: number; changeReason: string | null }) => [
        v.version,
        v.changeReason,
      ]),
      [
        [2, 'Moved a week (travel)'],
        [1, null],
      ],
    );
    const v1 = await nurse.get(`/api/patients/${patientId}/plans/${planId}/versions/1`);
    assert.equal(v1.status, 200);
    assert.equal(v1.body.schedule[0].startsAt, FIRST);
    assert.ok(v1.body.sessions.every((s: { state: string }) => s.state === 'cancelled'));
    const v3 = await nurse.get(`/api/patients/${patientId}/plans/${planId}/versions/3`);
    assert.equal(v3.status, 404);
    assert.equal(v3.body.code, 'PLAN_NOT_FOUND');
    const reads = await auditRows(t.database, `action = 'plan.read' AND user_id = $1`, [
      t.clinics.a.users.nurse.id,
    ]);
    assert.equal(reads.length, 3);
    assert.deepEqual(
      reads.map((r) => r.outcome),
      ['success', 'success', 'failure'],
    );
  });

  it('a step the order check refuses cannot be signed: 409 PLAN_BLOCKED naming the step', async () => {
    const copy = structuredClone(PROTOCOL);
    const clinic = { kind: 'clinic' as const, note: 'Clinic ceiling for this test' };
    copy.id = 'crps-4h-clinic-ceiling';
    copy.limits = copy.limits.map((l) => ({
      ...l,
      rateMgPerKgPerH: { soft: { value: 0.2, source: clinic }, hard: { value: 0.3, source: clinic } },
    }));
    const created = await physician.post('/api/protocols', {
      basedOn: { protocolId: PROTOCOL.id, version: PROTOCOL.version },
      protocol: copy,
      reason: 'Lower ceiling',
    });
    assert.equal(created.status, 201, created.text);
    const body = planBody({ protocolId: copy.id, protocolVersion: 1, overrides });
    const preview = await physician.post(`/api/patients/${patientId}/plans/preview`, body);
    assert.equal(preview.status, 200, preview.text);
    assert.equal(preview.body.steps[0].check.verdict, 'blocked');
    assert.equal(preview.body.canSign, false);
    const signed = await physician.post(`/api/patients/${patientId}/plans`, body);
    assert.equal(signed.status, 409, signed.text);
    assert.equal(signed.body.code, 'PLAN_BLOCKED');
    assert.equal(signed.body.field, 'steps[0]');
  });
});

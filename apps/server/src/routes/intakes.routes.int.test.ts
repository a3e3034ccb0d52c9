import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateEligibility } from '@ketapath/clinical-rules';
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

const VALIDITY = 'session.qualification-valid-days';

function reasonsFor(findings: { ruleId: string; severity: string }[]) {
  return [...new Set(findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map(
    (ruleId) => ({
      ruleId,
      reason: `Reviewed ${ruleId} with the patient`,
    }),
  );
}

describe(`intake versions and the physician's qualification (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let physician: TestClient;
  let nurse: TestClient;
  let desk: TestClient;
  let patientId: string;
  before(async () => {
    t = await startTestApp();
    [physician, nurse, desk] = await Promise.all([t.as('physician'), t.as('nurse'), t.as('front_desk')]);
    patientId = (await physician.post('/api/patients', makePatientBody())).body.id;
  });
  after(async () => {
    await t.close();
  });

  it('a nurse saves the first intake; eligibility is evaluated with the clinic’s settings and saved with it', async () => {
    const intake = makeIntake();
    const saved = await nurse.post(`/api/patients/${patientId}/intakes`, { intake, expectedVersion: 0 });
    assert.equal(saved.status, 201, saved.text);
    assert.equal(saved.body.version, 1);
    assert.deepEqual(saved.body.intake, intake);
    assert.deepEqual(saved.body.createdBy, { email: 'nurse@a.test', role: 'nurse' });
    assert.equal(saved.body.createdAt, TEST_NOW.toISOString());
    const direct = evaluateEligibility(intake, {}, { now: TEST_NOW });
    assert.equal(saved.body.eligibility.status, direct.status);
    assert.deepEqual(
      saved.body.eligibility.findings.map((f: { ruleId: string }) => f.ruleId),
      direct.findings.map((f) => f.ruleId),
    );
    const audit = await auditRows(t.database, `action = 'intake.create' AND entity_id = $1`, [patientId]);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.detail.version, 1);
  });

  it('a stale save gets 409 INTAKE_VERSION_CONFLICT and is audited; the current version saves', async () => {
    const stale = await physician.post(`/api/patients/${patientId}/intakes`, {
      intake: makeIntake(),
      expectedVersion: 0,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'INTAKE_VERSION_CONFLICT');
    assert.match(stale.body.detail, /version 0, it is now version 1/);
    const failed = await auditRows(t.database, `action = 'intake.create' AND outcome = 'failure'`);
    assert.equal(failed[0]?.detail.reason, 'INTAKE_VERSION_CONFLICT');
    const next = await physician.post(`/api/patients/${patientId}/intakes`, {
      intake: makeIntake((d) => {
        d.baselineScores.nrs = 8;
      }),
      expectedVersion: 1,
    });
    assert.equal(next.status, 201, next.text);
    assert.equal(next.body.version, 2);
  });

  it('reads the latest version, the list of versions and any version; each read is audited', async () => {
    const before = (await auditRows(t.database, `action = 'intake.read'`)).length;
    const all = await nurse.get(`/api/patients/${patientId}/intakes`);
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.current.version, 2);
    assert.equal(all.body.current.intake.baselineScores.nrs, 8);
    assert.deepEqual(
      all.body.versions.map((v: { version: number }) => v.version),
      [2, 1],
    );
    assert.equal(all.body.qualification, null);
    const first = await nurse.get(`/api/patients/${patientId}/intakes/1`);
    assert.equal(first.status, 200);
    assert.equal(first.body.intake.baselineScores.nrs, 7);
    const missing = await nurse.get(`/api/patients/${patientId}/intakes/9`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'INTAKE_NOT_FOUND');
    assert.equal((await auditRows(t.database, `action = 'intake.read'`)).length, before + 3);
  });

  it('bad input names the field', async () => {
    const cases: [unknown, string][] = [
      [{ intake: makeIntake(), expectedVersion: -1 }, 'expectedVersion'],
      [
        {
          intake: makeIntake((d) => {
            d.patient.ageYears = 300;
          }),
          expectedVersion: 2,
        },
        'intake.patient.ageYears',
      ],
      [{ intake: makeIntake(), expectedVersion: 2, extra: 1 }, 'extra'],
      [{ expectedVersion: 2 }, 'intake'],
    ];
    for (const [body, field] of cases) {
      const r = await nurse.post(`/api/patients/${patientId}/intakes`, body);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, field, r.text);
    }
    const q = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 'two',
      overrides: [],
    });
    assert.equal(q.status, 400);
    assert.equal(q.body.field, 'intakeVersion');
    assert.equal((await nurse.get(`/api/patients/${patientId}/intakes/zero`)).body.field, 'version');
  });

  it('the front desk can neither read nor write intakes; a nurse cannot sign (403)', async () => {
    assert.equal((await desk.get(`/api/patients/${patientId}/intakes`)).status, 403);
    assert.equal(
      (await desk.post(`/api/patients/${patientId}/intakes`, { intake: makeIntake(), expectedVersion: 2 }))
        .status,
      403,
    );
    const signed = await nurse.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 2,
      overrides: [],
    });
    assert.equal(signed.status, 403);
    assert.equal(signed.body.code, 'PERMISSION_DENIED');
  });

  it('another clinic sees no such patient', async () => {
    const other = await t.as('physician', 'b');
    for (const r of [
      await other.get(`/api/patients/${patientId}/intakes`),
      await other.get(`/api/patients/${patientId}/intakes/1`),
      await other.post(`/api/patients/${patientId}/intakes`, { intake: makeIntake(), expectedVersion: 2 }),
      await other.post(`/api/patients/${patientId}/qualifications`, { intakeVersion: 2, overrides: [] }),
    ]) {
      assert.equal(r.status, 404);
      assert.equal(r.body.code, 'PATIENT_NOT_FOUND');
    }
  });

  it('signing waits for the clinic’s validity period: unset → 409 naming the setting; set → 201 with the expiry', async () => {
    const intake = (await physician.get(`/api/patients/${patientId}/intakes`)).body.current;
    const overrides = reasonsFor(intake.eligibility.findings);
    const unset = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 2,
      overrides,
    });
    assert.equal(unset.status, 409, unset.text);
    assert.equal(unset.body.code, 'QUALIFICATION_VALIDITY_UNSET');
    assert.equal(unset.body.field, VALIDITY);
    const admin = await t.as('admin');
    const set = await admin.request('PUT', `/api/settings/clinical/${VALIDITY}`, {
      json: { value: 30, reason: 'Clinic policy: review every 30 days', expectedVersion: 0 },
    });
    assert.equal(set.status, 200, set.text);

    // Every finding that needs review needs a reason, named with its rule id.
    assert.ok(overrides.length > 0, 'the test intake has findings that need review');
    const missing = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 2,
      overrides: overrides.slice(1),
    });
    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.field, 'overrides');
    assert.match(missing.body.detail, new RegExp(overrides[0]!.ruleId));
    const unrelated = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 2,
      overrides: [{ ruleId: 'eligibility/pregnancy', reason: 'Not relevant' }, ...overrides],
    });
    assert.equal(unrelated.status, 400);
    assert.equal(unrelated.body.field, 'overrides[0].ruleId');
    const oldVersion = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 1,
      overrides,
    });
    assert.equal(oldVersion.status, 409);
    assert.equal(oldVersion.body.code, 'INTAKE_VERSION_CONFLICT');

    const signed = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 2,
      overrides,
    });
    assert.equal(signed.status, 201, signed.text);
    assert.equal(signed.body.intakeVersion, 2);
    assert.equal(signed.body.eligibilityStatus, 'needs-physician-review');
    assert.equal(signed.body.decision, 'eligible-with-precautions');
    assert.equal(signed.body.signedAt, TEST_NOW.toISOString());
    assert.equal(signed.body.expiresAt, new Date(TEST_NOW.getTime() + 30 * 86_400_000).toISOString());
    assert.deepEqual(
      signed.body.overrides.map((o: { ruleId: string; reason: string }) => [o.ruleId, o.reason]),
      overrides.map((o) => [o.ruleId, o.reason]),
    );
    assert.equal(signed.body.expired, false);
    assert.equal(signed.body.current, true);
    assert.deepEqual(signed.body.signedBy, { email: 'physician@a.test', role: 'physician' });
    const audit = await auditRows(t.database, `action = 'qualification.sign' AND outcome = 'success'`);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.detail.validDays, 30);

    const listed = await nurse.get(`/api/patients/${patientId}/intakes`);
    assert.equal(listed.body.qualification.id, signed.body.id);
    assert.equal(listed.body.qualification.current, true);
    // A new intake version makes the qualification no longer current.
    await nurse.post(`/api/patients/${patientId}/intakes`, { intake: makeIntake(), expectedVersion: 2 });
    const after = await nurse.get(`/api/patients/${patientId}/intakes`);
    assert.equal(after.body.qualification.current, false);
    assert.equal(after.body.qualification.expired, false);
  });

  it('not eligible cannot be signed: 409 QUALIFICATION_BLOCKED listing the blocking findings', async () => {
    const intake = makeIntake((d) => {
      d.hepatic.diseaseSeverity = 'severe';
    });
    const saved = await nurse.post(`/api/patients/${patientId}/intakes`, { intake, expectedVersion: 3 });
    assert.equal(saved.status, 201, saved.text);
    assert.equal(saved.body.eligibility.status, 'not-eligible');
    const blocked = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 4,
      overrides: reasonsFor(saved.body.eligibility.findings),
    });
    assert.equal(blocked.status, 409, blocked.text);
    assert.equal(blocked.body.code, 'QUALIFICATION_BLOCKED');
    assert.deepEqual(
      blocked.body.errors.map((e: { field: string }) => e.field),
      ['eligibility/severe-hepatic-disease'],
    );
    assert.match(blocked.body.detail, /severe-hepatic-disease/);
  });

  it('the database itself refuses a qualification signed by anyone but a physician', async () => {
    await assert.rejects(
      t.database.sql.query(
        `INSERT INTO qualification (clinic_id, patient_id, intake_version, eligibility, eligibility_status, signed_by, signed_by_email, signed_by_role, signed_at, expires_at)
         VALUES ($1, $2, 1, '{}', 'eligible', $3, 'nurse@a.test', 'nurse', now(), now() + interval '1 day')`,
        [t.clinics.a.id, patientId, t.clinics.a.users.nurse.id],
      ),
    );
  });
});

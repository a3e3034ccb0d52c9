/** Patients and their body measurements: create, find, update with optimistic concurrency, search. */
import {
  DomainError,
  checkDateOfBirth,
  checkMeasuredOn,
  invalidFields,
  normalizeSearchText,
  parsePatientQuery,
  type CreateMeasurementBody,
  type CreatePatientBody,
  type FieldIssue,
  type Measurement,
  type Patient,
  type PatientPage,
  type PatientSearchQuery,
  type UpdatePatientBody,
} from '@ketapath/core';
import {
  findPatient,
  findWeightOn,
  insertMeasurement,
  insertPatientRecord,
  listMeasurements,
  patientExists,
  searchPatients,
  updatePatientIfVersion,
  type Executor,
  type MeasurementWithRecorder,
  type PatientRow,
  type PatientWithLatest,
} from '@ketapath/db';
import { todayIn, type Actor, type AppContext, type RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';

function searchTextOf(p: Pick<PatientRow, 'familyName' | 'givenNames' | 'preferredName'>): string {
  return normalizeSearchText([p.familyName, p.givenNames, p.preferredName ?? ''].join(' '));
}

function toPatient({ patient: p, latestWeight, latestHeight }: PatientWithLatest): Patient {
  return {
    id: p.id,
    mrn: p.mrn,
    familyName: p.familyName,
    givenNames: p.givenNames,
    preferredName: p.preferredName,
    dateOfBirth: p.dateOfBirth,
    sexAtBirth: p.sexAtBirth,
    phone: p.phone,
    email: p.email,
    address: p.address ?? null,
    isDemo: p.isDemo,
    latestWeight: latestWeight ? { weightKg: latestWeight.value, measuredOn: latestWeight.measuredOn } : null,
    latestHeight: latestHeight ? { heightCm: latestHeight.value, measuredOn: latestHeight.measuredOn } : null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function toMeasurement(m: MeasurementWithRecorder): Measurement {
  return {
    id: m.id,
    kind: m.kind,
    value: m.value,
    unit: m.kind === 'weight' ? 'kg' : 'cm',
    measuredOn: m.measuredOn,
    recordedAt: m.recordedAt.toISOString(),
    recordedBy: { id: m.recordedBy, displayName: m.recordedByName },
  };
}

function checkDates(ctx: AppContext, fields: { dateOfBirth?: string | undefined; measuredOn?: string | undefined }): void {
  const today = todayIn(ctx.config.timeZone, ctx.clock.now());
  const issues: FieldIssue[] = [];
  const dob = fields.dateOfBirth ? checkDateOfBirth(fields.dateOfBirth, today) : null;
  if (dob) issues.push({ field: 'dateOfBirth', message: dob });
  const measured = fields.measuredOn ? checkMeasuredOn(fields.measuredOn, today) : null;
  if (measured) issues.push({ field: 'measuredOn', message: measured });
  if (issues.length > 0) throw invalidFields(issues);
}

type PatientAction = 'patient.read' | 'patient.update' | 'measurement.create' | 'measurement.list' | 'measurement.read';

async function requirePatient(ex: Executor, clinicId: string, patientId: string): Promise<PatientWithLatest> {
  const found = await findPatient(ex, clinicId, patientId);
  if (!found) throw new DomainError('PATIENT_NOT_FOUND');
  return found;
}

/**
 * Runs `fn`; when it fails with a domain error (no such patient in this clinic, a stale version), records
 * the failed attempt on the audit trail after `fn`'s transaction has ended, then rethrows. Probing for
 * other clinics' ids shows up here.
 */
async function auditingFailure<T>(ctx: AppContext, actor: Actor, meta: RequestMeta, action: PatientAction, patientId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) {
      await recordAudit(ctx.database.db, ctx, actor, meta, {
        action, entityType: 'patient', entityId: patientId, outcome: 'failure', detail: { reason: error.code },
      });
    }
    throw error;
  }
}

export async function createPatient(ctx: AppContext, actor: Actor, meta: RequestMeta, body: CreatePatientBody): Promise<Patient> {
  const now = ctx.clock.now();
  const measuredOn = body.measuredOn ?? todayIn(ctx.config.timeZone, now);
  checkDates(ctx, { dateOfBirth: body.dateOfBirth, measuredOn });
  const names = { familyName: body.familyName, givenNames: body.givenNames, preferredName: body.preferredName ?? null };
  const fields = {
    ...names,
    dateOfBirth: body.dateOfBirth,
    sexAtBirth: body.sexAtBirth,
    phone: body.phone ?? null,
    email: body.email ?? null,
    address: body.address ?? null,
  };
  // One statement: MRN, patient, first measurements and the audit row together or not at all.
  const created = await insertPatientRecord(ctx.database.db, {
    clinicId: actor.clinicId,
    ...fields,
    searchText: searchTextOf(names),
    at: now,
    userId: actor.userId,
    measuredOn,
    weightKg: body.weightKg ?? null,
    heightCm: body.heightCm ?? null,
    audit: { userEmail: actor.email, role: actor.role, requestId: meta.requestId, ip: meta.ip },
  });
  const stamp = now.toISOString();
  return {
    id: created.id,
    mrn: created.mrn,
    ...fields,
    isDemo: created.isDemo,
    latestWeight: body.weightKg !== undefined ? { weightKg: body.weightKg, measuredOn } : null,
    latestHeight: body.heightCm !== undefined ? { heightCm: body.heightCm, measuredOn } : null,
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

export async function getPatient(ctx: AppContext, actor: Actor, meta: RequestMeta, patientId: string): Promise<Patient> {
  const found = await auditingFailure(ctx, actor, meta, 'patient.read', patientId, () => requirePatient(ctx.database.db, actor.clinicId, patientId));
  await recordAudit(ctx.database.db, ctx, actor, meta, { action: 'patient.read', entityType: 'patient', entityId: patientId });
  return toPatient(found);
}

export async function updatePatient(ctx: AppContext, actor: Actor, meta: RequestMeta, patientId: string, body: UpdatePatientBody): Promise<Patient> {
  checkDates(ctx, { dateOfBirth: body.dateOfBirth });
  const now = ctx.clock.now();
  const { version, ...changes } = body;
  const changedFields = Object.keys(changes);
  await auditingFailure(ctx, actor, meta, 'patient.update', patientId, () => ctx.database.db.transaction(async (tx) => {
    const current = await requirePatient(tx, actor.clinicId, patientId);
    const next = {
      familyName: changes.familyName ?? current.patient.familyName,
      givenNames: changes.givenNames ?? current.patient.givenNames,
      preferredName: changes.preferredName === undefined ? current.patient.preferredName : changes.preferredName,
    };
    const updated = await updatePatientIfVersion(tx, actor.clinicId, patientId, version, {
      ...next,
      ...(changes.dateOfBirth !== undefined ? { dateOfBirth: changes.dateOfBirth } : {}),
      ...(changes.sexAtBirth !== undefined ? { sexAtBirth: changes.sexAtBirth } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.address !== undefined ? { address: changes.address } : {}),
      searchText: searchTextOf(next),
      updatedAt: now,
      updatedBy: actor.userId,
    });
    if (!updated) {
      throw new DomainError('PATIENT_VERSION_CONFLICT', {
        detail: `Someone else changed this patient after you opened it (you edited version ${version}, it is now version ${current.patient.version}). Reload to see their change, then apply yours again.`,
      });
    }
    await recordAudit(tx, ctx, actor, meta, {
      action: 'patient.update',
      entityType: 'patient',
      entityId: patientId,
      detail: { fields: changedFields, version: updated.version },
    });
  }));
  const found = await findPatient(ctx.database.db, actor.clinicId, patientId);
  if (!found) throw new DomainError('PATIENT_NOT_FOUND');
  return toPatient(found);
}

export async function findPatients(ctx: AppContext, actor: Actor, meta: RequestMeta, query: PatientSearchQuery): Promise<PatientPage> {
  const { rows, total } = await searchPatients(ctx.database.db, actor.clinicId, parsePatientQuery(query.q), query);
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'patient.search',
    entityType: 'patient',
    detail: { q: query.q ?? '', offset: query.offset, total, patientIds: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((p) => ({
      id: p.id,
      mrn: p.mrn,
      familyName: p.familyName,
      givenNames: p.givenNames,
      preferredName: p.preferredName,
      dateOfBirth: p.dateOfBirth,
      sexAtBirth: p.sexAtBirth,
      isDemo: p.isDemo,
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function addMeasurement(ctx: AppContext, actor: Actor, meta: RequestMeta, patientId: string, body: CreateMeasurementBody): Promise<Measurement> {
  checkDates(ctx, { measuredOn: body.measuredOn });
  const now = ctx.clock.now();
  return auditingFailure(ctx, actor, meta, 'measurement.create', patientId, () => ctx.database.db.transaction(async (tx) => {
    if (!(await patientExists(tx, actor.clinicId, patientId))) throw new DomainError('PATIENT_NOT_FOUND');
    const value = body.kind === 'weight' ? body.weightKg : body.heightCm;
    const row = await insertMeasurement(tx, {
      clinicId: actor.clinicId, patientId, kind: body.kind, value, measuredOn: body.measuredOn, recordedAt: now, recordedBy: actor.userId,
    });
    await recordAudit(tx, ctx, actor, meta, {
      action: 'measurement.create', entityType: 'patient', entityId: patientId, detail: { measurementId: row.id, kind: body.kind },
    });
    return toMeasurement({ ...row, recordedByName: actor.displayName });
  }));
}

export async function getMeasurements(ctx: AppContext, actor: Actor, meta: RequestMeta, patientId: string, kind?: 'weight' | 'height'): Promise<Measurement[]> {
  await auditingFailure(ctx, actor, meta, 'measurement.list', patientId, () => requirePatient(ctx.database.db, actor.clinicId, patientId));
  const rows = await listMeasurements(ctx.database.db, actor.clinicId, patientId, kind);
  await recordAudit(ctx.database.db, ctx, actor, meta, { action: 'measurement.list', entityType: 'patient', entityId: patientId, detail: { kind: kind ?? 'all', count: rows.length } });
  return rows.map(toMeasurement);
}

/** The weight in force on a date (dosing uses the weight at the plan or session date). */
export async function getWeightOn(ctx: AppContext, actor: Actor, meta: RequestMeta, patientId: string, on: string): Promise<{ weightKg: number; measuredOn: string; measurementId: string }> {
  await auditingFailure(ctx, actor, meta, 'measurement.read', patientId, () => requirePatient(ctx.database.db, actor.clinicId, patientId));
  const row = await findWeightOn(ctx.database.db, actor.clinicId, patientId, on);
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'measurement.read', entityType: 'patient', entityId: patientId, outcome: row ? 'success' : 'failure', detail: { on, measurementId: row?.id ?? null },
  });
  if (!row) throw new DomainError('MEASUREMENT_NOT_FOUND', { detail: `No weight recorded on or before ${on}.` });
  return { weightKg: row.value, measuredOn: row.measuredOn, measurementId: row.id };
}

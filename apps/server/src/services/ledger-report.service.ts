/**
 * GET /api/ledger/reports/:report.(csv|pdf): reads one registered location's ledger in one consistent,
 * read-only snapshot, checks its hash chain, looks up the people, patients and administering nurses it
 * names, builds the report (ledger-report-build.ts) and renders it (ledger-report-render.ts). Every print is
 * audited as `ledger.report` (a refusal too). Dates are calendar dates in the clinic's time zone.
 */
import { DomainError, invalidFields, type LedgerEntry } from '@ketapath/core';
import {
  findClinicById,
  findRegisteredLocation,
  listReportPatients,
  listSessionStarters,
  listUsers,
  type AddressJson,
} from '@ketapath/db';
import { todayIn, type Actor, type AppContext, type RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { buildLedgerReport, InventoryNotFoundError, localDate, type ReportPatient } from './ledger-report-build.js';
import {
  renderLedgerReportCsv,
  renderLedgerReportPdf,
  type LedgerReportDocument,
  type LedgerReportKind,
} from './ledger-report-render.js';
import { checkStoredLedger, readStoredLedger, VERIFY_TRANSACTION } from './ledger-verify.service.js';

export type LedgerReportFormat = 'csv' | 'pdf';

export interface LedgerReportRequest {
  report: LedgerReportKind;
  format: LedgerReportFormat;
  locationId: string;
  /** Inclusive, YYYY-MM-DD; default: the date of the location's first entry. */
  from?: string | undefined;
  /** Inclusive, YYYY-MM-DD; default: today. */
  to?: string | undefined;
  /** The administrations report of one patient. */
  patientId?: string | undefined;
  /** The inventory report of one inventory (default: the latest in the period). */
  inventoryId?: string | undefined;
}

export interface LedgerReportFile {
  body: Buffer;
  contentType: string;
  filename: string;
  document: LedgerReportDocument;
}

function addressLine(address: AddressJson | null): string | null {
  if (!address) return null;
  const locality = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
  const line = [address.line1, address.line2, locality, address.country].filter(Boolean).join(', ');
  return line === '' ? null : line;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'location'
  );
}

function checkRequest(request: LedgerReportRequest): void {
  if (request.patientId !== undefined && request.report !== 'administrations') {
    throw invalidFields([{ field: 'patientId', message: 'applies to the administrations report only' }]);
  }
  if (request.inventoryId !== undefined && request.report !== 'inventory') {
    throw invalidFields([{ field: 'inventoryId', message: 'applies to the inventory report only' }]);
  }
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
    throw invalidFields([{ field: 'from', message: 'must be on or before to' }]);
  }
}

export async function renderLedgerReportFile(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  request: LedgerReportRequest,
): Promise<LedgerReportFile> {
  const audit = (outcome: 'success' | 'failure', detail: Record<string, unknown>) =>
    recordAudit(ctx.database.db, ctx, actor, meta, {
      action: 'ledger.report',
      entityType: 'registered_location',
      entityId: request.locationId,
      outcome,
      detail: {
        report: request.report,
        format: request.format,
        from: request.from ?? null,
        to: request.to ?? null,
        patientId: request.patientId ?? null,
        inventoryId: request.inventoryId ?? null,
        ...detail,
      },
    });
  try {
    checkRequest(request);
    const now = ctx.clock.now();
    const timeZone = ctx.config.timeZone;
    const today = todayIn(timeZone, now);
    const read = await ctx.database.db.transaction(async (tx) => {
      const location = await findRegisteredLocation(tx, actor.clinicId, request.locationId);
      if (!location) throw new DomainError('LEDGER_LOCATION_NOT_FOUND');
      const clinic = await findClinicById(tx, actor.clinicId);
      const stored = await readStoredLedger(tx, actor.clinicId, location.id);
      const patientIds = [
        ...new Set(
          [...stored.entries.map((e) => e.patientId), request.patientId ?? null].filter(
            (id): id is string => id !== null,
          ),
        ),
      ];
      const sessionIds = [
        ...new Set(stored.entries.filter((e) => e.kind === 'administration').map((e) => e.sessionId)),
      ].filter((id): id is string => id !== null);
      return {
        location,
        clinic,
        stored,
        users: await listUsers(tx, actor.clinicId),
        patients: await listReportPatients(tx, actor.clinicId, patientIds),
        starters: await listSessionStarters(tx, actor.clinicId, sessionIds),
      };
    }, VERIFY_TRANSACTION);

    const patients = new Map<string, ReportPatient>(
      read.patients.map((p) => [
        p.id,
        { name: `${p.givenNames} ${p.familyName}`, mrn: p.mrn, address: addressLine(p.address) },
      ]),
    );
    if (request.patientId !== undefined && !patients.has(request.patientId)) {
      throw new DomainError('PATIENT_NOT_FOUND');
    }
    const entries: readonly LedgerEntry[] = read.stored.entries;
    const verification = checkStoredLedger(read.location, read.stored);
    const problems =
      verification.breaks.length + verification.projectionProblems.length + verification.anomalies.length;
    const integrity = verification.ok
      ? `hash chain verified when this report was generated${verification.headHash ? ` (head ${verification.headHash.slice(0, 16)}…)` : ''}`
      : `THE LEDGER CHECK FOUND ${problems} PROBLEM${problems === 1 ? '' : 'S'} when this report was generated: run \`ketapath ledger verify\``;
    const first = entries[0];
    const from = request.from ?? (first ? localDate(first.occurredAt, timeZone) : today);
    const to = request.to ?? today;
    if (from > to) throw invalidFields([{ field: 'from', message: `must be on or before ${to}` }]);

    let document: LedgerReportDocument;
    try {
      document = buildLedgerReport({
        report: request.report,
        registrant: { name: read.clinic?.name ?? 'Unknown clinic', isDemo: read.clinic?.isDemo ?? false },
        location: {
          id: read.location.id,
          name: read.location.name,
          deaRegistration: read.location.deaRegistration,
          address: read.location.address,
          activity: read.location.activity,
        },
        entries,
        people: new Map(read.users.map((u) => [u.id, { name: u.displayName, role: u.role }])),
        patients,
        administeredBy: new Map(read.starters.map((s) => [s.sessionId, s.userId])),
        from,
        to,
        patientId: request.patientId ?? null,
        inventoryId: request.inventoryId ?? null,
        timeZone,
        generatedAt: now,
        generatedBy: `${actor.displayName} (${actor.role.replace('_', ' ')})`,
        today,
        integrity,
      });
    } catch (error) {
      if (error instanceof InventoryNotFoundError) {
        throw new DomainError('LEDGER_ENTRY_NOT_FOUND', {
          detail: 'inventoryId: no such inventory at this location.',
          issues: [{ field: 'inventoryId', message: 'no such inventory at this location' }],
        });
      }
      throw error;
    }
    const body =
      request.format === 'csv'
        ? Buffer.from(renderLedgerReportCsv(document), 'utf8')
        : await renderLedgerReportPdf(document);
    const rows = document.tables.reduce((n, t) => n + t.rows.length, 0);
    await audit('success', {
      from,
      to,
      rows,
      bytes: body.length,
      chainOk: verification.ok,
      lastSeq: verification.lastSeq,
    });
    return {
      body,
      contentType: request.format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/pdf',
      filename: `ledger-${request.report}-${slug(read.location.name)}-${from}-to-${to}.${request.format}`,
      document,
    };
  } catch (error) {
    if (error instanceof DomainError) await audit('failure', { reason: error.code });
    throw error;
  }
}

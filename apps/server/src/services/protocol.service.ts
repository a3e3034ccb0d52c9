/**
 * Treatment protocols: the read-only library shipped with the rules engine, and each clinic's own copies.
 * A clinic copy starts from a library (or clinic) protocol under a new id and changes only by adding a
 * version; every version stays readable, so an order is always checked against the version it names.
 * Lookups by id try the clinic's copies first, then the library (a copy may not take a library id; should a
 * later library add an id a clinic already uses, the clinic's own protocol still answers for it).
 */
import { DomainError, invalidFields, type FieldIssue, type Protocol } from '@ketapath/core';
import { getProtocol, listProtocols, PROTOCOL_LIBRARY, validateProtocol } from '@ketapath/clinical-rules';
import {
  findClinicProtocol,
  insertClinicProtocolVersion,
  listClinicProtocolVersions,
  listLatestClinicProtocols,
  type ClinicProtocolRow,
  type Executor,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import type { StaffStamp } from './clinical-settings.service.js';

export type ProtocolOrigin = 'library' | 'clinic';

export interface ProtocolSummary {
  id: string;
  version: number;
  name: string;
  /** The indication text. */
  indication: string;
  /** The protocol's routes, comma-separated (also as `routes`). */
  route: string;
  routes: Protocol['routes'];
  /** REFERENCE.md evidence label of the protocol's source. */
  evidence: Protocol['evidence']['label'];
  origin: ProtocolOrigin;
  basedOn?: { id: string; version: number };
  updatedAt?: string;
}

export interface ProtocolVersionInfo {
  version: number;
  /** When a clinic version was saved; null for library versions (they ship with the software). */
  createdAt: string | null;
  createdBy: StaffStamp | null;
  reason: string;
}

export interface ResolvedProtocol {
  protocol: Protocol;
  origin: ProtocolOrigin;
}

function isLibraryId(protocolId: string): boolean {
  return PROTOCOL_LIBRARY.some((p) => p.id === protocolId);
}

/** A stored definition is the full protocol, written by this service after validation. */
function protocolOf(row: ClinicProtocolRow): Protocol {
  return row.definition as unknown as Protocol;
}

function summaryOf(protocol: Protocol, origin: ProtocolOrigin, row?: ClinicProtocolRow): ProtocolSummary {
  return {
    id: protocol.id,
    version: protocol.version,
    name: protocol.name,
    indication: protocol.indication.text,
    route: protocol.routes.join(', '),
    routes: protocol.routes,
    evidence: protocol.evidence.label,
    origin,
    ...(protocol.basedOn ? { basedOn: protocol.basedOn } : {}),
    ...(row ? { updatedAt: row.createdAt.toISOString() } : {}),
  };
}

/** The library's protocols (latest version of each), then the clinic's own (latest version of each). */
export async function listAllProtocols(ctx: AppContext, actor: Actor): Promise<ProtocolSummary[]> {
  const clinic = await listLatestClinicProtocols(ctx.database.db, actor.clinicId);
  return [
    ...listProtocols().map((p) => summaryOf(p, 'library')),
    ...clinic.map((row) => summaryOf(protocolOf(row), 'clinic', row)),
  ];
}

/**
 * One protocol version (the latest when `version` is omitted): the clinic's copy of that id, else the
 * library's. Throws PROTOCOL_NOT_FOUND.
 */
export async function resolveProtocol(
  ex: Executor,
  clinicId: string,
  protocolId: string,
  version?: number,
): Promise<ResolvedProtocol> {
  const row = await findClinicProtocol(ex, clinicId, protocolId, version);
  if (row) return { protocol: protocolOf(row), origin: 'clinic' };
  const protocol = getProtocol(protocolId, version);
  if (protocol) return { protocol, origin: 'library' };
  throw new DomainError('PROTOCOL_NOT_FOUND', {
    detail:
      version === undefined
        ? `No protocol '${protocolId}' in the library or in your clinic.`
        : `No version ${version} of protocol '${protocolId}'.`,
  });
}

export async function getProtocolDetail(
  ctx: AppContext,
  actor: Actor,
  protocolId: string,
): Promise<ResolvedProtocol & { versions: ProtocolVersionInfo[] }> {
  const latest = await resolveProtocol(ctx.database.db, actor.clinicId, protocolId);
  if (latest.origin === 'library') {
    const versions = PROTOCOL_LIBRARY.filter((p) => p.id === protocolId)
      .map((p) => ({
        version: p.version,
        createdAt: null,
        createdBy: null,
        reason: 'Library protocol, from REFERENCE.md',
      }))
      .sort((a, b) => b.version - a.version);
    return { ...latest, versions };
  }
  const versions = await listClinicProtocolVersions(ctx.database.db, actor.clinicId, protocolId);
  return {
    ...latest,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdBy: { email: v.createdByEmail, role: v.createdByRole },
      reason: v.reason,
    })),
  };
}

/** The engine's dotted path (`limits.0.bolusMg.soft`) as a request field (`protocol.limits[0].bolusMg.soft`). */
function fieldOf(path: string): string {
  if (path === '') return 'protocol';
  return `protocol${path
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')}`;
}

/** The engine's own checks of a protocol's meaning (ranges in order, limits soft ≤ hard, …), as 400s. */
function checkProtocolMeaning(protocol: Protocol): void {
  const issues: FieldIssue[] = validateProtocol(protocol).map((issue) => ({
    field: fieldOf(issue.path),
    message: issue.message,
  }));
  if (issues.length > 0) throw invalidFields(issues);
}

export interface CreateClinicProtocolInput {
  basedOn: { protocolId: string; version: number };
  protocol: Protocol;
  reason: string;
}

/**
 * Saves a clinic copy as version 1 under a new id (not a library id, not one of the clinic's), recording what
 * it was based on; audited in the same transaction.
 */
export async function createClinicProtocol(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  input: CreateClinicProtocolInput,
): Promise<ResolvedProtocol> {
  const protocolId = input.protocol.id;
  const taken = () =>
    new DomainError('PROTOCOL_ID_TAKEN', {
      detail: `The id '${protocolId}' is already used by a ${isLibraryId(protocolId) ? 'library' : 'clinic'} protocol. Choose a new id for the copy.`,
      issues: [{ field: 'protocol.id', message: 'is already used by another protocol' }],
    });
  return auditingRefusal(ctx, actor, meta, 'protocol.create', protocolId, null, async () => {
    if (isLibraryId(protocolId)) throw taken();
    let source: ResolvedProtocol;
    try {
      source = await resolveProtocol(
        ctx.database.db,
        actor.clinicId,
        input.basedOn.protocolId,
        input.basedOn.version,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PROTOCOL_NOT_FOUND') {
        throw new DomainError('PROTOCOL_NOT_FOUND', {
          detail: error.message,
          issues: [{ field: 'basedOn', message: error.message }],
        });
      }
      throw error;
    }
    // A copy of a copy records the library protocol the chain started from.
    const basedOn =
      source.origin === 'clinic' && source.protocol.basedOn
        ? source.protocol.basedOn
        : { id: source.protocol.id, version: source.protocol.version };
    const protocol: Protocol = { ...input.protocol, version: 1, basedOn };
    checkProtocolMeaning(protocol);
    const now = ctx.clock.now();
    await ctx.database.db.transaction(async (tx) => {
      const inserted = await insertClinicProtocolVersion(tx, {
        clinicId: actor.clinicId,
        protocolId,
        version: 1,
        definition: protocol,
        basedOnId: basedOn.id,
        basedOnVersion: basedOn.version,
        reason: input.reason,
        createdBy: actor.userId,
        createdByEmail: actor.email,
        createdByRole: actor.role,
        createdAt: now,
      });
      if (!inserted) throw taken();
      await recordAudit(tx, ctx, actor, meta, {
        action: 'protocol.create',
        entityType: 'protocol',
        entityId: protocolId,
        detail: {
          protocolId,
          version: 1,
          basedOn,
          copiedFrom: { id: source.protocol.id, version: source.protocol.version, origin: source.origin },
          reason: input.reason,
        },
      });
    });
    return { protocol, origin: 'clinic' as const };
  });
}

export interface UpdateClinicProtocolInput {
  protocol: Protocol;
  reason: string;
  expectedVersion: number;
}

/** Runs `fn`; a conflict (stale version, taken id) is recorded on the audit trail after its transaction ended. */
async function auditingRefusal<T>(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  action: 'protocol.create' | 'protocol.version',
  protocolId: string,
  expectedVersion: number | null,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'conflict') {
      await recordAudit(ctx.database.db, ctx, actor, meta, {
        action,
        entityType: 'protocol',
        entityId: protocolId,
        outcome: 'failure',
        detail: { protocolId, reason: error.code, expectedVersion },
      });
    }
    throw error;
  }
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, so plain JSON text would differ. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Top-level fields whose content differs between two versions, for the audit trail. */
function changedFields(before: Protocol, after: Protocol): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('version');
  return [...keys]
    .filter(
      (k) =>
        canonicalJson((before as Record<string, unknown>)[k]) !==
        canonicalJson((after as Record<string, unknown>)[k]),
    )
    .sort();
}

/**
 * Saves the next version of a clinic protocol (expectedVersion + 1), audited in the same transaction. The
 * library is read-only (409 PROTOCOL_READ_ONLY); a stale expectedVersion is 409 PROTOCOL_VERSION_CONFLICT.
 */
export async function updateClinicProtocol(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  protocolId: string,
  input: UpdateClinicProtocolInput,
): Promise<ResolvedProtocol> {
  if (input.protocol.id !== protocolId) {
    throw invalidFields([
      {
        field: 'protocol.id',
        message: `must be '${protocolId}' (the id cannot change; copy the protocol instead)`,
      },
    ]);
  }
  const now = ctx.clock.now();
  return auditingRefusal(ctx, actor, meta, 'protocol.version', protocolId, input.expectedVersion, () =>
    ctx.database.db.transaction(async (tx) => {
      const current = await findClinicProtocol(tx, actor.clinicId, protocolId);
      if (!current && isLibraryId(protocolId)) {
        throw new DomainError('PROTOCOL_READ_ONLY', {
          detail: `'${protocolId}' is a library protocol and cannot be changed. Copy it (POST /api/protocols) under a new id and change the copy.`,
        });
      }
      if (!current)
        throw new DomainError('PROTOCOL_NOT_FOUND', {
          detail: `No protocol '${protocolId}' in your clinic.`,
        });
      const stale = () =>
        new DomainError('PROTOCOL_VERSION_CONFLICT', {
          detail: `Someone else saved this protocol after you opened it (you edited version ${input.expectedVersion}, it is now version ${current.version}). Reload, then apply your change again.`,
        });
      if (current.version !== input.expectedVersion) throw stale();
      const previous = protocolOf(current);
      const version = current.version + 1;
      const basedOn = { id: current.basedOnId, version: current.basedOnVersion };
      const protocol: Protocol = { ...input.protocol, version, basedOn };
      checkProtocolMeaning(protocol);
      const inserted = await insertClinicProtocolVersion(tx, {
        clinicId: actor.clinicId,
        protocolId,
        version,
        definition: protocol,
        basedOnId: basedOn.id,
        basedOnVersion: basedOn.version,
        reason: input.reason,
        createdBy: actor.userId,
        createdByEmail: actor.email,
        createdByRole: actor.role,
        createdAt: now,
      });
      if (!inserted) throw stale();
      await recordAudit(tx, ctx, actor, meta, {
        action: 'protocol.version',
        entityType: 'protocol',
        entityId: protocolId,
        detail: {
          protocolId,
          previousVersion: current.version,
          version,
          changedFields: changedFields(previous, protocol),
          reason: input.reason,
        },
      });
      return { protocol, origin: 'clinic' as const };
    }),
  );
}

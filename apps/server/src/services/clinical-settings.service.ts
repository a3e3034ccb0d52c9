/**
 * A clinic's values for the clinical rules' parameters. Each change names its reason and is kept forever
 * (who, when, old and new value); the rules engine gets the current overrides as `ClinicSettings`. A change
 * is made against the version the user saw, so two people editing one setting cannot silently overwrite.
 */
import { DomainError, invalidFields } from '@ketapath/core';
import {
  describeParameters,
  PARAMETERS_BY_ID,
  validateSettingValue,
  type ClinicSettings,
  type Parameter,
  type ParameterDescriptor,
  type SettingValue,
} from '@ketapath/clinical-rules';
import {
  findCurrentSettingChange,
  insertSettingChange,
  listCurrentSettingChanges,
  listSettingChanges,
  type Executor,
  type SettingChangeRow,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { cached, embeddedCache } from './embedded-cache.js';

export interface StaffStamp {
  email: string;
  role: string;
}

export type ClinicalSetting = ParameterDescriptor & {
  /** The value the rules use: the clinic's, else the default; null when neither exists. */
  value: SettingValue | null;
  origin: 'default' | 'clinic';
  /** Number of changes the clinic made to this parameter (0 = never changed). */
  version: number;
  changedAt: string | null;
  changedBy: StaffStamp | null;
};

export interface SettingChange {
  version: number;
  value: SettingValue | null;
  previousValue: SettingValue | null;
  reason: string;
  changedBy: StaffStamp;
  changedAt: string;
}

export interface ChangeSettingInput {
  value: SettingValue | null;
  reason: string;
  expectedVersion: number;
}

function requireParameter(parameterId: string): Parameter {
  const parameter = PARAMETERS_BY_ID.get(parameterId);
  if (!parameter)
    throw new DomainError('SETTING_NOT_FOUND', {
      detail: `No rule setting '${parameterId}'. GET /api/rules lists them.`,
    });
  return parameter;
}

/**
 * The clinic's override a rule may use: a stored value that the parameter still accepts. (A stored value
 * outside a range narrowed since it was set is not used; the rule falls back to the default, and the
 * settings page shows the default as in force.)
 */
function overrideOf(parameter: Parameter, change: SettingChangeRow | undefined | null): SettingValue | null {
  if (!change || change.value === null) return null;
  return validateSettingValue(parameter, change.value) === null ? change.value : null;
}

/** The clinic's current overrides, by parameter id, for the rules engine. */
const SETTINGS_CACHE = 'clinic-settings';

/** The clinic's settings for the hot paths (a chart post): remembered on the embedded database until a change. */
export function clinicSettingsOf(ctx: AppContext, clinicId: string): Promise<ClinicSettings> {
  return cached(embeddedCache<ClinicSettings>(ctx, SETTINGS_CACHE), clinicId, ctx.clock.now().getTime(), () =>
    loadClinicSettings(ctx.database.db, clinicId),
  );
}

export async function loadClinicSettings(ex: Executor, clinicId: string): Promise<ClinicSettings> {
  const settings: Record<string, SettingValue> = {};
  for (const change of await listCurrentSettingChanges(ex, clinicId)) {
    const parameter = PARAMETERS_BY_ID.get(change.parameterId);
    const value = parameter ? overrideOf(parameter, change) : null;
    if (value !== null) settings[change.parameterId] = value;
  }
  return settings;
}

function toSetting(
  descriptor: ParameterDescriptor,
  parameter: Parameter,
  change: SettingChangeRow | null,
): ClinicalSetting {
  const override = overrideOf(parameter, change);
  return {
    ...descriptor,
    value: override ?? parameter.default,
    origin: override === null ? 'default' : 'clinic',
    version: change?.version ?? 0,
    changedAt: change ? change.changedAt.toISOString() : null,
    changedBy: change ? { email: change.changedByEmail, role: change.changedByRole } : null,
  };
}

function descriptorOf(parameterId: string): ParameterDescriptor {
  const descriptor = describeParameters().find((d) => d.id === parameterId);
  if (!descriptor) throw new DomainError('SETTING_NOT_FOUND');
  return descriptor;
}

/** Every rule parameter with the value in force in the actor's clinic. */
export async function listClinicalSettings(ctx: AppContext, actor: Actor): Promise<ClinicalSetting[]> {
  const changes = new Map(
    (await listCurrentSettingChanges(ctx.database.db, actor.clinicId)).map((c) => [c.parameterId, c]),
  );
  return describeParameters().map((descriptor) =>
    toSetting(descriptor, requireParameter(descriptor.id), changes.get(descriptor.id) ?? null),
  );
}

/** Every change the clinic made to one parameter, newest first. */
export async function getSettingHistory(
  ctx: AppContext,
  actor: Actor,
  parameterId: string,
): Promise<SettingChange[]> {
  requireParameter(parameterId);
  const rows = await listSettingChanges(ctx.database.db, actor.clinicId, parameterId);
  return rows.map((r) => ({
    version: r.version,
    value: r.value,
    previousValue: r.previousValue,
    reason: r.reason,
    changedBy: { email: r.changedByEmail, role: r.changedByRole },
    changedAt: r.changedAt.toISOString(),
  }));
}

/**
 * Sets a parameter for the actor's clinic (null returns it to the default), as version expectedVersion + 1,
 * with its audit row in the same transaction. A stale expectedVersion, or another change landing first, is a
 * 409; the refused attempt is audited too.
 */
export async function changeClinicalSetting(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  parameterId: string,
  input: ChangeSettingInput,
): Promise<ClinicalSetting> {
  const parameter = requireParameter(parameterId);
  if (input.value !== null) {
    const problem = validateSettingValue(parameter, input.value);
    if (problem !== null) throw invalidFields([{ field: 'value', message: problem }]);
  }
  const now = ctx.clock.now();
  try {
    const change = await ctx.database.db
      .transaction(async (tx) => {
        const current = await findCurrentSettingChange(tx, actor.clinicId, parameterId);
        const currentVersion = current?.version ?? 0;
        const stale = () =>
          new DomainError('SETTING_VERSION_CONFLICT', {
            detail: `Someone else changed ${parameter.label} after you opened it (you edited version ${input.expectedVersion}, it is now version ${currentVersion}). Reload to see their change, then apply yours again.`,
          });
        if (currentVersion !== input.expectedVersion) throw stale();
        const row: SettingChangeRow = {
          parameterId,
          version: currentVersion + 1,
          value: input.value,
          previousValue: current?.value ?? null,
          reason: input.reason,
          changedBy: actor.userId,
          changedByEmail: actor.email,
          changedByRole: actor.role,
          changedAt: now,
        };
        if (!(await insertSettingChange(tx, { clinicId: actor.clinicId, ...row }))) throw stale();
        await recordAudit(tx, ctx, actor, meta, {
          action: 'settings.change',
          entityType: 'clinic_setting',
          entityId: parameterId,
          detail: {
            parameterId,
            version: row.version,
            previousValue: row.previousValue,
            value: row.value,
            reason: row.reason,
          },
        });
        return row;
      })
      .finally(() => embeddedCache(ctx, SETTINGS_CACHE)?.clear());
    return toSetting(descriptorOf(parameterId), parameter, change);
  } catch (error) {
    if (error instanceof DomainError) {
      await recordAudit(ctx.database.db, ctx, actor, meta, {
        action: 'settings.change',
        entityType: 'clinic_setting',
        entityId: parameterId,
        outcome: 'failure',
        detail: { parameterId, reason: error.code, expectedVersion: input.expectedVersion },
      });
    }
    throw error;
  }
}

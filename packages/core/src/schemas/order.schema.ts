/**
 * A ketamine order as written (amount with its unit, weight and how it was entered, bag or concentration,
 * the pump setting), the patient facts the dose checks need, and the earlier orders the per-day, per-week
 * and duplicate checks read. Every quantity names its unit; physically impossible values are refused here.
 */
import { z } from 'zod';
import { ZIsoDate, ZIsoDateTime } from './common.schema.js';
import { ZHeightCm, ZSexAtBirth, ZWeightKg } from './patient.schema.js';
import {
  ZBolusDoseUnit,
  ZInfusionRateUnit,
  ZProtocolId,
  ZProtocolRoute,
  ZProtocolVersion,
  ZWeightBasis,
} from './protocol.schema.js';
import { STAFF_ROLES } from '../roles.js';

const positive = (unit: string) =>
  z.number({ message: `must be a number in ${unit}` }).positive(`must be more than 0 ${unit}`);
const nonNegative = (unit: string) =>
  z.number({ message: `must be a number in ${unit}` }).min(0, `must be 0 ${unit} or more`);

export const ORDER_KINDS = ['infusion', 'bolus'] as const;
export const ZOrderKind = z.enum(ORDER_KINDS, { message: 'must be infusion or bolus' });
export type OrderKind = z.infer<typeof ZOrderKind>;

export const ZBag = z.strictObject({ drugMg: positive('mg'), volumeMl: positive('mL') });
export type OrderBag = z.infer<typeof ZBag>;

export const ZOrder = z
  .strictObject({
    protocolId: ZProtocolId,
    protocolVersion: ZProtocolVersion,
    route: ZProtocolRoute,
    kind: ZOrderKind,
    /** Infusions: the ordered rate in the unit it was written in. */
    rate: z.strictObject({ value: positive('rate unit'), unit: ZInfusionRateUnit }).optional(),
    /** Boluses and oral/intranasal doses: the ordered dose in the unit it was written in. */
    dose: z.strictObject({ value: positive('dose unit'), unit: ZBolusDoseUnit }).optional(),
    durationMin: positive('min').optional(),
    /** The patient's actual body weight the order was written with, in kg (converted if entered in lb). */
    weightKg: ZWeightKg,
    /** Which weight the per-kg amount was multiplied by. */
    weightBasis: ZWeightBasis,
    /** The unit the weight was typed in, when known. */
    weightUnitEntered: z.enum(['kg', 'lb']).optional(),
    bag: ZBag.optional(),
    concentrationMgPerMl: positive('mg/mL').optional(),
    /** The pump setting, for the reverse check (what the pump will deliver). */
    programmedRateMlPerH: positive('mL/h').optional(),
    orderedAt: ZIsoDateTime,
    orderedBy: z.enum(STAFF_ROLES).optional(),
    /** A physician's reason for going past a soft limit. */
    overrideReason: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(1000, 'must be at most 1000 characters')
      .optional(),
  })
  .superRefine((order, ctx) => {
    if (order.kind === 'infusion') {
      if (order.rate === undefined)
        ctx.addIssue({ code: 'custom', path: ['rate'], message: 'an infusion needs a rate' });
      if (order.dose !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['dose'],
          message: 'an infusion is ordered as a rate, not a dose',
        });
      if (order.durationMin === undefined) {
        ctx.addIssue({ code: 'custom', path: ['durationMin'], message: 'an infusion needs a duration' });
      }
      if (order.bag === undefined && order.concentrationMgPerMl === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['bag'],
          message: 'an infusion needs the bag or its concentration',
        });
      }
    } else {
      if (order.dose === undefined)
        ctx.addIssue({ code: 'custom', path: ['dose'], message: 'a bolus needs a dose' });
      if (order.rate !== undefined)
        ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a bolus is ordered as a dose, not a rate' });
      if (order.programmedRateMlPerH !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['programmedRateMlPerH'], message: 'a bolus has no pump rate' });
      }
    }
    if (order.bag !== undefined && order.concentrationMgPerMl !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['concentrationMgPerMl'],
        message: 'give the bag or the concentration, not both',
      });
    }
    if (
      order.programmedRateMlPerH !== undefined &&
      order.bag === undefined &&
      order.concentrationMgPerMl === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['programmedRateMlPerH'],
        message: 'the pump check needs the bag or concentration',
      });
    }
  });
export type Order = z.infer<typeof ZOrder>;

export const ZOrderPatient = z.strictObject({
  ageYears: z.number({ message: 'must be a number of years' }).int('must be a whole number').min(0).max(120),
  sex: ZSexAtBirth,
  heightCm: ZHeightCm,
  /** The latest recorded weight and the date it was measured. */
  weightKg: ZWeightKg,
  recordedOn: ZIsoDate,
  weightHistory: z.array(z.strictObject({ recordedOn: ZIsoDate, weightKg: ZWeightKg })).optional(),
});
export type OrderPatient = z.infer<typeof ZOrderPatient>;

export const ORDER_HISTORY_STATUSES = ['ordered', 'administered', 'cancelled'] as const;

/** One earlier order or administration (one entry per order; `status` says whether it was given). */
export const ZOrderHistoryEntry = z.strictObject({
  at: ZIsoDateTime,
  protocolId: ZProtocolId,
  protocolVersion: ZProtocolVersion.optional(),
  kind: ZOrderKind,
  status: z.enum(ORDER_HISTORY_STATUSES),
  /** Total drug of that order or administration. */
  doseMg: nonNegative('mg'),
  rateMgPerH: nonNegative('mg/h').optional(),
  durationMin: positive('min').optional(),
});
export type OrderHistoryEntry = z.infer<typeof ZOrderHistoryEntry>;

export const ZOrderHistory = z.array(ZOrderHistoryEntry);
export type OrderHistory = z.infer<typeof ZOrderHistory>;

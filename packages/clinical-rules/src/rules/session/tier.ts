/**
 * Action tiers for intra-infusion findings (REFERENCE §4.2 note: each threshold carries an action tier) and
 * the severity each tier gives a finding.
 */
import { ACTION_TIERS, type ActionTier, type Severity } from '../../types.js';

const TIER_SEVERITY: Readonly<Record<ActionTier, Severity>> = {
  'continue-and-watch': 'warn',
  slow: 'needs-ack',
  pause: 'needs-ack',
  'stop-and-call': 'block',
};

const TIER_WORDS: Readonly<Record<ActionTier, string>> = {
  'continue-and-watch': 'continue and watch closely',
  slow: 'slow the infusion and recheck',
  pause: 'pause the infusion and recheck',
  'stop-and-call': 'stop the infusion and call the prescriber',
};

export function asActionTier(value: string): ActionTier {
  const tier = ACTION_TIERS.find((t) => t === value);
  if (tier === undefined) throw new Error(`'${value}' is not an action tier`);
  return tier;
}

export function severityForTier(tier: ActionTier): Severity {
  return TIER_SEVERITY[tier];
}

export function tierWords(tier: ActionTier): string {
  return TIER_WORDS[tier];
}

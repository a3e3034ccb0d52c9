/**
 * @module @ketapath/charting: the infusion-session chart computed from its entries (state, exact administered
 * dose from the rate history, alerts, the snapshot the session rules read, the floor-board summary) and the
 * treatment-plan arithmetic (doses for a patient, session schedule). Pure: takes `now` as input.
 */
export * from './chart-types.js';
export * from './administered-dose.js';
export * from './fold-chart.js';
export * from './session-snapshot.js';
export * from './alerts.js';
export * from './floor-chair.js';
export * from './regimen-from-chart.js';
export * from './plan/index.js';

/** Treatment-plan arithmetic: orders for the patient, the session schedule, the predicted levels. */
export * from './plan-orders.js';
export * from './plan-schedule.js';
export * from './plan-prediction.js';

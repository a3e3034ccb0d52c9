/** The Intake and Plan tabs of the patient page, loaded together on first use (one chunk). */
export { IntakeTab, IntakeVersionTab } from './intake-tab';
export { PlanTab, PlanVersionTab } from '../plan/plan-tab';

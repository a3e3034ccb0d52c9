/** The pages loaded together on demand: the session chart (with its timeline chart) and the patient's Sessions tab. */
export { SessionChartPage } from './session-chart-page';
export { PatientSessionsTab } from './patient-sessions-tab';

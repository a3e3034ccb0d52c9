/** @module @ketapath/api-client: a typed fetch client for the Ketapath staff API. */
export { ApiError, isApiError, toApiError, type ApiErrorInit, type ClientErrorCode } from './api-error.js';
export {
  ApiClient,
  createApiClient,
  type ApiClientOptions,
  type AuditSearchParams,
  type FetchFunction,
  type PatientSearchParams,
  type RequestOptions,
  type WeightOn,
} from './client.js';
export type {
  ClinicalSetting,
  ClinicalSettingChange,
  CreateClinicProtocolBody,
  EvidenceLabel,
  ParameterDescriptor,
  ParameterVerification,
  ProtocolDetail,
  ProtocolOrigin,
  ProtocolSummary,
  ProtocolVersion,
  ProtocolVersionInfo,
  RuleArea,
  RuleCitation,
  RuleDescriptor,
  RuleSeverity,
  RulesCatalogue,
  SettingValue,
  StaffRef,
  UpdateClinicalSettingBody,
  UpdateClinicProtocolBody,
} from './rules-types.js';

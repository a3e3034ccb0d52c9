/** The pages of the rules engine, loaded together on first use: protocols, clinical settings, rules reference. */
export { ProtocolLibraryPage } from './protocol-library-page';
export { ProtocolPage } from './protocol-page';
export { ProtocolEditPage } from './protocol-edit-page';
export { ClinicalSettingsPage } from './clinical-settings-page';
export { RulesReferencePage } from './rules-reference-page';

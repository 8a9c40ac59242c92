/**
 * The profile XML scanner, its findings and fixes as one bundle (dist/profileXml.js), loaded the
 * first time a profile or permission set file is checked, so activation does not pay for it.
 */
// This bundle's own copy of @vscode/l10n, configured by src/common/lazyBundle.ts when it loads.
export { config as configureL10n } from '@vscode/l10n';
export { auditPermissionSetXml, auditProfileXml, malformedXmlFinding, oktaReadiness, unexpectedRootFinding } from './profileFindings';
export { addPermissionsEdits, enablePermissionEdit, fixAllEdits } from './profileFixes';
export { rescanMetadataXml } from './rescan';
export { scanMetadataXml } from './scanner';

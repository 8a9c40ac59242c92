/**
 * The profile XML scanner, its findings and fixes as one bundle (dist/profileXml.js), loaded the
 * first time a profile or permission set file is checked, so activation does not pay for it.
 */
export { auditPermissionSetXml, auditProfileXml, malformedXmlFinding, oktaReadiness, unexpectedRootFinding } from './profileFindings';
export { addPermissionsEdits, enablePermissionEdit, fixAllEdits } from './profileFixes';
export { rescanMetadataXml } from './rescan';
export { scanMetadataXml } from './scanner';

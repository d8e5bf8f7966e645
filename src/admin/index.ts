/**
 * Admin document management: the knowledge folder's documents (upload, replace, delete, metadata),
 * background reindex jobs, metadata sidecars, and the audit log port.
 */
export { DocumentService, DEFAULT_MAX_BYTES } from './document-service.js';
export type { DocumentServiceOptions, DocumentMetaView } from './document-service.js';
export type { DocumentInfo, DocumentState } from './document-listing.js';
export { ReindexJobs } from './reindex-jobs.js';
export type { ReindexJob, ManagedKnowledge } from './reindex-jobs.js';
export { safeDocumentName, pathInside, UPLOAD_EXTENSIONS, PROTECTED_NAMES } from './file-names.js';
export { META_FIELDS, STATUS_CHOICES, validateMetaPatch, metaValues } from './meta-fields.js';
export type { MetaField, MetaPatch, MetaValues } from './meta-fields.js';
export { SIDECAR_SUFFIX, isSidecarFile, sidecarPathOf, documentHash, withSidecar } from './sidecar.js';
export type { AuditEntry, AuditLog } from './ports.js';

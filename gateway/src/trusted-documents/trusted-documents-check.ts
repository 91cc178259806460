import { codedError, ErrorCode } from '@shopgraph/shared';
import { print } from 'graphql';
import type { AdmissionCheck } from '../admission/operation-admission.js';
import { fragmentsOf, normalDocument } from './normal-form.js';
import { sha256Hex, type TrustedDocumentMode, type TrustedDocuments } from './trusted-documents.js';

/** Distinct unknown documents logged in `allow` mode; past this, a flood of them logs nothing more. */
const MAX_REPORTED_DOCUMENTS = 1_000;

/**
 * Runs only the documents the clients ship (`enforce`), or runs anything and logs each
 * document outside the manifest once (`allow`). A document is trusted when its text is a
 * manifest body (what `documentId` resolves to: one hash) or when its normal form is (the
 * same operation sent as text, formatted any way). The normal form visits each fragment once.
 */
export function createTrustedDocumentsCheck(documents: TrustedDocuments, mode: TrustedDocumentMode): AdmissionCheck {
  const reported = new Set<string>();
  return ({ source, document, operation, operationName, contextValue }) => {
    // No operation to run: execution answers that, and nothing runs.
    if (!operation || documents.has(sha256Hex(source))) return;
    const id = sha256Hex(print(normalDocument(operation, fragmentsOf(document))));
    if (documents.has(id)) return;
    if (mode === 'enforce') {
      throw codedError(
        ErrorCode.TRUSTED_DOCUMENT_REQUIRED,
        'This API runs only the operations its clients ship; send the `documentId` of one in the trusted-documents manifest.',
        { http: { status: 400 } },
      );
    }
    if (reported.has(id) || reported.size >= MAX_REPORTED_DOCUMENTS) return;
    reported.add(id);
    contextValue.logger.warn({ operationName, documentId: `sha256:${id}` }, 'ran an operation that is not in the trusted-documents manifest');
  };
}

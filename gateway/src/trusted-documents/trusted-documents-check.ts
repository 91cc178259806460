import { codedError, ErrorCode } from '@shopgraph/shared';
import { print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
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
 *
 * The text's hash is Apollo's `queryHash` (the sha256 of the text, hex, as the manifest's ids),
 * not hashed again. The normal form's id is worked out once per parsed document: Apollo Server
 * keeps one parsed document per distinct text, so a text sent again comes with the same
 * operation node, and its id is a function of that node and its document's fragments alone.
 */
export function createTrustedDocumentsCheck(documents: TrustedDocuments, mode: TrustedDocumentMode): AdmissionCheck {
  const reported = new Set<string>();
  // Held weakly: an id lives as long as Apollo keeps the document it was worked out from.
  const normalIds = new WeakMap<OperationDefinitionNode, string>();
  const normalIdOf = (operation: OperationDefinitionNode, document: DocumentNode) => {
    let id = normalIds.get(operation);
    if (id === undefined) {
      id = sha256Hex(print(normalDocument(operation, fragmentsOf(document))));
      normalIds.set(operation, id);
    }
    return id;
  };
  return ({ queryHash, document, operation, operationName, contextValue }) => {
    // No operation to run: execution answers that, and nothing runs.
    if (!operation || documents.has(queryHash)) return;
    const id = normalIdOf(operation, document);
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

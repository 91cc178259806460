import { ErrorCode } from '@shopgraph/shared';
import type { RequestHandler } from 'express';
import type { TrustedDocuments } from './trusted-documents.js';

const DOCUMENT_ID = /^sha256:([0-9a-f]{64})$/;

/**
 * Lets a client send `{ "documentId": "sha256:<hex>" }` instead of the document's text: the
 * text comes from the manifest, so the client ships ids, not queries, and a request for a
 * document the manifest does not hold is answered at once, before any GraphQL work.
 */
export function documentIdResolver(documents: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (req.method !== 'POST' || typeof body !== 'object' || body === null || !('documentId' in body)) return next();
    if (body['query'] !== undefined) {
      refuse(res, 'BAD_REQUEST', 'Send either `query` or `documentId`, not both.');
      return;
    }
    const id = typeof body['documentId'] === 'string' ? DOCUMENT_ID.exec(body['documentId'])?.[1] : undefined;
    const text = id === undefined ? undefined : documents.byId(id);
    if (text === undefined) {
      refuse(res, ErrorCode.TRUSTED_DOCUMENT_NOT_FOUND, 'No trusted document has this `documentId` (expected "sha256:" and the hex hash of a document in the manifest).');
      return;
    }
    body['query'] = text;
    next();
  };
}

function refuse(res: Parameters<RequestHandler>[1], code: string, message: string): void {
  res.status(400).json({ errors: [{ message, extensions: { code } }] });
}

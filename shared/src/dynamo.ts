export { createDocumentClient, type DocumentClientOptions } from './dynamo/document-client.js';
export { ensureTable } from './dynamo/ensure-table.js';
export { BATCH_GET_LIMIT, batchGetAll, type ItemKey } from './dynamo/batch-get.js';
export { batchPutAll } from './dynamo/batch-write.js';
export { tableReadinessCheck } from './dynamo/table-readiness.js';
export { backoff } from './dynamo/backoff.js';

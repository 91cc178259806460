/**
 * Every DynamoDB table of shopgraph, defined once. The local bootstrap, the tests and the
 * CDK stack all read these, so a key or index exists everywhere or nowhere. Plain data,
 * free of AWS SDK types, so infra can translate it into CDK constructs.
 *
 * Attribute names follow the single-table convention: generic PK/SK and GSI1PK/GSI1SK,
 * values built from `ENTITY#id` segments by each service's store/keys.ts.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface GlobalSecondaryIndex {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** What the index serves, for the reader of the table design. */
  purpose: string;
}

export interface TableDefinition {
  /** The service that owns the table; no other service reads or writes it. */
  owner: 'identity' | 'catalog' | 'cart' | 'checkout';
  /** The default physical name; services read the real one from configuration. */
  defaultName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalSecondaryIndexes: GlobalSecondaryIndex[];
  /** Epoch-seconds attribute DynamoDB deletes items by; deletion is lazy, so reads check it too. */
  timeToLiveAttribute?: string;
}

const PK: KeyAttribute = { name: 'PK', type: 'S' };
const SK: KeyAttribute = { name: 'SK', type: 'S' };

function gsi(number: 1 | 2, purpose: string): GlobalSecondaryIndex {
  return {
    indexName: `GSI${number}`,
    partitionKey: { name: `GSI${number}PK`, type: 'S' },
    sortKey: { name: `GSI${number}SK`, type: 'S' },
    purpose,
  };
}

const gsi1 = (purpose: string) => gsi(1, purpose);

export const tableDefinitions = {
  identity: {
    owner: 'identity',
    defaultName: 'shopgraph-identity',
    partitionKey: PK,
    sortKey: SK,
    globalSecondaryIndexes: [gsi1('sessions by customer, newest first')],
    timeToLiveAttribute: 'expiresAt',
  },
  catalog: {
    owner: 'catalog',
    defaultName: 'shopgraph-catalog',
    partitionKey: PK,
    sortKey: SK,
    globalSecondaryIndexes: [gsi1('products by title, categories by parent')],
  },
  cart: {
    owner: 'cart',
    defaultName: 'shopgraph-cart',
    partitionKey: PK,
    sortKey: SK,
    globalSecondaryIndexes: [],
    timeToLiveAttribute: 'expiresAt',
  },
  checkout: {
    owner: 'checkout',
    defaultName: 'shopgraph-checkout',
    partitionKey: PK,
    sortKey: SK,
    globalSecondaryIndexes: [gsi1('orders by customer, newest first'), gsi(2, 'orders by status across customers, newest first (the admin listing)')],
    timeToLiveAttribute: 'expiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tableDefinitions;

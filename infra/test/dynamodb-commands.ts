import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The IAM action each AWS SDK DynamoDB command needs (document-client and low-level names alike). */
const COMMAND_ACTIONS: Record<string, string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  GetItemCommand: ['dynamodb:GetItem'],
  PutCommand: ['dynamodb:PutItem'],
  PutItemCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  UpdateItemCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  DeleteItemCommand: ['dynamodb:DeleteItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  BatchGetItemCommand: ['dynamodb:BatchGetItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  BatchWriteItemCommand: ['dynamodb:BatchWriteItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  TransactGetItemsCommand: ['dynamodb:GetItem'],
  DescribeTableCommand: ['dynamodb:DescribeTable'],
  CreateTableCommand: ['dynamodb:CreateTable'],
  UpdateTimeToLiveCommand: ['dynamodb:UpdateTimeToLive'],
  ListTablesCommand: ['dynamodb:ListTables'],
  // Transactions are authorised per item by the item's own action: see TRANSACT_ITEM_ACTIONS.
  TransactWriteCommand: [],
  TransactWriteItemsCommand: [],
};
/** A TransactWriteItems request is authorised per item: Put, Update, Delete or ConditionCheck. */
const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};
/** Seeding runs from an operator's machine (npm run seed), never in the service's task. */
const NOT_IN_THE_TASK = /[\\/]seed[\\/]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The actions one source file's AWS SDK DynamoDB commands need. */
export function actionsOfFile(text: string): string[] {
  const imported = new Set(
    [...text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(?:lib|client)-dynamodb'/g)].flatMap((match) =>
      match[1]!.split(',').map((name) => name.trim()).filter((name) => name && !name.startsWith('type ')),
    ),
  );
  const used = [...text.matchAll(/new\s+([A-Za-z]+Command)\s*\(/g)].map((match) => match[1]!).filter((name) => imported.has(name));
  const actions = used.flatMap((name) => {
    const mapped = COMMAND_ACTIONS[name];
    if (!mapped) throw new Error(`no IAM action known for ${name}: add it to COMMAND_ACTIONS`);
    return mapped;
  });
  if (used.some((name) => name.startsWith('TransactWrite'))) {
    for (const [item, action] of Object.entries(TRANSACT_ITEM_ACTIONS)) if (new RegExp(`\\b${item}\\s*:`).test(text)) actions.push(action);
  }
  return actions;
}

/** Shared helpers from @shopgraph/shared/dynamo a service may import, with the actions their own file needs. */
function sharedHelperActions(): Map<string, string[]> {
  const index = readFileSync(join(REPO_ROOT, 'shared/src/dynamo.ts'), 'utf8');
  const helpers = new Map<string, string[]>();
  for (const match of index.matchAll(/export\s*\{([^}]*)\}\s*from\s*'\.\/(dynamo\/[\w-]+)\.js'/g)) {
    const actions = actionsOfFile(readFileSync(join(REPO_ROOT, `shared/src/${match[2]!}.ts`), 'utf8'));
    for (const name of match[1]!.split(',').map((part) => part.trim().replace(/^type\s+/, ''))) if (name) helpers.set(name, actions);
  }
  return helpers;
}

/**
 * Every DynamoDB action a service's running code can need: the commands its src/ sends
 * (seeding excluded), the shared helpers it imports, and, for a subgraph, DescribeTable
 * for the /ready probe every subgraph server runs on its tables.
 */
export function dynamodbActionsUsed(serviceDir: string): { actions: string[]; files: Record<string, string[]> } {
  const helpers = sharedHelperActions();
  const files: Record<string, string[]> = {};
  for (const file of sourceFiles(join(REPO_ROOT, serviceDir, 'src')).filter((path) => !NOT_IN_THE_TASK.test(path))) {
    const text = readFileSync(file, 'utf8');
    const actions = actionsOfFile(text);
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@shopgraph\/shared\/dynamo'/g)) {
      for (const name of match[1]!.split(',').map((part) => part.trim())) actions.push(...(helpers.get(name) ?? []));
    }
    if (/\bcreateSubgraphServer\s*[<(]/.test(text)) {
      const shell = readFileSync(join(REPO_ROOT, 'shared/src/subgraph/create-subgraph-server.ts'), 'utf8');
      if (shell.includes('tableReadinessCheck(')) actions.push(...actionsOfFile(readFileSync(join(REPO_ROOT, 'shared/src/dynamo/table-readiness.ts'), 'utf8')));
    }
    if (actions.length) files[relative(REPO_ROOT, file)] = [...new Set(actions)].sort();
  }
  return { actions: [...new Set(Object.values(files).flat())].sort(), files };
}

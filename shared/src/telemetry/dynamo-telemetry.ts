import { context, trace } from '@opentelemetry/api';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { inClientSpan } from './in-span.js';
import type { Telemetry } from './telemetry.js';

/** Commands that accept ReturnConsumedCapacity; DescribeTable and the like do not. */
const CAPACITY_COMMANDS = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan',
  'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems',
]);
const THROTTLES = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);
const REFUSALS = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException']);

interface CommandInput {
  TableName?: string;
  RequestItems?: Record<string, unknown>;
  TransactItems?: Record<string, { TableName?: string } | undefined>[];
  ReturnConsumedCapacity?: string;
}
interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
}

/**
 * Counts and times every call the client makes, with the capacity DynamoDB reports for it,
 * and records a span for calls made while a request is traced. A middleware at the SDK's
 * first step, so one span covers the SDK's retries. Only table and command names are
 * recorded: keys and items may hold a customer's data.
 */
export function instrumentDocumentClient(client: DynamoDBDocumentClient, telemetry: Telemetry): void {
  const { metrics, tracer } = telemetry;
  client.middlewareStack.add(
    (next, handlerContext) => async (args) => {
      const command = String(handlerContext.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = (args.input ?? {}) as CommandInput;
      const table = tablesOf(input).join(',') || 'none';
      const asksCapacity = CAPACITY_COMMANDS.has(command) && input.ReturnConsumedCapacity === undefined;
      const call = () => next(asksCapacity ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } } : args);
      const started = performance.now();
      let outcome = 'ok';
      try {
        // Background work (an index rebuild) is counted but not traced: it belongs to no request.
        const result = trace.getSpan(context.active())
          ? await inClientSpan(tracer, `dynamodb ${command}`, { 'db.system.name': 'aws.dynamodb', 'db.operation.name': command, 'aws.dynamodb.table_names': table.split(',') }, call)
          : await call();
        for (const [name, units] of capacityByTable((result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity)) {
          metrics.dynamodbCapacity.add(units, { table: name, command });
        }
        return result;
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        outcome = THROTTLES.has(name) ? 'throttled' : REFUSALS.has(name) ? 'conditional_check_failed' : 'error';
        throw error;
      } finally {
        metrics.dynamodbCalls.add(1, { table, command, outcome });
        metrics.dynamodbDuration.record((performance.now() - started) / 1000, { table, command });
      }
    },
    { step: 'initialize', name: 'shopgraphTelemetry', override: true },
  );
}

function tablesOf(input: CommandInput): string[] {
  if (input.TableName) return [input.TableName];
  if (input.RequestItems) return Object.keys(input.RequestItems).sort();
  const names = (input.TransactItems ?? []).flatMap((item) => Object.values(item).map((operation) => operation?.TableName ?? ''));
  return [...new Set(names.filter(Boolean))].sort();
}

function capacityByTable(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): Map<string, number> {
  const totals = new Map<string, number>();
  for (const entry of [consumed ?? []].flat()) {
    if (entry.TableName && typeof entry.CapacityUnits === 'number') totals.set(entry.TableName, (totals.get(entry.TableName) ?? 0) + entry.CapacityUnits);
  }
  return totals;
}

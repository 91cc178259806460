import type { GraphQLSchema } from 'graphql';
import type { SubgraphSource } from '../compose/compose-subgraphs.js';
import { apiSchemaOf } from './api-schema.js';
import type { Baseline } from './baseline.js';
import { checkBreakingChanges } from './breaking-changes.js';
import { checkClientTypes, type ClientTypes } from './client-types.js';
import { checkComposition } from './compose-step.js';
import type { GeneratedFile } from './generated-files.js';
import type { SchemaCheckConfig } from './config.js';
import { outcomeOf, skipped, type CheckOutcome, type SchemaCheckReport } from './findings.js';
import { checkFreshness } from './freshness.js';
import { checkLint } from './lint.js';
import { checkManifest } from './manifest.js';
import { coordinateUsage } from './operation-usage.js';
import { collectOperations, type OperationFile } from './operations.js';
import { checkOperationLimits } from './operation-limits.js';
import { checkResolverTypes } from './resolver-types.js';
import { checkOperations } from './validate-operations.js';

/** Everything the check reads, already read: the CLI does the I/O, tests pass fixtures. */
export interface SchemaCheckInputs {
  readonly subgraphs: readonly SubgraphSource[];
  /** The committed supergraph.graphql, undefined when missing. */
  readonly committedSupergraph: string | undefined;
  readonly supergraphPath: string;
  readonly baseline: Baseline;
  readonly operationFiles: readonly OperationFile[];
  /** The committed manifest's text, undefined when missing. */
  readonly committedManifest: string | undefined;
  readonly config: SchemaCheckConfig;
  /** The storefront's generated types; undefined where there is no storefront to check (a fixture root). */
  readonly clientTypes?: ClientTypes;
  /** The subgraphs' generated resolver types; undefined where there are none to check (a fixture root). */
  readonly resolverTypes?: readonly GeneratedFile[];
}

/** Runs every check and returns the report; pure apart from CPU. */
export function runSchemaCheck(inputs: SchemaCheckInputs): SchemaCheckReport {
  const { config } = inputs;
  const outcomes: CheckOutcome[] = [];
  const composition = checkComposition(inputs.subgraphs, config.failOnHints);
  outcomes.push(composition.outcome);
  const collected = collectOperations(inputs.operationFiles);

  let api: GraphQLSchema | undefined;
  if (composition.supergraphSdl !== undefined) api = apiSchemaOf(composition.supergraphSdl);

  if (composition.supergraphSdl === undefined || api === undefined) {
    const why = 'composition failed';
    outcomes.push(skipped('freshness', why), skipped('breaking-changes', why));
    outcomes.push(collected.findings.length > 0 ? outcomeOf('operations', collected.findings, why) : skipped('operations', why));
    outcomes.push(skipped('operation-limits', why), skipped('lint', why));
  } else {
    outcomes.push(checkFreshness(inputs.committedSupergraph, composition.supergraphSdl, inputs.supergraphPath));
    outcomes.push(breakingChanges(inputs.baseline, api, collected.operations));
    const validated = checkOperations(api, collected.operations, collected.findings);
    outcomes.push(validated);
    // Measuring an operation that does not validate would report nonsense; the failure above says why.
    outcomes.push(validated.status === 'failed' ? skipped('operation-limits', 'client operations do not validate') : checkOperationLimits(api, collected.operations));
    outcomes.push(checkLint(api, config.lintExceptions));
  }
  outcomes.push(checkManifest(inputs.committedManifest, collected.operations, config.manifestPath));
  outcomes.push(inputs.clientTypes ? checkClientTypes(inputs.clientTypes) : skipped('client-types', 'no storefront under this root'));
  outcomes.push(inputs.resolverTypes ? checkResolverTypes(inputs.resolverTypes) : skipped('resolver-types', "not this repository's subgraphs"));
  return { ok: outcomes.every((outcome) => outcome.status !== 'failed'), outcomes };
}

function breakingChanges(baseline: Baseline, api: GraphQLSchema, operations: Parameters<typeof coordinateUsage>[1]): CheckOutcome {
  if (baseline.sdl === undefined) return skipped('breaking-changes', baseline.label);
  let base: GraphQLSchema;
  try {
    base = apiSchemaOf(baseline.sdl);
  } catch (error) {
    return outcomeOf(
      'breaking-changes',
      [{ check: 'breaking-changes', severity: 'error', code: 'BASELINE_INVALID', message: `the baseline is not a valid supergraph: ${(error as Error).message}` }],
      baseline.label,
    );
  }
  return checkBreakingChanges(base, api, coordinateUsage(base, operations), `compared against ${baseline.label}`);
}

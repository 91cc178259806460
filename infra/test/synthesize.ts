import { App, Aspects, Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyNagSuppressions } from '../lib/nag-suppressions.js';
import { buildShopgraph, type ShopgraphStacks } from '../lib/shopgraph-app.js';

export interface Synthesized {
  app: App;
  stacks: ShopgraphStacks;
  stateful: Template;
  services: Template;
  network: Template;
}

/**
 * The app as bin/shopgraph.ts builds it, synthesized once (call it once per test file):
 * no AWS account, no Docker (asset staging off: images are built only by `cdk deploy`).
 */
export function synthesize(context: Record<string, string> = {}, { nag = false } = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'shopgraph-cdk-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  const app = new App({
    outdir,
    context: { 'aws:cdk:disable-asset-staging': true, ...context },
  });
  const stacks = buildShopgraph(app);
  if (nag) {
    applyNagSuppressions(stacks);
    Aspects.of(app).add(new AwsSolutionsChecks());
  }
  return {
    app,
    stacks,
    network: Template.fromStack(stacks.network),
    stateful: Template.fromStack(stacks.stateful),
    services: Template.fromStack(stacks.services),
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;

/** The template's resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The logical id of a construct's CloudFormation resource, in its stack's template. */
export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

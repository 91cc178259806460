import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthesize } from './synthesize.js';

const findings = (stack: Stack) => [
  ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
  ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
].map((finding) => `${finding.id}: ${JSON.stringify(finding.entry.data).slice(0, 160)}`);

/** Suppressions cdk-nag recorded in the templates' metadata, with their reasons. */
type NagMetadata = { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } };
const suppressions = (stack: Stack) =>
  Object.values((Template.fromStack(stack).toJSON() as { Resources: Record<string, NagMetadata> }).Resources).flatMap((resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? []);
const suppressedIds = (stack: Stack) => suppressions(stack).map((suppression) => suppression.id);

describe.each(['dev', 'prod'])('cdk-nag AwsSolutions at %s size', (size) => {
  const { stacks } = synthesize({ size }, { nag: true });

  it.each(['network', 'stateful', 'services'] as const)('%s stack: no finding left unsuppressed', (name) => {
    expect(findings(stacks[name])).toEqual([]);
  });

  it('suppresses nothing about the origin: no security group open to all, no plain HTTP to it', () => {
    expect(suppressedIds(stacks.services)).not.toContain('AwsSolutions-EC23');
    expect(suppressedIds(stacks.services)).not.toContain('AwsSolutions-CFR5');
  });

  it('every suppression states a reason', () => {
    const all = Object.values(stacks).flatMap(suppressions);
    expect(all.length).toBeGreaterThan(0);
    for (const suppression of all) expect(suppression.reason.length, suppression.id).toBeGreaterThan(40);
  });
});

describe('cdk-nag with plain HTTP to a public ALB', () => {
  const { stacks } = synthesize({ publicLoadBalancer: 'true', allowPlainHttpToOrigin: 'true' }, { nag: true });

  it('passes only through a suppression that names the opt-in, and still opens no security group to all', () => {
    expect(findings(stacks.services)).toEqual([]);
    const plainHttp = suppressions(stacks.services).filter((suppression) => suppression.id === 'AwsSolutions-CFR5');
    expect(plainHttp.length).toBeGreaterThan(0);
    for (const suppression of plainHttp) expect(suppression.reason).toContain('allowPlainHttpToOrigin=true');
    expect(suppressedIds(stacks.services)).not.toContain('AwsSolutions-EC23');
  });
});

describe('cdk-nag in this setup', () => {
  it('control: reports a finding nothing suppresses', () => {
    const app = new App();
    const stack = new Stack(app, 'Control');
    new Secret(stack, 'Unrotated');
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
    expect(findings(stack)).toEqual([expect.stringMatching(/AwsSolutions-SMG4/)]);
  });
});

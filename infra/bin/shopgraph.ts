import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { applyNagSuppressions } from '../lib/nag-suppressions.js';
import { buildShopgraph } from '../lib/shopgraph-app.js';

/** The CDK app: `npm run synth` (offline, no credentials needed), `npx cdk deploy` (see docs/deploy.md). */
const app = new App();
const stacks = buildShopgraph(app, { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] });
applyNagSuppressions(stacks);
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
app.synth();

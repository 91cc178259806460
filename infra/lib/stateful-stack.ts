import { tableDefinitions, type TableKey } from '@shopgraph/shared';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Sizing } from './sizing.js';
import { tableFromDefinition } from './table-from-definition.js';

export interface StatefulStackProps extends StackProps {
  sizing: Sizing;
}

/**
 * What must outlive every deployment of the services: the tables, the key they are
 * encrypted with, and the key material the services are configured with. Everything here
 * is retained when the stack is deleted.
 */
export class StatefulStack extends Stack {
  readonly dataKey: Key;
  readonly tables: Record<TableKey, Table>;
  /** The session key ring (JWK set): the gateway and identity read it. */
  readonly sessionKeys: Secret;
  /** The internal context's Ed25519 private JWK: only the gateway reads it. */
  readonly internalContextPrivateKey: Secret;
  /** Checkout's own Ed25519 private JWK, signing its calls to cart: only checkout reads it. */
  readonly checkoutSigningKey: Secret;
  /** Catalog's own Ed25519 private JWK, signing its stock reads at checkout: only catalog reads it. */
  readonly catalogSigningKey: Secret;
  /** Identity's own Ed25519 private JWK, signing the guest hand-over at sign-in: only identity reads it. */
  readonly identitySigningKey: Secret;
  readonly stripeSecretKey: Secret;
  readonly stripeWebhookSecret: Secret;
  /** SES SMTP credentials, for identity's account emails: only identity reads them. */
  readonly smtpUsername: Secret;
  readonly smtpPassword: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.dataKey = new Key(this, 'TablesKey', {
      description: `shopgraph ${props.sizing.name}: encrypts the DynamoDB tables`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.tables = Object.fromEntries(
      (Object.keys(tableDefinitions) as TableKey[]).map((key) => {
        const definition = tableDefinitions[key];
        const table = tableFromDefinition(this, `${key}Table`, definition, `${definition.defaultName}-${props.sizing.name}`, this.dataKey);
        new CfnOutput(this, `${key}TableName`, { value: table.tableName });
        return [key, table];
      }),
    ) as Record<TableKey, Table>;

    // Created with a random value no service accepts (it is not a JWK): the services refuse
    // to start until the operator puts the real key material (docs/deploy.md).
    const keySecret = (secretId: string, description: string) =>
      new Secret(this, secretId, {
        description,
        removalPolicy: RemovalPolicy.RETAIN,
        generateSecretString: { passwordLength: 32, excludePunctuation: true },
      });
    this.sessionKeys = keySecret('SessionKeys', 'shopgraph SESSION_KEYS: the session key ring (JWK set); gateway and identity. Put the output of npm run keys:generate.');
    this.internalContextPrivateKey = keySecret('InternalContextPrivateKey', 'shopgraph INTERNAL_CONTEXT_PRIVATE_KEY: Ed25519 private JWK; gateway only.');
    this.checkoutSigningKey = keySecret('CheckoutSigningKey', 'shopgraph CHECKOUT_SIGNING_KEY: Ed25519 private JWK; checkout only.');
    this.catalogSigningKey = keySecret('CatalogSigningKey', 'shopgraph CATALOG_SIGNING_KEY: Ed25519 private JWK; catalog only.');
    this.identitySigningKey = keySecret('IdentitySigningKey', 'shopgraph IDENTITY_SIGNING_KEY: Ed25519 private JWK; identity only.');
    // The same placeholder rule: checkout refuses to start until the operator puts the account's
    // keys (Stripe's dashboard: the secret or restricted key, and the webhook endpoint's secret).
    this.stripeSecretKey = keySecret('StripeSecretKey', 'shopgraph STRIPE_SECRET_KEY: the Stripe secret (sk_...) or restricted (rk_...) key; checkout only.');
    this.stripeWebhookSecret = keySecret('StripeWebhookSecret', 'shopgraph STRIPE_WEBHOOK_SECRET: the signing secret (whsec_...) of the webhook endpoint https://<domain>/webhooks/payments; checkout only.');
    // The same placeholder rule: identity's emails fail (and are logged) until the operator puts
    // the SES SMTP credentials (docs/deploy.md, email).
    this.smtpUsername = keySecret('SmtpUsername', 'shopgraph SMTP_USERNAME: the SES SMTP user name; identity only.');
    this.smtpPassword = keySecret('SmtpPassword', 'shopgraph SMTP_PASSWORD: the SES SMTP password; identity only.');
    new CfnOutput(this, 'SmtpUsernameSecretArn', { value: this.smtpUsername.secretArn });
    new CfnOutput(this, 'SmtpPasswordSecretArn', { value: this.smtpPassword.secretArn });
    new CfnOutput(this, 'StripeSecretKeySecretArn', { value: this.stripeSecretKey.secretArn });
    new CfnOutput(this, 'StripeWebhookSecretSecretArn', { value: this.stripeWebhookSecret.secretArn });
    new CfnOutput(this, 'SessionKeysSecretArn', { value: this.sessionKeys.secretArn });
    new CfnOutput(this, 'InternalContextPrivateKeySecretArn', { value: this.internalContextPrivateKey.secretArn });
    new CfnOutput(this, 'CheckoutSigningKeySecretArn', { value: this.checkoutSigningKey.secretArn });
    new CfnOutput(this, 'CatalogSigningKeySecretArn', { value: this.catalogSigningKey.secretArn });
    new CfnOutput(this, 'IdentitySigningKeySecretArn', { value: this.identitySigningKey.secretArn });
  }
}

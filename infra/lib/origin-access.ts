/** A DNS name for the ALB with an ACM certificate for it in the stack's region. */
export interface OriginTls {
  domainName: string;
  certificateArn: string;
}

/**
 * How CloudFront reaches the ALB. Everything CloudFront forwards (cookies, bearer tokens,
 * passwords) travels this way, so only the explicit `public-plain-http` sends it in clear
 * across the internet.
 */
export type OriginAccess =
  /** The default: a CloudFront VPC origin to an internal ALB that has no public address at all; HTTPS inside it when `tls` is given. */
  | { kind: 'vpc-origin'; tls?: OriginTls | undefined }
  /** An internet-facing ALB, for regions without VPC origins: HTTPS only. */
  | { kind: 'public-https'; tls: OriginTls }
  /** An internet-facing ALB reached over plain HTTP: what the browser sent crosses the internet unencrypted. */
  | { kind: 'public-plain-http' };

export interface OriginAccessChoice {
  tls?: OriginTls | undefined;
  /** Put the ALB on the internet (`-c publicLoadBalancer=true`). */
  publicLoadBalancer: boolean;
  /** Let a public ALB take plain HTTP from CloudFront (`-c allowPlainHttpToOrigin=true`). */
  allowPlainHttpToOrigin: boolean;
}

/**
 * The origin access the context asks for. Plain HTTP across the internet takes both flags,
 * so neither alone can expose it, and a combination that would silently ignore one of them
 * stops synthesis with the reason.
 */
export function originAccessFrom({ tls, publicLoadBalancer, allowPlainHttpToOrigin }: OriginAccessChoice): OriginAccess {
  if (allowPlainHttpToOrigin && !publicLoadBalancer) {
    throw new Error('allowPlainHttpToOrigin applies only with publicLoadBalancer=true: the default VPC origin never crosses the internet and needs no flag');
  }
  if (allowPlainHttpToOrigin && tls) {
    throw new Error('allowPlainHttpToOrigin contradicts originDomain and originCertificateArn: drop the flag to reach the public ALB over HTTPS');
  }
  if (!publicLoadBalancer) return { kind: 'vpc-origin', tls };
  if (tls) return { kind: 'public-https', tls };
  if (allowPlainHttpToOrigin) return { kind: 'public-plain-http' };
  throw new Error(
    'publicLoadBalancer=true needs originDomain and originCertificateArn (HTTPS to the ALB); plain HTTP, which carries cookies, bearer tokens and passwords unencrypted across the internet, only with allowPlainHttpToOrigin=true as well',
  );
}

/** Whether the ALB has a public address (and sits in the public subnets). */
export const isPublic = (access: OriginAccess): boolean => access.kind !== 'vpc-origin';

/** The TLS settings of the ALB's listener, if CloudFront reaches it over HTTPS. */
export const tlsOf = (access: OriginAccess): OriginTls | undefined => (access.kind === 'public-plain-http' ? undefined : access.tls);

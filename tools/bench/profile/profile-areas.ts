/** Where a profile's time went, by what the code is, not by file: the rows of the report. */
export const AREAS = [
  'session code (token, cookie, revocation, internal context)',
  'gateway, other own code',
  'subgraph, own code',
  'shopgraph shared, other',
  '@apollo/gateway (planning, execution)',
  '@apollo/server, @apollo/subgraph',
  'AWS SDK (DynamoDB client)',
  'dataloader',
  'graphql-js',
  'node crypto / jose',
  'undici / node http, net, streams',
  'express, body parsing, cors',
  'ioredis',
  'pino (logging)',
  'OpenTelemetry',
  'JSON (parse, stringify)',
  'other node internals',
  'other packages',
  'tsx (the bench runs TypeScript; the compiled build has none)',
  'GC',
  'V8 and native, unattributed',
  'idle',
] as const;
export type Area = (typeof AREAS)[number];

/**
 * The session work the issue asks about: reading the token, its decryption (cached codec),
 * the revocation check (its Redis read is ioredis's), signing the internal contexts, and the
 * request context that drives them; in a subgraph, verifying the internal context.
 */
const SESSION_CODE = /\/(gateway\/src\/(session\/|session-parts|request-context|context\.ts|propagation\/cached-signer)|shared\/src\/(session\/|context\/|redis\/session-revocations))/;

const PACKAGE_AREAS: [RegExp, Area][] = [
  [/^@apollo\/(gateway|query-planner|query-graphs|federation-internals)$/, '@apollo/gateway (planning, execution)'],
  [/^(@apollo\/(server|subgraph|utils\..*)|@as-integrations\/.*)$/, '@apollo/server, @apollo/subgraph'],
  [/^(@aws-sdk\/.*|@smithy\/.*|@aws-crypto\/.*)$/, 'AWS SDK (DynamoDB client)'],
  [/^dataloader$/, 'dataloader'],
  [/^graphql$/, 'graphql-js'],
  [/^jose$/, 'node crypto / jose'],
  [/^undici$/, 'undici / node http, net, streams'],
  [/^(express|router|body-parser|raw-body|iconv-lite|cors|type-is|content-type|on-finished|finalhandler|send|qs|mime-types|negotiator|accepts|depd|http-errors|statuses|encodeurl|parseurl|path-to-regexp|vary|cookie)$/, 'express, body parsing, cors'],
  [/^(ioredis|@ioredis\/.*|redis-parser|cluster-key-slot|denque|standard-as-callback)$/, 'ioredis'],
  [/^(pino|pino-std-serializers|fast-redact|sonic-boom|thread-stream|on-exit-leak-free|quick-format-unescaped|atomic-sleep|safe-stable-stringify)$/, 'pino (logging)'],
  [/^@opentelemetry\/.*$/, 'OpenTelemetry'],
  [/^tsx$/, 'tsx (the bench runs TypeScript; the compiled build has none)'],
];

const NODE_AREAS: [RegExp, Area][] = [
  [/^node:internal\/crypto\//, 'node crypto / jose'],
  [/^node:(_http_|http|https|net|internal\/(http|net|streams|stream_base_commons|js_stream_socket|dns)|stream)/, 'undici / node http, net, streams'],
];

/** The npm package a script belongs to (`@scope/name` or `name`), from its last node_modules. */
export function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('node_modules/');
  if (at === -1) return undefined;
  const [first = '', second = ''] = url.slice(at + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * The area of a frame with a script. Frames without one (V8 builtins, native bindings) are
 * placed by the caller (see cpu-profile.ts): a native `sign` belongs to whoever signs.
 */
export function areaOfScript(url: string, functionName: string): Area {
  // esbuild's keepNames helper, which tsx puts in every module and calls on each closure it creates.
  if (functionName === '__name' && !url.includes('node_modules/')) return 'tsx (the bench runs TypeScript; the compiled build has none)';
  const pkg = packageOf(url);
  if (pkg !== undefined) return PACKAGE_AREAS.find(([pattern]) => pattern.test(pkg))?.[1] ?? 'other packages';
  if (url.startsWith('node:')) return NODE_AREAS.find(([pattern]) => pattern.test(url))?.[1] ?? 'other node internals';
  if (SESSION_CODE.test(url)) return 'session code (token, cookie, revocation, internal context)';
  if (url.includes('/gateway/src/')) return 'gateway, other own code';
  if (url.includes('/subgraphs/')) return 'subgraph, own code';
  if (url.includes('/shared/src/')) return 'shopgraph shared, other';
  return 'other packages';
}

/** The areas of the pseudo-frames V8 adds, and of JSON's builtins; undefined for any other frame without a script. */
export function areaOfUnscripted(functionName: string): Area | undefined {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)' || functionName === '(root)') return 'V8 and native, unattributed';
  if (functionName === 'parse' || functionName === 'stringify') return 'JSON (parse, stringify)';
  return undefined;
}

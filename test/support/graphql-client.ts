import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: TData | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

/**
 * A storefront as a test sees it: POSTs GraphQL like the reference clients and keeps the
 * session cookie between requests, as a browser's cookie jar would.
 */
export function createStorefront(url: string, options: { bearer?: string } = {}) {
  let cookie: string | undefined;
  return {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    async request<TData = Record<string, unknown>>(
      query: string,
      variables: Record<string, unknown> = {},
      extraHeaders: Record<string, string> = {},
    ): Promise<GraphQLResponse<TData>> {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(cookie ? { cookie } : {}),
          ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
          ...extraHeaders,
        },
        body: JSON.stringify({ query, variables }),
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) cookie = setCookie.split(';')[0];
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<TData>['body'] };
    },
  };
}

const CONTRACT = readFileSync(fileURLToPath(new URL('../../clients/operations/operations.graphql', import.meta.url)), 'utf8');

/** One named operation of the client contract, with the fragments it uses, exactly as written. */
export function contractOperation(name: string): string {
  const blocks = CONTRACT.split(/\n(?=query |mutation |fragment )/);
  const operation = blocks.find((block) => new RegExp(`^(query|mutation) ${name}\\b`).test(block));
  if (!operation) throw new Error(`no operation ${name} in the contract`);
  const fragments = blocks.filter((block) => block.startsWith('fragment ') && operation.includes(`...${block.split(' ')[1]}`));
  return [operation, ...fragments].join('\n');
}

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

export { contractOperation } from '../../tools/contract/contract-operation.js';

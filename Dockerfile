# syntax=docker/dockerfile:1
# One multi-stage build, one target per service:
#   docker build --target gateway -t shopgraph-gateway .
# Targets: gateway, catalog, cart, checkout, identity (the services, compiled JavaScript,
# production dependencies only, non-root) and tools (the one-shot table bootstrap and demo
# seed, which runs the TypeScript tools and so keeps the development dependencies).

ARG NODE_IMAGE=node:22-bookworm-slim

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

# The runtime's node_modules: no dev dependencies (no TypeScript, vitest, tsx or CDK).
FROM deps AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=prod-deps /app/package.json ./
COPY --from=prod-deps /app/node_modules node_modules
# npm nests a workspace's dependency under the workspace when its version differs from the
# root's: those are production packages too (test/deploy/dockerfile.test.ts lists them from
# the lockfile, so a new one cannot be missed here).
COPY --from=prod-deps /app/shared/node_modules shared/node_modules
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/shared/dist shared/dist
# ECS and compose stop a task with SIGTERM: the service drains, then exits.
STOPSIGNAL SIGTERM
# Every service answers /health on its PORT (each target sets it); catalog builds its index first.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
USER node

FROM runtime AS gateway
COPY --from=build /app/supergraph.graphql ./
# The trusted documents the gateway runs (read at start-up; it stops without them).
COPY clients/operations/manifest.json clients/operations/
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/gateway/dist gateway/dist
ENV PORT=4000
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]

FROM runtime AS catalog
COPY --from=build /app/subgraphs/catalog/package.json /app/subgraphs/catalog/schema.graphql subgraphs/catalog/
COPY --from=build /app/subgraphs/catalog/dist subgraphs/catalog/dist
ENV PORT=4001
EXPOSE 4001
CMD ["node", "subgraphs/catalog/dist/main.js"]

FROM runtime AS cart
COPY --from=build /app/subgraphs/cart/package.json /app/subgraphs/cart/schema.graphql subgraphs/cart/
COPY --from=build /app/subgraphs/cart/dist subgraphs/cart/dist
ENV PORT=4002
EXPOSE 4002
CMD ["node", "subgraphs/cart/dist/main.js"]

FROM runtime AS checkout
COPY --from=build /app/subgraphs/checkout/package.json /app/subgraphs/checkout/schema.graphql subgraphs/checkout/
COPY --from=build /app/subgraphs/checkout/dist subgraphs/checkout/dist
ENV PORT=4003
EXPOSE 4003
CMD ["node", "subgraphs/checkout/dist/main.js"]

FROM runtime AS identity
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

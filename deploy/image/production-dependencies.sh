#!/bin/sh
# The runtime node_modules of one service image: the production dependencies of that one
# workspace (and of @shopgraph/shared, which it links), without what Node never loads at run
# time: TypeScript sources and declarations, source maps and markdown. This keeps a subgraph's
# image free of the gateway's packages and checkout's Stripe SDK, and halves what is left.
# Usage (from /app in the Dockerfile's prod-deps stages): production-dependencies.sh WORKSPACE
set -eu
workspace="$1"
npm ci --omit=dev --no-audit --no-fund --workspace "$workspace"
# find does not follow the workspace links (node_modules/@shopgraph/*), so only packages change.
find . -path '*/node_modules/*' -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' -o -name '*.md' \) -delete

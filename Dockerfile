# syntax=docker/dockerfile:1.7
# One image per service:  docker build --build-arg SERVICE=ticketing -t busline/ticketing .
# SERVICE is one of auth, user, company, ticketing, qr, payment, notification, router, provider-simulator.
# Node 24 (the current LTS); the code also runs on Node 22.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: all dependencies, bundle the service with esbuild ------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/provider-simulator/package.json packages/provider-simulator/
COPY router/package.json router/
COPY subgraphs/auth/package.json subgraphs/auth/
COPY subgraphs/user/package.json subgraphs/user/
COPY subgraphs/company/package.json subgraphs/company/
COPY subgraphs/ticketing/package.json subgraphs/ticketing/
COPY subgraphs/qr/package.json subgraphs/qr/
COPY subgraphs/payment/package.json subgraphs/payment/
COPY subgraphs/notification/package.json subgraphs/notification/
COPY clients/web/package.json clients/web/
RUN npm ci --no-audit --no-fund
COPY . .
ARG SERVICE
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<name>" && exit 1)
RUN npx tsx scripts/build.ts "${SERVICE}"
# A subgraph's image also carries `node service/migrate.js` (its migrations alone, then exit), which the
# Kubernetes manifests run as an init container. The shared kit is bundled; npm packages stay external.
RUN case "${SERVICE}" in auth|user|company|ticketing|qr|payment|notification) npx esbuild scripts/migrate.ts --bundle --platform=node --format=esm --target=node22 --packages=external --sourcemap --log-level=warning --outfile="dist/${SERVICE}/migrate.js";; esac

# --- production dependencies only ---------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/packages/shared/package.json packages/shared/
COPY --from=build /src/packages/provider-simulator/package.json packages/provider-simulator/
COPY --from=build /src/router/package.json router/
COPY --from=build /src/subgraphs/auth/package.json subgraphs/auth/
COPY --from=build /src/subgraphs/user/package.json subgraphs/user/
COPY --from=build /src/subgraphs/company/package.json subgraphs/company/
COPY --from=build /src/subgraphs/ticketing/package.json subgraphs/ticketing/
COPY --from=build /src/subgraphs/qr/package.json subgraphs/qr/
COPY --from=build /src/subgraphs/payment/package.json subgraphs/payment/
COPY --from=build /src/subgraphs/notification/package.json subgraphs/notification/
COPY --from=build /src/clients/web/package.json clients/web/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime: non-root, bundle + production node_modules + migrations -------------------------
# The code stays owned by root: the `node` user reads and runs it but cannot rewrite it.
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    MIGRATIONS_DIR=/app/drizzle \
    SUPERGRAPH_PATH=/app/supergraph.graphql \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/${SERVICE} ./service
COPY --from=build /src/drizzle ./drizzle
COPY --from=build /src/supergraph.graphql ./supergraph.graphql
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "service/index.js"]

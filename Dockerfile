# syntax=docker/dockerfile:1
# Trợ lý CCHC (cchc-bot) container image. Build: docker build -t cchc-bot .
# Run (SQLite in the volume):  docker run -d --name cchc-bot -p 127.0.0.1:3000:3000 --env-file .env \
#   -v cchc-data:/var/lib/cchc-bot cchc-bot
# With PostgreSQL and a TLS proxy: docker compose (docker-compose.yml). See docs/production.md.

# ── Build stage: compile TypeScript and the native modules, then drop the dev dependencies ─────────────
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 and hnswlib-node compile from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
# npm ci runs "prepare" (tsc), so dist/ exists afterwards; onnxruntime-node's download script stays off
# (allowScripts in package.json).
RUN npm ci && npm prune --omit=dev

# ── Runtime stage: only what the server needs, as an unprivileged user ─────────────────────────────────
FROM node:20-bookworm-slim
# glibc malloc: buffers from 128 KB up are mmapped and returned to the system when freed, instead of staying
# in the allocator's pools after each reindex (docs/production.md, "What you need").
ENV NODE_ENV=production \
    MALLOC_MMAP_THRESHOLD_=131072 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/cchc-bot \
    KNOWLEDGE_DIR=/var/lib/cchc-bot/knowledge
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web chat page is read from src/http/public at run time (tsc does not copy it).
COPY --from=build /app/src/http/public ./src/http/public
# The shipped documents: copied into the volume at the first start (the admin console edits that copy).
COPY knowledge ./knowledge
COPY deploy/docker-entrypoint.sh /usr/local/bin/cchc-entrypoint
RUN chmod 0755 /usr/local/bin/cchc-entrypoint \
 && mkdir -p /var/lib/cchc-bot \
 && chown node:node /var/lib/cchc-bot
USER node
VOLUME ["/var/lib/cchc-bot"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM lets the server finish the updates in flight before it exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["cchc-entrypoint"]
CMD ["serve"]

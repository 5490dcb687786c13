# syntax=docker/dockerfile:1
# Spec Review GitHub App. Build: docker build -t spec-review . ; run: docker run --env-file .env -p 3000:3000 spec-review

# --- build: compile TypeScript, cache the rules, bundle the CLI (dev dependencies) ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# `npm run build` also caches the built-in rules (scripts/build-rules.mjs reads rules/ and templates/)
# and bundles the CLI (scripts/build-cli.mjs).
COPY scripts ./scripts
COPY rules ./rules
COPY templates ./templates
RUN npm run build

# --- runtime: production dependencies only, non-root ---
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY rules ./rules
COPY templates ./templates
COPY schemas ./schemas
COPY app.yml ./
USER node
EXPOSE 3000
# Probot answers GET /ping with "PONG".
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/github/index.js"]

# syntax=docker/dockerfile:1
#
# fitplan: the bots and the HTTP API in one image. Three stages: compile the TypeScript, install
# production dependencies alone, then copy both into a slim runtime that runs as the unprivileged
# `node` user. See the README section "Docker" for how to run it.

# Any Node.js LTS from 20.19 on runs fitplan; 22 is the LTS line this image is written against.
ARG NODE_VERSION=22

# --- build: all dependencies, compile src/ and adapters/ into dist/ -----------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
RUN npx tsc -p tsconfig.build.json

# --- deps: production dependencies only -----------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime --------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /app
# The HTTP server runs by default, bound to loopback: the HEALTHCHECK below can reach it from
# inside the container and nothing outside can. To publish the API, set HTTP_HOST=0.0.0.0 and
# HTTP_API_KEYS (fitplan refuses to listen on a public address without keys).
ENV NODE_ENV=production \
    HTTP_PORT=8080 \
    HTTP_HOST=127.0.0.1

# package.json is needed at run time: its "type": "module" makes Node load dist/ as ES modules.
# Files stay owned by root, so the app cannot rewrite its own code.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

USER node
EXPOSE 8080

# The slim image has no curl; Node's fetch asks /healthz on the configured port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HTTP_PORT}/healthz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form: node is PID 1 and receives SIGTERM itself, then drains streams for SHUTDOWN_GRACE_MS.
# Give `docker stop` (-t) or compose (stop_grace_period) more time than that.
CMD ["node", "dist/adapters/main.js"]

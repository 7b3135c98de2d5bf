# Charter: build with the dev toolchain, run on production dependencies only.
# Mirrors the README: npm ci, npm run build, then migrate and start.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon during npm ci.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_URL=file:/data/charter.db \
    PORT=3000 \
    HOST=0.0.0.0 \
    CONSOLE_HOST=0.0.0.0
# CONSOLE_HOST: the web console answers on every interface, since port-mapped
# connections do not arrive on the container's loopback. With no chat platform
# configured the console needs no sign-in, so publish the port on the host's
# loopback only (docker run -p 127.0.0.1:3000:3000 ...); with Slack or Teams it
# asks for a one-time link (docker exec <container> node dist/cli.js console-link).
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations first (safe to run on every start), then the server as PID 1's only child.
CMD ["sh", "-c", "node dist/cli.js db migrate && exec node dist/cli.js start"]

# One image for the api, the worker and the migration job.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY workflows ./workflows
COPY migrations ./migrations
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Page templates and static files are read at run time, not compiled.
COPY --from=build /app/src/web/views ./src/web/views
COPY --from=build /app/src/web/public ./src/web/public
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]

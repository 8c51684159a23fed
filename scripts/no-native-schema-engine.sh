#!/bin/sh
# talkgraph never runs Prisma's native schema engine: migrations go through @prisma/schema-engine-wasm (src/db/migrations.ts).
echo "talkgraph runs migrations with the wasm schema engine: use 'npm run db:migrate', 'db:migration' or 'db:status'." >&2
exit 1

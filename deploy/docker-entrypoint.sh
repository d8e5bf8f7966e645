#!/bin/sh
# Container entry point: seed the knowledge folder in the data volume from the image on the first start
# (later the admin console edits that copy, and image upgrades do not overwrite it), then run the CLI:
# "serve" by default, or any command ("doctor", "backup", "webhook info", ...).
set -eu
if [ ! -d "$KNOWLEDGE_DIR" ]; then
  echo "cchc-entrypoint: first start, copying the shipped knowledge/ to $KNOWLEDGE_DIR" >&2
  mkdir -p "$(dirname "$KNOWLEDGE_DIR")"
  cp -R /app/knowledge "$KNOWLEDGE_DIR"
fi
# A fixed 16 MB young generation: RSS does not swing with V8's sizing of it (docs/production.md, "What you need").
exec node --min-semi-space-size=8 --max-semi-space-size=8 /app/dist/src/cli/main.js "$@"

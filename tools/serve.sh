#!/usr/bin/env bash
# README command one: set everything up, build the web app, serve it on http://127.0.0.1:8080
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash tools/setup.sh
bash tools/build.sh --web
exec node tools/serve.mjs --root dist --port "${PORT:-8080}"

#!/usr/bin/env sh
# Electron's own declarations (node_modules/electron/electron.d.ts) for `npm run typecheck`, on every
# machine. `electron` is an optional dependency: where its binary cannot download, npm drops the
# whole package, declarations included. The same pinned version installs without its binary when
# ELECTRON_SKIP_BINARY_DOWNLOAD=1, which is all the type check needs; a machine that already has
# the package (with or without its binary) is left alone. Called by `npm run typecheck` and .ci/run.
set -eu
cd "$(dirname "$0")/.."

if [ -f node_modules/electron/electron.d.ts ]; then
  exit 0
fi

# The version the lock file pins (package-lock.json's node_modules/electron), else electron-builder's.
version=$(node -e '
  const fs = require("fs");
  let v = "";
  try { v = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages["node_modules/electron"].version; } catch {}
  if (!v) { const m = /^electronVersion:\s*([0-9][^\s#]*)/m.exec(fs.readFileSync("electron-builder.yml", "utf8")); v = m ? m[1] : ""; }
  process.stdout.write(v);
')
if [ -z "$version" ]; then
  echo "electron-types: cannot tell which electron version is pinned" >&2
  exit 1
fi

echo "electron-types: installing electron@$version without its binary, for its declarations"
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-save --no-audit --no-fund --ignore-scripts "electron@$version" >/dev/null
if [ ! -f node_modules/electron/electron.d.ts ]; then
  echo "electron-types: electron@$version installed but node_modules/electron/electron.d.ts is missing" >&2
  exit 1
fi

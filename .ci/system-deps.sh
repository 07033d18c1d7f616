#!/usr/bin/env bash
# npm test's pretest step: the Debian packages the tests need beyond Node (socat for serial pty
# pairs, Chromium and Xvfb for the pages, espeak-ng for speech, DejaVu for Cyrillic glyphs in
# screenshots, Prometheus for the metrics test). Installs the missing ones when it can (root, or sudo
# without a password); otherwise stops at once with the exact line to run.
set -u

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have socat || need+=(socat)
have chromium || need+=(chromium)
have Xvfb || need+=(xvfb)
have espeak-ng || need+=(espeak-ng)
[ -d "${TALON_DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}" ] || need+=(fonts-dejavu-core)
{ have prometheus && have promtool; } || need+=(prometheus)

[ ${#need[@]} -eq 0 ] && exit 0

install_line="apt-get install -y --no-install-recommends ${need[*]}"
if ! have apt-get; then
  echo "pretest: the tests need ${need[*]} (Debian package names); this machine has no apt-get: install them with its package manager" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif have sudo && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "pretest: the tests need Debian packages that are missing: ${need[*]}" >&2
  echo "pretest: run this, then npm test again:" >&2
  echo "  sudo apt-get update && sudo $install_line" >&2
  exit 1
fi
echo "pretest: installing ${need[*]}" >&2
if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
  echo "pretest: installing failed; run: sudo apt-get update && sudo $install_line" >&2
  exit 1
fi
exit 0

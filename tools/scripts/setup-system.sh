#!/usr/bin/env bash
# System packages the tests and benchmarks use. Best effort: every test that needs one of
# them also works without it (ripgrep has a built-in fallback), so a failed apt run is not fatal.
set -u
need=()
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v git >/dev/null 2>&1 || need+=(git)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  (timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 \
    || echo "warning: could not install ${need[*]}; continuing"
fi
exit 0

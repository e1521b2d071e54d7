#!/usr/bin/env bash
# Installs the Debian packages Synergia needs, only those missing.
# Usage: scripts/install-deps.sh run|test
set -euo pipefail

run_packages=(iso-codes ca-certificates chromium fonts-dejavu-core fonts-noto-core fonts-wqy-zenhei pkg-config libgeos-dev libgdal-dev libproj-dev libsqlite3-dev libjs-leaflet poppler-utils)
test_packages=(postgresql libreoffice-calc-nogui python3-yaml python3-jsonschema chromium-driver python3-selenium)

packages=("${run_packages[@]}")
[[ "${1:-run}" == "test" ]] && packages+=("${test_packages[@]}")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ "$(id -u)" != 0 ]] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # A download sometimes fails half-way; the same command again succeeds.
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v swift >/dev/null; then
  if [[ -x /opt/swift/usr/bin/swift ]]; then
    echo "Swift is in /opt/swift/usr/bin; add it to PATH." >&2
  else
    echo "Swift 6.2 or later is needed (https://www.swift.org/install/linux/)." >&2
  fi
  exit 1
fi

#!/usr/bin/env bash
# Memory over a long soak: 100,000 random UI actions (release build), with
# the resident memory at each eighth. Usage: bash benches/soak.sh [ACTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK_ACTIONS="${1:-100000}" cargo test --release --features testing --test soak -- --nocapture 2>&1 | grep -E "^soak:|test result"

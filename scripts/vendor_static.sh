#!/bin/sh
# Re-vendor the dashboard's browser libraries from the npm registry (pinned versions).
# Needs npm and node; run from the repository root. The app serves these files itself:
# no CDN and no network at run time. See static/vendor/README.md.
set -eu
ECHARTS=6.1.0
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "echarts@$ECHARTS" "world-atlas@$WORLD_ATLAS" \
    "topojson-client@$TOPOJSON_CLIENT" >/dev/null)
for name in "echarts-$ECHARTS" "world-atlas-$WORLD_ATLAS" "topojson-client-$TOPOJSON_CLIENT"; do
    mkdir -p "$work/$name" && tar xzf "$work/$name.tgz" -C "$work/$name"
done
mkdir -p static/vendor/echarts static/vendor/world-atlas
cp "$work/echarts-$ECHARTS/package/dist/echarts.min.js" \
   "$work/echarts-$ECHARTS/package/LICENSE" \
   "$work/echarts-$ECHARTS/package/NOTICE" \
   "$work/echarts-$ECHARTS/package/licenses/LICENSE-d3" static/vendor/echarts/
cp "$work/world-atlas-$WORLD_ATLAS/package/LICENSE" static/vendor/world-atlas/LICENSE
node scripts/build_map_geometry.js "$work/world-atlas-$WORLD_ATLAS/package" \
    "$work/topojson-client-$TOPOJSON_CLIENT/package" static/vendor/world-atlas/world.geo.json

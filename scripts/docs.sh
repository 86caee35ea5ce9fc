#!/bin/sh
# Builds the DocC documentation of the three library products (swift-docc-plugin, Package.swift)
# into .build/docs/<Module>.doccarchive and prints DocC's warnings.
# Usage: scripts/docs.sh [--analyze]   (--analyze adds DocC's checks for undocumented symbols)
set -eu
cd "$(dirname "$0")/.."
# The plugin moves each archive into place; its folder must exist (a fresh clone has none).
mkdir -p .build/docs
for target in SurvivalAnalysis TrialDesign SurvivalReports; do
    swift package --disable-sandbox generate-documentation --target "$target" \
        --output-path ".build/docs/$target.doccarchive" "$@"
done

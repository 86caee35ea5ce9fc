#!/bin/sh
# Builds the DocC documentation of the three library products (swift-docc-plugin, Package.swift)
# into .build/docs/<Module>.doccarchive and prints DocC's warnings.
# Usage: scripts/docs.sh [--strict] [--analyze]
#   --strict   exit 1 when DocC prints any warning (undocumented parameter, broken or ambiguous
#              symbol link); a pre-release check (docs/contributing.md), too slow for .ci/run.
#   --analyze  adds DocC's checks for undocumented symbols (passed on to the plugin).
set -eu
cd "$(dirname "$0")/.."
strict=0
if [ "${1:-}" = "--strict" ]; then strict=1; shift; fi
# The plugin moves each archive into place; its folder must exist (a fresh clone has none).
mkdir -p .build/docs
log=.build/docs/warnings.log
: > "$log"
for target in SurvivalAnalysis TrialDesign SurvivalReports; do
    # The plugin's output is kept (for --strict to count) and then printed; a failed build stops here.
    status=0
    swift package --disable-sandbox generate-documentation --target "$target" \
        --output-path ".build/docs/$target.doccarchive" "$@" > .build/docs/last.log 2>&1 || status=$?
    cat .build/docs/last.log
    cat .build/docs/last.log >> "$log"
    [ "$status" = 0 ] || exit "$status"
done
warnings=$(grep -c '^warning:' "$log" || true)
echo "docs.sh: $warnings DocC warning(s) (list: $log)"
if [ "$strict" = 1 ] && [ "$warnings" -gt 0 ]; then
    echo "docs.sh --strict: failing on $warnings warning(s)" >&2
    exit 1
fi

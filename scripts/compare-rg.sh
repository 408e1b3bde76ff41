#!/usr/bin/env bash
# Times transcheck (whole built-in pack, CSV report written) against ripgrep searching the
# same folder for the built-in pattern rules' regexes joined into one alternation, and
# prints the ratio. Each runs five times, alternating, and the best wall time of each is
# compared (the machine's noise only ever adds time). Usage: scripts/compare-rg.sh CORPUS_DIR [JOBS]
# Needs rg (apt-get install ripgrep) and python3 >= 3.11 (tomllib).
set -euo pipefail
corpus=${1:?usage: scripts/compare-rg.sh CORPUS_DIR [JOBS]}
jobs=${2:-$(nproc)}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v rg >/dev/null || { echo "rg is not installed; nothing to compare" >&2; exit 0; }
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
pattern=$(python3 - "$root/rules" <<'PY'
import glob, sys, tomllib
patterns = []
for path in sorted(glob.glob(sys.argv[1] + "/*.toml")):
    with open(path, "rb") as f:
        for rule in tomllib.load(f).get("rule", []):
            if rule["kind"] == "pattern":
                patterns.append("(?:%s)" % rule["pattern"])
print("|".join(patterns))
PY
)
report=$(mktemp --suffix=.csv)
trap 'rm -f "$report"' EXIT
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
bytes=$(find "$corpus" -type f -name '*.txt' -o -type f -name '*.md' -o -type f -name '*.html' | xargs cat | wc -c)
best() { printf '%s\n' "$@" | sort -g | head -1; }
rg_times=() tc_times=()
for _ in 1 2 3 4 5; do
    rg_times+=("$(seconds rg --threads "$jobs" -c -e "$pattern" "$corpus")")
    tc_times+=("$(seconds "$root/target/release/transcheck" check --no-config -j "$jobs" -o "$report" "$corpus")")
done
rg_time=$(best "${rg_times[@]}")
tc_time=$(best "${tc_times[@]}")
printf 'corpus: %s (%.1f MB), %s threads\n' "$corpus" "$(echo "$bytes / 1000000" | bc -l)" "$jobs"
printf 'rg (%d pattern rules as one alternation): %.2f s\n' "$(echo "$pattern" | grep -o '|(?:' | wc -l | awk '{print $1 + 1}')" "$rg_time"
printf 'transcheck (whole built-in pack, CSV report): %.2f s (%.1f MB/s)\n' "$tc_time" "$(echo "$bytes / 1000000 / $tc_time" | bc -l)"
printf 'ratio transcheck / rg: %.2f\n' "$(echo "$tc_time / $rg_time" | bc -l)"

#!/usr/bin/env bash
# Times whole runs of the release build on a corpus folder (whole built-in pack, CSV report
# written, findings printed to /dev/null): one and two threads, with and without --corpus.
# Each configuration runs five times; the best wall time, the best CPU time (user + system)
# and the largest peak memory are printed. Usage: scripts/bench-runs.sh CORPUS_DIR
# Needs /usr/bin/time (GNU time). Make the corpus with:
#   cargo run --release --example gen_corpus -- --mb 100 --seed 1 CORPUS_DIR
set -euo pipefail
corpus=${1:?usage: scripts/bench-runs.sh CORPUS_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed" >&2; exit 2; }
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
binary="$root/target/release/transcheck"
report=$(mktemp --suffix=.csv)
times=$(mktemp)
trap 'rm -f "$report" "$times"' EXIT
for args in "-j 1" "-j 2" "-j 1 --corpus" "-j 2 --corpus"; do
    : >"$times"
    for _ in 1 2 3 4 5; do
        # shellcheck disable=SC2086 # the arguments are meant to split
        /usr/bin/time -a -o "$times" -f '%e %U %S %M' \
            "$binary" check --no-config $args -o "$report" "$corpus" >/dev/null 2>&1 || true
    done
    # GNU time adds a line of its own when the exit status is not 0 (findings: 1).
    awk -v args="$args" '
        $1 !~ /^[0-9.]+$/ { next }
        runs++ == 0 || $1 < wall { wall = $1 }
        runs == 1 || $2 + $3 < cpu { cpu = $2 + $3 }
        $4 > peak { peak = $4 }
        END { printf "check %-13s wall %.2f s  cpu %.2f s  peak %.0f MB\n", args, wall, cpu, peak / 1024 }
    ' "$times"
done

#!/usr/bin/env bash
# The web page extractor on the article-extraction benchmark's pages: F1, precision and recall of
# the article body it finds, and beside them, from the same run, the naive baseline that takes
# the text of every <p>. The pages are not in the repository: they are read from DATA, by default
# ../shared/extraction beside it.
#
#   bench/extract.sh [DATA]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-$root/../shared/extraction}
if [ ! -f "$data/score.py" ]; then
  echo "skipped: no extraction data"
  exit 0
fi
cd "$root"
cargo build --quiet --release -p scholia-core --example extract
extract=${CARGO_TARGET_DIR:-$root/target}/release/examples/extract

# One summary line from score.py's output: the corpus scores, and the time per page when the
# example reports it (on standard error, at the end of the batch).
score() {
  python3 "$data/score.py" --data "$data" --quiet --batch -- "$extract" --batch "$@" 2>&1 | awk '
    /^F1 / { f1 = $2; p = $4; r = $6 }
    /^extract:/ { time = sprintf("  (per page: parse %s ms, extract %s ms)", $6, $12) }
    END { printf "F1 %s  precision %s  recall %s%s\n", f1, p, r, time }'
}
printf 'extractor   %s\n' "$(score --body)"
printf 'every <p>   %s\n' "$(score --every-p)"

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
# example reports it (on standard error, at the end of the batch): "f1 precision recall parse extract".
score() {
  python3 "$data/score.py" --data "$data" --quiet --batch -- "$extract" --batch "$@" 2>&1 | awk '
    /^F1 / { f1 = $2; p = $4; r = $6 }
    /^extract:/ { parse = $6; took = $12 }
    END { print f1, p, r, parse, took }'
}
read -r f1 precision recall parse took < <(score --body)
read -r every_f1 every_precision every_recall _ _ < <(score --every-p)
pages=$(($(wc -l < "$data/index.tsv") - 1))
printf 'extractor   F1 %s  precision %s  recall %s  (per page: parse %s ms, extract %s ms)\n' "$f1" "$precision" "$recall" "$parse" "$took"
printf 'every <p>   F1 %s  precision %s  recall %s\n' "$every_f1" "$every_precision" "$every_recall"
if [ -n "${BENCH_ROWS:-}" ]; then
  section=Extraction
  printf '{"section":"%s","figure":"article body F1 on %s saved news pages","value":%s,"unit":"","baseline":{"name":"the text of every <p>","value":%s},"detail":"precision %s, recall %s"}\n' \
    "$section" "$pages" "$f1" "$every_f1" "$precision" "$recall" >> "$BENCH_ROWS"
  printf '{"section":"%s","figure":"extraction time per page (natively, after parsing)","value":%s,"unit":"ms","detail":"parsing the HTML: %s ms per page"}\n' \
    "$section" "$took" "$parse" >> "$BENCH_ROWS"
fi

#!/bin/bash
# A/B two builds of fleetsim (or one against the reference loop) with less noise than
# sequential runs: each round runs A and B at the same time, each pinned to its own core
# (taskset), and swaps the cores every round, so both see the same host load at the same
# moment. On the 2-core Intel machine, A = B gave paired ratios of 0.85-1.04 this way,
# against 1.01-1.37 for the same build run one after the other. Both runs share the L3, so a ratio against
# the reference loop (whose state fits the L2) is worse than in `npm run bench`; use this
# to compare two builds, not to judge a target.
#
#   bench/ab-pinned.sh ROUNDS A B
#     A, B: a folder holding a built copy of fleetsim (dist/, bench/, scenarios/,
#           node_modules/: `cp -r . /tmp/a` after `npm run build`), or `ref` for
#           ../shared/bench/reference-office-week.mjs
#   env: VMS (10000), DAYS (140), FAIL (0: failure probability), SIGMA (0.5)
# Prints each round's times and ratio, then the median ratio and the ratio of the fastest.
set -euo pipefail
if [ $# -ne 3 ]; then
  sed -n '2,16p' "$0" >&2
  exit 2
fi
command -v taskset >/dev/null || { echo "ab-pinned.sh: needs taskset (util-linux)" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "ab-pinned.sh: needs 2 cores" >&2; exit 2; }
ROUNDS=$1 A=$2 B=$3
VMS=${VMS:-10000} DAYS=${DAYS:-140} FAIL=${FAIL:-0} SIGMA=${SIGMA:-0.5}
REF="$(cd "$(dirname "$0")/.." && pwd)/../shared/bench/reference-office-week.mjs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
one() { # one <build|ref> <core> <out>
  if [ "$1" = ref ]; then taskset -c "$2" node "$REF" "$VMS" "$DAYS" --lognormal "$SIGMA" >"$3"
  else taskset -c "$2" node "$1/bench/realistic-child.mjs" office "$VMS" "$DAYS" "$SIGMA" "$FAIL" >"$3"; fi
}
for i in $(seq "$ROUNDS"); do
  ca=$((i % 2)) cb=$(((i + 1) % 2))
  one "$A" "$ca" "$tmp/a" & pa=$!
  one "$B" "$cb" "$tmp/b" & pb=$!
  wait "$pa" "$pb"
  echo "$(grep -o '"wallSeconds":[0-9.]*' "$tmp/a" | cut -d: -f2) $(grep -o '"wallSeconds":[0-9.]*' "$tmp/b" | cut -d: -f2)"
done | python3 -c '
import sys, statistics as s
A, B = [], []
for line in sys.stdin:
    a, b = map(float, line.split()); A.append(a); B.append(b)
    print("A %.3f s  B %.3f s  A/B %.3f" % (a, b, a / b))
r = [a / b for a, b in zip(A, B)]
print("median A/B %.3f (paired %.3f-%.3f), fastest A / fastest B %.3f" % (s.median(r), min(r), max(r), min(A) / min(B)))'

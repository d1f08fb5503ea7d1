#!/bin/sh
# Runs a sweep's shards on this machine the way the Indexed Job runs them: N separate
# processes, each told its shard only by JOB_COMPLETION_INDEX (0 to N - 1) and run with
# --shard auto/N, PARALLEL at a time (xargs -P), then merges them into OUT/merged.
#
#   examples/kubernetes-sweep/run-local.sh N OUT [convergence options...]
#   examples/kubernetes-sweep/run-local.sh 4 /tmp/sweep --datapoints 12 --seeds 40
#
# PAIRWISE_ELO_CLI: the CLI to run (default: this checkout's dist/cli.js, so run
# `npm run build` first); PARALLEL: processes at once (default 2).
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 N OUT [convergence options...]" >&2
  exit 2
fi
count=$1
out=$2
shift 2
case $count in
  '' | *[!0-9]* | 0) echo "$0: N must be a positive integer, got '$count'" >&2; exit 2 ;;
esac
# Leftover shard folders from another sweep would be merged too.
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "$0: $out is not empty; give a new folder" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
cli=${PAIRWISE_ELO_CLI:-$here/../../dist/cli.js}
mkdir -p "$out"

seq 0 $((count - 1)) |
  xargs -P "${PARALLEL:-2}" -I{} env JOB_COMPLETION_INDEX={} node "$cli" convergence "$@" --shard "auto/$count" --out "$out/shard-{}"
node "$cli" merge "$out"/shard-* --out "$out/merged"

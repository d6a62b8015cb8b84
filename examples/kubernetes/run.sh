#!/bin/bash
# Runs the study on a Kubernetes cluster: the shared volume and the scenario, the Indexed Job
# of shards, then (once every index succeeded) the merge Job. Kubernetes has no job
# dependencies, so this script is the dependency: `kubectl wait` until the shards Job is
# Complete (or Failed), then the merge. Re-running this script is safe: shards re-run into
# their folders give the same files.
#   SCENARIO=scenarios/office-week.yaml ./examples/kubernetes/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SCENARIO=${SCENARIO:-scenarios/office-week.yaml}

kubectl apply -f "$here/volume.yaml"
kubectl create configmap fleetsim-scenario --from-file="$SCENARIO" --dry-run=client -o yaml | kubectl apply -f -
kubectl delete job fleetsim-shards fleetsim-merge --ignore-not-found
kubectl apply -f "$here/study-job.yaml"

# Complete when every index succeeded; Failed when one ran out of retries.
while :; do
  state=$(kubectl get job fleetsim-shards -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
  case "$state" in
    *Complete*) break ;;
    *Failed*) echo "shards failed: kubectl get pods -l job-name=fleetsim-shards; see docs/scale-out.md" >&2; exit 1 ;;
  esac
  sleep "${POLL_SECONDS:-30}"
done

kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/fleetsim-merge --timeout=1h
kubectl logs job/fleetsim-merge

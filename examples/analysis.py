#!/usr/bin/env python3
"""A short analysis of a fleetsim run with pandas (and matplotlib for the plot).

    fleetsim run scenarios/office-week.yaml            # writes results/office-week/
    python3 examples/analysis.py results/office-week   # tables on stdout, analysis.png

It reads the small files only: billing.csv (one row per VM), series.csv (the fleet sampled
over time) and summary.json. timeline.csv (one row per state change) can be gigabytes; read
it in chunks or with DuckDB if you need it (see examples/README.md).
"""
import argparse
import json
import os
import sys

import pandas as pd

STATES = ["starting", "running", "stopping", "stopped", "deallocating", "deallocated", "creating"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results", nargs="?", default="results/office-week", help="results folder of a fleetsim run")
    ap.add_argument("--plot", help="where to write the PNG (default: RESULTS/analysis.png); 'none' for no plot")
    args = ap.parse_args()

    summary_path = os.path.join(args.results, "summary.json")
    if not os.path.exists(summary_path):
        print(f"error: {summary_path} not found: run `fleetsim run <scenario> --out {args.results}` first", file=sys.stderr)
        return 2
    with open(summary_path) as f:
        summary = json.load(f)
    currency = summary["currency"]
    billing = pd.read_csv(os.path.join(args.results, "billing.csv"))
    series = pd.read_csv(os.path.join(args.results, "series.csv"), parse_dates=["timestamp"])

    # Cost per group: sum the per-VM rows.
    cost = billing.groupby("group", sort=False).agg(
        vms=("vm", "count"),
        billed_hours=("billed_hours", "sum"),
        compute=("compute_cost", "sum"),
        disk_ip=("other_cost", "sum"),
    )
    cost["total"] = cost["compute"] + cost["disk_ip"]
    cost["per_vm"] = cost["total"] / cost["vms"]
    print(f"== {summary['scenario']['name']}: cost per group ({currency})")
    print(cost.round(2).to_string())
    print(f"total: {cost['total'].sum():,.2f} {currency} (summary.json: {summary['total']['totalCost']:,.2f})")

    # Hours per power state, per group: the *_s columns are seconds per VM.
    hours = billing.groupby("group", sort=False)[[f"{s}_s" for s in STATES]].sum() / 3600
    hours.columns = STATES
    hours = hours.loc[:, (hours != 0).any()]
    print("\n== VM-hours per power state")
    print(hours.round(1).to_string())

    if args.plot == "none":
        return 0
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("\n(matplotlib not installed: no plot; apt-get install python3-matplotlib)")
        return 0

    out = args.plot or os.path.join(args.results, "analysis.png")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
    fleet = series.groupby("timestamp")[[f"{s}_vms" for s in STATES]].sum()
    fleet = fleet.loc[:, (fleet != 0).any()]
    top.stackplot(fleet.index, fleet.T.values, labels=[c.removesuffix("_vms") for c in fleet.columns], step="pre")
    top.set_ylabel("VMs")
    top.set_title("VMs per power state")
    top.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    for group, rows in series.groupby("group", sort=False):
        bottom.plot(rows["timestamp"], rows["compute_cost_cum"], label=group)
    bottom.set_ylabel(f"compute cost ({currency})")
    bottom.set_title("Cumulative compute cost per group")
    bottom.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

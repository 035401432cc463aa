#!/usr/bin/env python3
"""Turn side_by_side.sh's results.tsv into the README's Markdown table (stdlib only).

Usage: python3 table.py RESULTS_TSV

One row per N, chiso beside Hugo: HTML pages and output bytes, warm wall (cold), peak memory,
wall and bytes per HTML page, each with the ratio the issue's targets are stated in; then the
log-log slope of warm wall against HTML pages between consecutive sizes. Ratios are chiso / Hugo.
"""
import csv
import math
import sys


def mb(b):
    return f"{b / 1e6:,.1f} MB" if b < 1e9 else f"{b / 1e9:,.2f} GB"


def main(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    print("| N | chiso HTML pages / output | Hugo HTML pages / output | chiso wall warm (cold) "
          "| Hugo wall warm (cold) | warm wall chiso / Hugo | wall per HTML page chiso / Hugo "
          "| bytes per HTML page chiso / Hugo | peak memory chiso / Hugo | load average before → after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        ch, hh = int(r["chiso_html"]), int(r["hugo_html"])
        cb, hb = int(float(r["chiso_bytes"])), int(float(r["hugo_bytes"]))
        cw, cc = float(r["chiso_warm_s"]), float(r["chiso_cold_s"])
        hw, hc = float(r["hugo_warm_s"]), float(r["hugo_cold_s"])
        cm, hm = int(r["chiso_peak_mib"]), int(r["hugo_peak_mib"])
        cpp, hpp = cw / ch * 1e3, hw / hh * 1e3
        cbp, hbp = cb / ch, hb / hh
        print(f"| {int(r['n']):,} | {ch:,} / {mb(cb)} | {hh:,} / {mb(hb)} | {cw:.2f} s ({cc:.2f} s) "
              f"| {hw:.2f} s ({hc:.2f} s) | {cw / hw:.2f}× | {cpp:.2f} / {hpp:.2f} ms ({cpp / hpp:.2f}×) "
              f"| {cbp / 1e3:,.1f} / {hbp / 1e3:,.1f} kB ({cbp / hbp:.2f}×) | {cm:,} / {hm:,} MiB ({cm / hm:.2f}×) "
              f"| {r['load_before'].split()[0]} → {r['load_after'].split()[0]} |")
    for a, b in zip(rows, rows[1:]):
        def slope(tool):
            pages = math.log(int(b[f"{tool}_html"]) / int(a[f"{tool}_html"]))
            return math.log(float(b[f"{tool}_warm_s"]) / float(a[f"{tool}_warm_s"])) / pages
        print(f"\nLog-log slope of warm wall against HTML pages, N = {a['n']} → {b['n']}: "
              f"chiso {slope('chiso'):.2f}, Hugo {slope('hugo'):.2f}.")


if __name__ == "__main__":
    main(sys.argv[1])

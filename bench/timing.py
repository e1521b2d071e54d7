"""What both engine benchmarks read from a run: its /usr/bin/time -v report (wall, cpu,
peak memory, the cores other processes used meanwhile) and the aligned table they print."""
import os
import re


def time_report(base):
    t = open(base + ".time").read()
    def field(name):
        return re.search(re.escape(name) + r": (.*)", t).group(1).strip()
    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    others = None
    if os.path.exists(base + ".busy"):
        b0, b1, hz = map(float, open(base + ".busy").read().split())
        others = max(0.0, ((b1 - b0) / hz - cpu) / wall) if wall > 0 else 0.0
    return {"wall": wall, "cpu": cpu, "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024,
            "other_processes_cores": others}


def table(head, rows):
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print("  ".join(h.rjust(w) for h, w in zip(head, widths)))
    for r in rows:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths)))

#!/usr/bin/python3
"""`make bench` (web part): server time and server CPU of the pages focal points work in,
on the demo workspace, against the cheapest route of the same server (/health) in the
same run. Goals: a report page under 100 ms; the report section page under 5 ms of CPU.

Usage: bench/web_bench.py path/to/synergia [requests per page]
"""
import statistics
import sys
import time
import urllib.request

from bench_server import DemoServer, server_cpu_seconds

BINARY = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 200
PAGES = [("health (reference)", "/health"), ("dashboard", "/w/KEN"), ("report, section I", "/reports/1?section=s1"),
         ("report, section III (56 questions)", "/reports/1?section=s3"), ("national target", "/w/KEN/targets/KEN-T1"),
         ("audit trail", "/reports/1/audit")]


def main():
    results = {}
    with DemoServer(BINARY) as server:
        for name, path in PAGES:
            request = urllib.request.Request(server.base + path, headers={"Authorization": "Bearer " + server.token})
            for _ in range(10):  # warm-up: templates, statement caches
                urllib.request.urlopen(request).read()
            times = []
            cpu_before = server_cpu_seconds(server.pid)
            for _ in range(COUNT):
                start = time.perf_counter()
                body = urllib.request.urlopen(request).read()
                times.append((time.perf_counter() - start) * 1000)
            cpu_ms = (server_cpu_seconds(server.pid) - cpu_before) / COUNT * 1000
            assert len(body) > 0
            times.sort()
            results[name] = (statistics.median(times), times[int(len(times) * 0.95) - 1], cpu_ms, len(body))
    reference = results["health (reference)"]
    print(f"{'page':38} {'p50 ms':>8} {'p95 ms':>8} {'× /health':>10} {'cpu ms':>8} {'cpu ×':>7} {'bytes':>8}")
    for name, (p50, p95, cpu, size) in results.items():
        print(f"{name:38} {p50:8.2f} {p95:8.2f} {p50 / reference[0]:10.1f} {cpu:8.2f} {cpu / max(reference[2], 0.01):7.1f} {size:8d}")
    worst = max(p95 for name, (_, p95, _, _) in results.items() if name.startswith("report"))
    section_cpu = results["report, section I"][2]
    print(f"\nReport pages: p95 {worst:.1f} ms against the 100 ms goal ({worst / 100:.2f} of it); {COUNT} requests each, over loopback "
          "(client-side time, so an upper bound of server time).")
    print(f"Report section I: {section_cpu:.2f} ms of server CPU per request against the 5 ms goal ({section_cpu / 5:.2f} of it).")


if __name__ == "__main__":
    main()

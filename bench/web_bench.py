#!/usr/bin/python3
"""`make bench` (web part): server time of the pages focal points work in, on the
demo workspace, against the cheapest route of the same server (/health) in the
same run. Goal of the web application issue: a report page under 100 ms.

Usage: bench/web_bench.py path/to/synergia [requests per page]
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

BINARY = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 200
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder = tempfile.mkdtemp(prefix="synergia-web-bench-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, SYNERGIA_DATABASE_URL=f"sqlite:{folder}/db.sqlite", SYNERGIA_DATA_DIR=os.path.join(ROOT, "data"),
               SYNERGIA_LOG_LEVEL="info", SYNERGIA_JOBS_DIR=os.path.join(folder, "jobs"))

    def cli(*args):
        return subprocess.run([BINARY, *args], env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout

    cli("seed", "--demo")
    token = cli("user", "token", "--email", "focal.point@demo.synergia.example").strip()
    log = open(os.path.join(folder, "serve.log"), "w")
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        pages = [("health (reference)", "/health"), ("dashboard", "/w/KEN"), ("report, section I", "/reports/1?section=s1"),
                 ("report, section III (56 questions)", "/reports/1?section=s3"), ("national target", "/w/KEN/targets/KEN-T1"),
                 ("audit trail", "/reports/1/audit")]
        results = {}
        for name, path in pages:
            request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
            for _ in range(10):  # warm-up: templates, statement caches
                urllib.request.urlopen(request).read()
            times = []
            for _ in range(COUNT):
                start = time.perf_counter()
                body = urllib.request.urlopen(request).read()
                times.append((time.perf_counter() - start) * 1000)
            assert len(body) > 0
            times.sort()
            results[name] = (statistics.median(times), times[int(len(times) * 0.95) - 1], len(body))
        reference = results["health (reference)"][0]
        print(f"{'page':38} {'p50 ms':>8} {'p95 ms':>8} {'× /health':>10} {'bytes':>8}")
        for name, (p50, p95, size) in results.items():
            print(f"{name:38} {p50:8.2f} {p95:8.2f} {p50 / reference:10.1f} {size:8d}")
        worst = max(p95 for name, (_, p95, _) in results.items() if name.startswith("report"))
        print(f"\nReport pages: p95 {worst:.1f} ms against the 100 ms goal ({worst / 100:.2f} of it); {COUNT} requests each, over loopback (client-side time, so an upper bound of server time).")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

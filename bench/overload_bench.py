#!/usr/bin/python3
"""`make bench` (overload part): what a burst of twice the server's capacity does.

1. Capacity: 8 clients request the report's section I page back to back for 5 s; the
   server's own CPU time (from /proc) per request is the page's CPU cost.
2. Overload: requests arrive at twice that capacity for 30 s, on a fixed schedule whatever
   the answers (an open loop, as users arrive). Every request must be answered, by the
   page or by 503 with Retry-After: no connection error, no time-out, no other status.
3. Recovery: from the end of the burst, one request every 50 ms; the server has recovered
   at the first page answered in under 100 ms. Goal: within 2 s.

Usage: bench/overload_bench.py path/to/synergia [burst seconds]
"""
import asyncio
import os
import statistics
import sys
import time

from bench_server import DemoServer, server_cpu_seconds

BINARY = sys.argv[1]
BURST_SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
PAGE = "/reports/1?section=s1"
CLIENT_TIMEOUT = 10.0
MAX_CONNECTIONS = 400


class Connection:
    """One keep-alive HTTP/1.1 connection; one request at a time."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def get(self, path, token):
        self.writer.write((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                           "Connection: keep-alive\r\n\r\n").encode())
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        length, retry_after, chunked = 0, None, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "retry-after":
                retry_after = value
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
        if chunked:
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            await self.reader.readexactly(length)
        return status, retry_after

    def close(self):
        self.writer.close()


class Pool:
    def __init__(self, port, token):
        self.port, self.token, self.idle, self.opened = port, token, [], 0

    async def get(self, path):
        """(status, retry-after, seconds) or (error text, None, seconds)."""
        start = time.perf_counter()
        connection = self.idle.pop() if self.idle else None
        try:
            if connection is None:
                if self.opened >= MAX_CONNECTIONS:
                    return "client out of connections", None, 0.0
                self.opened += 1
                connection = await asyncio.wait_for(Connection.open(self.port), CLIENT_TIMEOUT)
            status, retry_after = await asyncio.wait_for(connection.get(path, self.token), CLIENT_TIMEOUT)
            self.idle.append(connection)
            return status, retry_after, time.perf_counter() - start
        except asyncio.TimeoutError:
            self._drop(connection)
            return "time-out", None, time.perf_counter() - start
        except (ConnectionError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            self._drop(connection)
            return f"connection error ({type(error).__name__})", None, time.perf_counter() - start

    def _drop(self, connection):
        self.opened -= 1
        if connection is not None:
            connection.close()


async def capacity(pool, pid):
    results, stop = [], time.perf_counter() + 5.0

    async def client():
        while time.perf_counter() < stop:
            results.append(await pool.get(PAGE))

    cpu_before, start = server_cpu_seconds(pid), time.perf_counter()
    await asyncio.gather(*(client() for _ in range(8)))
    elapsed, cpu = time.perf_counter() - start, server_cpu_seconds(pid) - cpu_before
    ok = sum(1 for status, _, _ in results if status == 200)
    assert ok == len(results), f"capacity run: {len(results) - ok} requests not answered 200"
    return len(results) / elapsed, cpu / len(results) * 1000


async def burst(pool, rate):
    tasks, start = [], time.perf_counter()
    for n in range(int(rate * BURST_SECONDS)):
        delay = start + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.ensure_future(pool.get(PAGE)))
    sent_for = time.perf_counter() - start
    results = await asyncio.gather(*tasks)
    return results, sent_for


async def recovery(pool):
    start = time.perf_counter()
    while time.perf_counter() - start < 30:
        status, _, seconds = await pool.get(PAGE)
        if status == 200 and seconds < 0.1:
            return time.perf_counter() - start
        await asyncio.sleep(0.05)
    return float("inf")


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


async def run(server):
    pool = Pool(server.port, server.token)
    for _ in range(20):
        await pool.get(PAGE)
    rate, cpu_ms = await capacity(pool, server.pid)
    print(f"capacity: {rate:.0f} requests/s of {PAGE} with 8 clients; server CPU {cpu_ms:.2f} ms per request")
    results, sent_for = await burst(pool, 2 * rate)
    recovered = await recovery(pool)
    total = len(results)
    pages = [s for status, _, s in results if status == 200]
    shed = [s for status, retry, s in results if status == 503 and retry is not None]
    other = [(status, retry) for status, retry, _ in results if status != 200 and not (status == 503 and retry is not None)]
    print(f"burst: {total} requests at {2 * rate:.0f}/s (2× capacity) sent over {sent_for:.1f} s")
    print(f"  answered with the page: {len(pages)} ({len(pages) / total:.0%}), p50 {percentile(pages, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(pages, 0.99) * 1000:.0f} ms")
    print(f"  shed with 503 + Retry-After: {len(shed)} ({len(shed) / total:.0%}), p99 {percentile(shed, 0.99) * 1000:.1f} ms")
    kinds = {}
    for status, _ in other:
        kinds[status] = kinds.get(status, 0) + 1
    print(f"  anything else (errors, time-outs): {len(other)} {kinds if kinds else ''}")
    print(f"recovery: first page under 100 ms {recovered:.2f} s after the burst (goal: within 2 s)")
    healthy = not other and recovered <= 2.0 and shed
    print("overload: " + ("sheds and recovers as required" if healthy else "DOES NOT MEET the goal"))
    return healthy


def main():
    with DemoServer(BINARY) as server:
        healthy = asyncio.run(run(server))
    sys.exit(0 if healthy else 1)


if __name__ == "__main__":
    main()

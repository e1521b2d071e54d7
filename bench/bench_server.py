"""A throwaway demo server for the web benchmarks: a SQLite database in a temporary
folder, the demo workspace seeded, `synergia serve` on a free loopback port, and the
demo focal point's API token."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def server_cpu_seconds(pid):
    """User + system CPU time the process has used, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class DemoServer:
    def __init__(self, binary, extra_env=None):
        self.binary, self.extra_env = binary, extra_env or {}

    def __enter__(self):
        self.folder = tempfile.mkdtemp(prefix="synergia-web-bench-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, SYNERGIA_DATABASE_URL=f"sqlite:{self.folder}/db.sqlite", SYNERGIA_DATA_DIR=os.path.join(ROOT, "data"),
                   SYNERGIA_LOG_LEVEL="warning", SYNERGIA_JOBS_DIR=os.path.join(self.folder, "jobs"), **self.extra_env)

        def cli(*args):
            return subprocess.run([self.binary, *args], env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout

        cli("seed", "--demo")
        self.token = cli("user", "token", "--email", "focal.point@demo.synergia.example").strip()
        self.log = open(os.path.join(self.folder, "serve.log"), "w")
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port)], env=env, cwd=ROOT,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.pid = self.process.pid
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1)
                return self
            except Exception:
                time.sleep(0.1)
        raise RuntimeError(f"the server did not start; see {self.folder}/serve.log")

    def __exit__(self, *_):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

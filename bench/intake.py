"""`make bench` (second part), `make bench-intake`: the comment intake under load.

Starts `comments serve` (uvicorn, one process, SQLite in WAL mode with a
sync to disk per submission) on a free port of 127.0.0.1 against a
generated manifest of 100 open posts, with the rate limits raised so that
every submission counts, and posts distinct comments from several clients
at once over kept-alive connections, half as a browser's form post (303)
and half asking for JSON (202). Reports accepted submissions per second and
the latency of each request, against the targets.
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from pelican.plugins.comment_threads import manifest

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATE = 200  # accepted submissions per second
TARGET_P99_MS = 100
SITE = "https://bench.test"


class Thread:
    """Just what the manifest writer reads of a post's thread."""

    state, comments = "open", []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(work, port):
    output = work / "output"
    output.mkdir(parents=True)
    (work / "content").mkdir()
    entries = [manifest.entry(f"post-{n}", f"Post {n}", f"{SITE}/post-{n}/", Thread())
               for n in range(100)]
    manifest.write(output / "comments-manifest.json", manifest.to_json(SITE, entries))
    settings = {"PATH": str(work / "content"), "OUTPUT_PATH": str(output), "SITEURL": SITE,
                "COMMENTS_DB": str(work / "queue.sqlite3"), "COMMENTS_RATE_LIMIT": 10**9,
                "COMMENTS_FLOOD_SECONDS": 0, "COMMENTS_SMTP_HOST": None,
                "COMMENTS_ENDPOINT": f"http://127.0.0.1:{port}/comments"}
    command = [sys.executable, "-m", "comment_service.cli", "-s", str(ROOT / "pelicanconf.py")]
    for key, value in settings.items():
        command += ["-e", f"{key}={json.dumps(value)}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMENTS_")}
    process = subprocess.Popen([*command, "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the intake service did not start")


def client(port, numbers, latencies, statuses):
    """Post one comment per number over one kept-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for number in numbers:
        body = urlencode({"article": f"post-{number % 100}", "name": f"Reader {number}",
                          "email": "", "website": "", "replyto": "", "homepage": "",
                          "comment": f"Comment number {number}: the FY 2012 grant rate "
                                     "counts decisions on the merits only."}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": SITE}
        if number % 2:
            headers["Accept"] = "application/json"
        started = time.perf_counter()
        connection.request("POST", "/comments", body, headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        statuses.append(response.status)
    connection.close()


def measure(submissions, concurrency):
    work = Path(tempfile.mkdtemp(prefix="grant-rate-intake-"))
    port = free_port()
    process = start(work, port)
    try:
        latencies, statuses = [], []
        # A short warm-up, not counted: the first requests import and open things.
        client(port, range(10**6, 10**6 + 20), [], [])
        threads = [threading.Thread(target=client, args=(
            port, range(n, submissions, concurrency), latencies, statuses))
            for n in range(concurrency)]
        cpu_before = cpu_seconds(process.pid)
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        cpu = cpu_seconds(process.pid) - cpu_before
        memory_mb = resident_mb(process.pid)
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    accepted = sum(status in (202, 303) for status in statuses)
    # How busy the machine was: a shared machine's other work shows in every figure.
    load = round(os.getloadavg()[0], 1)
    # Inclusive: a cut never lies beyond the slowest answer measured.
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"submissions": submissions, "concurrency": concurrency, "seconds": round(seconds, 2),
            "accepted": accepted, "refused": len(statuses) - accepted,
            "accepted_per_second": round(accepted / seconds, 1),
            "p50_ms": round(cuts[49] * 1000, 1), "p99_ms": round(cuts[98] * 1000, 1),
            "max_ms": round(max(latencies) * 1000, 1), "memory_mb": memory_mb,
            "cpu_ms_per_submission": round(cpu / len(statuses) * 1000, 2),
            "cpus": os.cpu_count(), "load_average": load}


def cpu_seconds(pid):
    """User and system CPU time the service has used so far.

    On a shared machine the service waits for a core; the CPU time each
    submission costs does not, so it says what one free core would do.
    """
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid):
    """The service's resident memory after the load, as the kernel counts it."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def report(result):
    rate_met = result["accepted_per_second"] >= TARGET_RATE and result["refused"] == 0
    p99_met = result["p99_ms"] < TARGET_P99_MS
    return "\n".join([
        "## Comment intake",
        "",
        f"{result['submissions']:,} distinct submissions from {result['concurrency']} clients at "
        f"once, kept-alive connections, rate limits raised; {result['accepted']:,} accepted, "
        f"{result['refused']} refused, in {result['seconds']} s, on {result['cpus']} CPUs "
        f"with a load average of {result['load_average']} at the end.",
        "",
        "| measure | measured | target | met |",
        "|---|---:|---:|---|",
        f"| accepted submissions per second | {result['accepted_per_second']} | "
        f"≥ {TARGET_RATE} | {'yes' if rate_met else 'no'} |",
        f"| latency p50 | {result['p50_ms']} ms | | |",
        f"| latency p99 | {result['p99_ms']} ms | < {TARGET_P99_MS} ms | "
        f"{'yes' if p99_met else 'no'} |",
        f"| latency max | {result['max_ms']} ms | | |",
        f"| CPU time per submission (the service) | {result['cpu_ms_per_submission']} ms | | |",
        f"| submissions one free core could take (1 s / CPU time) | "
        f"{round(1000 / result['cpu_ms_per_submission'])} | ≥ {TARGET_RATE} | "
        f"{'yes' if 1000 / result['cpu_ms_per_submission'] >= TARGET_RATE else 'no'} |",
        f"| the service's memory after the run | {result['memory_mb']} MB | | |",
        "",
    ])


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.intake", description=__doc__)
    parser.add_argument("--submissions", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--results", type=Path, default=Path("bench-results"))
    args = parser.parse_args(argv)
    result = measure(args.submissions, args.concurrency)
    text = report(result)
    print(text)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "intake.md").write_text(text, encoding="utf-8")
    (args.results / "intake.json").write_text(json.dumps(result, indent=1) + "\n",
                                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

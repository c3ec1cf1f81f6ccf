"""Builds sites for tests: the sample site, or a tiny one written inline.

Builds run Pelican in a child process, exactly as `make html` does, so that
plugin state never leaks from one build into the next and the log an author
would see is what the tests read.
"""

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    output: Path
    returncode: int
    log: str
    # Wall time of the whole command, its CPU time, the peak resident memory
    # of its largest process, and of all its processes together.
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_mb: float = 0.0
    total_peak_mb: float = 0.0

    @property
    def ok(self):
        return self.returncode == 0

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")

    def files(self, suffix=""):
        return sorted(p for p in self.output.rglob("*") if p.is_file() and p.name.endswith(suffix))


def run_pelican(content, output, settings=None, conf="pelicanconf.py", strict=True, cwd=ROOT,
                env=None):
    """Build `content` into `output` with the site's configuration, overriding `settings`.

    Unless `settings` says otherwise, the caches live beside `output`, so a
    test's builds share them with each other and with no one else.
    """
    settings = {"CACHE_PATH": str(Path(output).parent / "cache"), **(settings or {})}
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
               "-s", str(ROOT / conf)]
    if strict:
        command += ["--fatal", "warnings"]
    # One -e with every pair: a second -e would replace the first.
    command += ["-e"] + [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    return run_measured(command, output, cwd=cwd, env=env)


def run_measured(command, output, cwd=ROOT, env=None):
    """Run a site generator's command; time it and read its memory use.

    os.wait4 gives this one child's resource usage; its ru_maxrss (KiB on
    Linux) is the largest resident set of the child or of any process it
    waited for, such as a chart drawer. But Linux also counts the memory a
    child shared with this process until it started its command, so a child
    of a large process reports at least this process's own peak: then the
    largest process is taken from the samples instead. CPU time (of the child
    and those it waited for) is steadier than wall time on a busy machine.
    What all the processes hold at once is sampled from /proc while the
    command runs.
    """
    env = dict(os.environ, COLUMNS="1000", NO_COLOR="1", TERM="dumb", **(env or {}))
    own_peak = own_peak_kib()
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    log = proc.stdout.read()
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    largest_kib = usage.ru_maxrss if usage.ru_maxrss > own_peak else sampler.largest_kib
    return Build(Path(output), proc.returncode, log, seconds, cpu, largest_kib / 1024,
                 max(largest_kib, sampler.peak_kib) / 1024)


def own_peak_kib():
    """This process's peak resident set (VmHWM), in KiB; 0 where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants."""

    INTERVAL = 0.1  # seconds; short enough for builds that last seconds
    PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.largest_kib, self.done = pid, 0, 0, threading.Event()

    def run(self):
        while not self.done.wait(self.INTERVAL):
            total, largest = self.sample()
            self.peak_kib = max(self.peak_kib, total)
            self.largest_kib = max(self.largest_kib, largest)

    def stop(self):
        self.done.set()
        self.join()

    def sample(self):
        """(KiB resident in the process and its descendants together, KiB of the largest of them)."""
        children, rss = {}, {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    # After the command name: state, parent, ..., resident pages (22nd).
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue  # the process has ended
            pid = int(entry.name)
            children.setdefault(int(fields[1]), []).append(pid)
            rss[pid] = int(fields[21]) * self.PAGE_KIB
        total, largest, stack = 0, 0, [self.pid]
        while stack:
            pid = stack.pop()
            total += rss.get(pid, 0)
            largest = max(largest, rss.get(pid, 0))
            stack += children.get(pid, [])
        return total, largest


def write_tree(root, files):
    """Write {relative path: text} under root and return root."""
    root = Path(root)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def post(title, date="2020-01-01 10:00", category="Notes", tags="", author="Elena Marsh",
         summary="A test post.", body="Some text.", **extra):
    """Markdown source of one post with valid metadata unless told otherwise."""
    lines = [f"Title: {title}", f"Date: {date}", f"Category: {category}",
             f"Authors: {author}", f"Summary: {summary}"]
    if tags:
        lines.append(f"Tags: {tags}")
    lines += [f"{key.capitalize()}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n\n" + body + "\n"

"""Builds sites for tests: the sample site, or a tiny one written inline.

Builds run Pelican in a child process, exactly as `make html` does, so that
plugin state never leaks from one build into the next and the log an author
would see is what the tests read.
"""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    output: Path
    returncode: int
    log: str
    # Wall time of the whole command and the peak resident memory of its
    # largest process, as the benchmark reports them.
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_mb: float = 0.0

    @property
    def ok(self):
        return self.returncode == 0

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")

    def files(self, suffix=""):
        return sorted(p for p in self.output.rglob("*") if p.is_file() and p.name.endswith(suffix))


def run_pelican(content, output, settings=None, conf="pelicanconf.py", strict=True, cwd=ROOT):
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
    return run_measured(command, output, cwd=cwd)


def run_measured(command, output, cwd=ROOT):
    """Run a site generator's command; time it and read its peak memory from the kernel.

    os.wait4 gives this one child's resource usage; its ru_maxrss (KiB on
    Linux) is the largest resident set of the child or of any process it
    waited for, such as a pool of chart drawers. CPU time (of the child and
    those it waited for) is steadier than wall time on a busy machine.
    """
    env = dict(os.environ, COLUMNS="1000", NO_COLOR="1", TERM="dumb")
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = proc.stdout.read()
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Build(Path(output), proc.returncode, log, seconds, cpu, usage.ru_maxrss / 1024)


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

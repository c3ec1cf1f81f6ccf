"""Builds sites for tests: the sample site, or a tiny one written inline.

Builds run Pelican in a child process, exactly as `make html` does, so that
plugin state never leaks from one build into the next and the log an author
would see is what the tests read.
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    output: Path
    returncode: int
    log: str

    @property
    def ok(self):
        return self.returncode == 0

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")

    def files(self, suffix=""):
        return sorted(p for p in self.output.rglob("*") if p.is_file() and p.name.endswith(suffix))


def run_pelican(content, output, settings=None, conf="pelicanconf.py", strict=True, cwd=ROOT):
    """Build `content` into `output` with the site's configuration, overriding `settings`."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
               "-s", str(ROOT / conf)]
    if strict:
        command += ["--fatal", "warnings"]
    if settings:
        # One -e with every pair: a second -e would replace the first.
        command += ["-e"] + [f"{key}={json.dumps(value)}" for key, value in settings.items()]
    env = dict(os.environ, COLUMNS="1000", NO_COLOR="1", TERM="dumb")
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    return Build(Path(output), proc.returncode, proc.stdout + proc.stderr)


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

"""The golden site: a small fixed site whose whole built output is committed, so a review sees every markup change.

`make golden` (`python -m tests.golden`) rewrites tests/golden-site/expected/
from the current code; do that only for a deliberate change, and read the diff.
The theme's static files are left out: they are copied, not made. So is the
search index, which is Pagefind's binary format, not our markup; the search
plugin's own tests read it.
"""

import shutil
import sys
import tempfile
from pathlib import Path

from tests.sitebuild import ROOT, run_pelican

SITE = ROOT / "tests" / "golden-site"
CONTENT = SITE / "content"
EXPECTED = SITE / "expected"
SETTINGS = {
    "SITEURL": "https://golden.example",
    "FEED_DOMAIN": "https://golden.example",
    "CHARTS_DATA_PATH": "data",
    "CHARTS_WORKERS": 1,
    "COMMENTS_ENDPOINT": "https://golden.example/comments",
}
NOT_COMPARED = ("theme/", "pagefind/")


def build(output):
    """Build the golden site strictly into `output`; the Build, or SystemExit with its log."""
    built = run_pelican(CONTENT, output, settings=SETTINGS)
    if not built.ok:
        raise SystemExit(f"the golden site does not build:\n{built.log}")
    return built


def files(directory):
    """{relative path: bytes} of what the comparison covers."""
    directory = Path(directory)
    found = {}
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory).as_posix()
        if path.is_file() and not relative.startswith(NOT_COMPARED):
            found[relative] = path.read_bytes()
    return found


def regenerate():
    with tempfile.TemporaryDirectory() as temporary:
        output = Path(temporary) / "output"
        build(output)
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for relative, data in files(output).items():
            target = EXPECTED / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"rewrote {EXPECTED.relative_to(ROOT)}; review `git diff` before committing it")


if __name__ == "__main__":
    sys.exit(regenerate())

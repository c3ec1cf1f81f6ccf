"""`make mutate`: mutation testing of our packages' code with mutmut.

mutmut changes one operator, constant or call at a time in a copy of the code
and runs the tests that cover it; a mutant no test notices ("survived") marks
an assertion that checks less than it seems to.

Our packages live in Pelican's plugin namespace (`pelican.plugins.<name>`) and
are installed editable, which mutmut cannot see through: it imports the code
it mutated from its own `mutants/` folder, by the module's path. So each
package is staged in `.mutate/<name>/` as `pelican/plugins/<name>/` beside a
copy of its tests, with a conftest that puts that folder first on the
`pelican` package's path. Nothing in the working tree is ever changed.

    .venv/bin/python scripts/mutate.py [NAME ...]   # default: every package

Prints each package's score (killed / (killed + survived + timed out)) and
writes the surviving mutants' names to `.mutate/<name>/survivors.txt`
(`cd .mutate/<name> && ../../.venv/bin/mutmut show NAME` shows one as a diff).
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / ".mutate"
# Plugin glue (signal handlers that need a whole Pelican build) is left to the
# build tests; mutation runs take the pure modules and each package's own
# fast tests.
PACKAGES = {
    "data_charts": ["*/plugin.py", "*/__init__.py"],
    "comment_threads": ["*/plugin.py", "*/__init__.py"],
    "blog_core": ["*/plugin.py", "*/__init__.py"],
    "site_common": ["*/__init__.py"],
    "old_links": ["*/plugin.py", "*/__init__.py"],
}

CONFTEST = '''"""Mutation run: import this package from here (mutmut's mutants/), not from .venv."""

from pathlib import Path

import pelican

pelican.__path__.insert(0, str(Path(__file__).resolve().parent / "pelican"))
'''

PYPROJECT = """[tool.mutmut]
source_paths = ["pelican/plugins/{name}"]
do_not_mutate = {excluded}
pytest_add_cli_args = ["-m", "not slow", "-p", "no:randomly", "-q", "-p", "no:cacheprovider"]
pytest_add_cli_args_test_selection = ["tests/"]

[tool.pytest.ini_options]
addopts = "--import-mode=importlib"
consider_namespace_packages = true
markers = ["slow: builds whole sites"]
"""


def stage(name, excluded):
    """A fresh `.mutate/<name>/` holding the package and its tests."""
    plugin = ROOT / "plugins" / name
    folder = STAGE / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(plugin / "pelican" / "plugins" / name, folder / "pelican" / "plugins" / name,
                    ignore=shutil.ignore_patterns("__pycache__"))
    if (plugin / "tests").is_dir():
        shutil.copytree(plugin / "tests", folder / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (folder / "pyproject.toml").write_text(
        PYPROJECT.format(name=name, excluded=json.dumps(excluded)), encoding="utf-8")
    return folder


def run(name, excluded):
    folder = stage(name, excluded)
    mutmut = [sys.executable, "-m", "mutmut"]
    workers = str(max(1, (os.cpu_count() or 2)))
    subprocess.run([*mutmut, "run", "--max-children", workers], cwd=folder, check=False,
                   stdout=subprocess.DEVNULL)
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)
    stats = json.loads((folder / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    results = subprocess.run([*mutmut, "results"], cwd=folder, check=True, capture_output=True,
                             text=True).stdout
    survivors = [line.split(":")[0].strip() for line in results.splitlines()
                 if line.strip().endswith(("survived", "no tests"))]
    (folder / "survivors.txt").write_text("\n".join(survivors) + "\n", encoding="utf-8")
    return stats


def score(stats):
    tried = stats["killed"] + stats["survived"] + stats["timeout"]
    return 100 * (stats["killed"] + stats["timeout"]) / tried if tried else 0.0


def main(names):
    unknown = [name for name in names if name not in PACKAGES]
    if unknown:
        sys.exit(f"no package {', '.join(unknown)}; choose from {', '.join(PACKAGES)}")
    rows = []
    for name in names or PACKAGES:
        stats = run(name, PACKAGES[name])
        rows.append((name, stats))
        print(f"{name}: {score(stats):.1f}% killed ({stats['killed']} killed, "
              f"{stats['timeout']} timed out, {stats['survived']} survived, "
              f"{stats['no_tests']} in code no fast test runs) of {stats['total']} mutants")
    print("Survivors: .mutate/<name>/survivors.txt; `cd .mutate/<name> && ../../.venv/bin/mutmut show <mutant>`")


if __name__ == "__main__":
    main(sys.argv[1:])

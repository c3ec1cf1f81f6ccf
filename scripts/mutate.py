"""`make mutate`: mutation testing of our packages' code with mutmut.

mutmut changes one operator, constant or call at a time in a copy of the code
and runs the tests that cover it; a mutant no test notices ("survived") marks
an assertion that checks less than it seems to, unless the change cannot alter
behaviour at all ("equivalent").

Our packages live in Pelican's plugin namespace (`pelican.plugins.<name>`) and
are installed editable, which mutmut cannot see through: it imports the code
it mutated from its own `mutants/` folder, by the module's path. So each
package is staged in `.mutate/<name>/` as `pelican/plugins/<name>/` beside a
copy of its tests, with a conftest that puts that folder first on the
`pelican` package's path. Nothing in the working tree is ever changed.

    .venv/bin/python scripts/mutate.py [NAME ...]            # default: every package
    .venv/bin/python scripts/mutate.py --report [NAME ...]   # re-read .mutate/NAME/, no run
    .venv/bin/python scripts/mutate.py --survivors NAME[.MODULE ...]  # the tests as they are now,
                                                             # against the last run's survivors only
    .venv/bin/python scripts/mutate.py --resume NAME[.MODULE ...]  # keep the stage's results, test
                                                             # the mutants that have none
    --workers=N (or MUTATE_WORKERS=N): mutants tested at once (default: one a CPU core)

Equivalent mutants are listed, each with its reason, in
`plugins/<name>/tests/equivalent-mutants.txt`, one a line:

    <mutant name> <fingerprint> <why no behaviour can change>

The fingerprint (8 hex digits of a hash of the mutant's changed lines) pins
which change an entry excuses: mutmut numbers mutants per function, so after an
edit the same name can denote another change. The score is killed (timeouts
included) over all mutants less the equivalent ones; a mutant in code no fast
test runs counts as not killed. A listed entry that no longer exists, is now
killed, has changed or gives no reason is reported and the run exits 1, so the
list cannot rot silently.

Each package's survivors go to `.mutate/<name>/survivors.txt`, each as a line
ready to paste into the list followed by its diff
(`cd .mutate/<name> && ../../.venv/bin/mutmut show NAME` shows one too).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / ".mutate"
EQUIVALENT_LIST = "tests/equivalent-mutants.txt"
# Plugin glue (signal handlers that need a whole Pelican build), the problem
# pipeline's handlers, the test harness and the preview server are left to
# the build and site tests; mutation runs take the pure modules and each
# package's own fast tests, less those marked heavy (fuzzing and stress
# inputs, seconds each, which would run once per mutant).
PACKAGES = {
    "data_charts": ["*/plugin.py", "*/__init__.py"],
    "comment_threads": ["*/plugin.py", "*/__init__.py"],
    "blog_core": ["*/plugin.py", "*/__init__.py"],
    "site_common": ["*/preview.py", "*/pipeline.py", "*/testing.py", "*/__init__.py"],
    "old_links": ["*/plugin.py", "*/__init__.py"],
    "build_speed": ["*/plugin.py", "*/__init__.py"],
}
# mutmut's statuses, as its exit codes are sorted into them
KILLED = {"killed", "timeout"}
UNKILLED = {"survived", "no tests"}

CONFTEST = '''"""Mutation run: import this package from here (mutmut's mutants/), not from .venv."""

from pathlib import Path

import pelican

pelican.__path__.insert(0, str(Path(__file__).resolve().parent / "pelican"))
'''

PYPROJECT = """[tool.mutmut]
source_paths = ["pelican/plugins/{name}"]
do_not_mutate = {excluded}
pytest_add_cli_args = ["-m", "not slow and not heavy", "-p", "no:randomly", "-q", "-p", "no:cacheprovider"]
pytest_add_cli_args_test_selection = ["tests/"]
# A mutant may loop for ever; mutmut stops it after (its tests' time + 1 s) x 2 x this
# many CPU seconds. Its default of 15 spends minutes on each such drawing mutant.
timeout_multiplier = 4

[tool.pytest.ini_options]
addopts = "--import-mode=importlib"
consider_namespace_packages = true
markers = ["slow: builds whole sites", "heavy: hundreds of generated cases or a stress input"]
filterwarnings = ['error::EncodingWarning:pelican\\.plugins\\..*']
"""
# Python names a text file opened without an encoding (EncodingWarning) when
# asked to; our code must read and write UTF-8 whatever the machine's locale,
# so in the mutation run such an open in our packages fails the test that
# reaches it, and a mutant that drops an `encoding="utf-8"` is caught on a
# UTF-8 machine too.
ENVIRONMENT = {"PYTHONWARNDEFAULTENCODING": "1"}

SITE_HELPER = re.compile(r"^from tests\.(\w+) import", re.MULTILINE)
ENTRY = re.compile(r"(?P<name>\S+)\s+(?P<fingerprint>[0-9a-f]{8})(?:\s+(?P<reason>.*\S))?\s*$")


@dataclass(frozen=True)
class Entry:
    """One line of an equivalent-mutant list."""

    line: int
    name: str
    fingerprint: str
    reason: str


@dataclass
class Report:
    """One package's mutants, sorted, and what is wrong with its equivalent list."""

    counts: dict = field(default_factory=dict)
    equivalent: int = 0
    survivors: list = field(default_factory=list)
    stale: list = field(default_factory=list)

    @property
    def killed(self):
        return sum(self.counts.get(status, 0) for status in KILLED)

    @property
    def considered(self):
        """Mutants that count: every one tested or untested, less the equivalent ones."""
        return self.killed + sum(self.counts.get(status, 0) for status in UNKILLED) - self.equivalent

    @property
    def score(self):
        return 100 * self.killed / self.considered if self.considered else 100.0


def fingerprint(diff):
    """Eight hex digits naming a mutant's change, whatever its line numbers or name."""
    changed = [line[1:].strip() for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return hashlib.sha256("\n".join(changed).encode("utf-8")).hexdigest()[:8]


def read_equivalent(text, path):
    """The entries of an equivalent-mutant list, and a problem line for each malformed one."""
    entries, problems = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = ENTRY.match(line)
        if not match:
            problems.append(f"{path}:{number}: not an entry; write "
                            "'<mutant name> <8-hex fingerprint> <reason>' (copy it from survivors.txt)")
            continue
        entry = Entry(number, match["name"], match["fingerprint"], match["reason"] or "")
        if not entry.reason:
            problems.append(f"{path}:{number}: {entry.name} gives no reason; "
                            "say why the change cannot alter behaviour")
        entries.append(entry)
    return entries, problems


def sort_mutants(statuses, diffs, entries, path):
    """A Report from each mutant's status, the diffs of the unkilled and listed ones, and the list.

    `statuses` maps every mutant's name to mutmut's status; `diffs` maps names to diffs.
    """
    report = Report()
    for status in statuses.values():
        report.counts[status] = report.counts.get(status, 0) + 1
    listed, accepted = {}, set()
    for entry in entries:
        if entry.name in listed:
            report.stale.append(f"{path}:{entry.line}: {entry.name} is listed twice "
                                f"(first on line {listed[entry.name].line}); keep one")
            continue
        listed[entry.name] = entry
        status = statuses.get(entry.name)
        if status is None:
            report.stale.append(f"{path}:{entry.line}: {entry.name} no longer exists; remove it")
        elif status in KILLED:
            report.stale.append(f"{path}:{entry.line}: {entry.name} is now killed; remove it")
        elif fingerprint(diffs[entry.name]) != entry.fingerprint:
            report.stale.append(f"{path}:{entry.line}: {entry.name} is now a different change "
                                f"(fingerprint {fingerprint(diffs[entry.name])}); "
                                "check it again and update or remove the entry")
        elif status != "survived":
            report.stale.append(f"{path}:{entry.line}: {entry.name} is {status}, "
                                "not a survivor of the tests; only a tested mutant can be equivalent")
        else:
            accepted.add(entry.name)
    report.survivors = sorted(name for name, status in statuses.items()
                              if status in UNKILLED and name not in accepted)
    report.equivalent = len(accepted)
    return report


def stage(name, excluded):
    """A fresh `.mutate/<name>/` holding the package and its tests."""
    plugin = ROOT / "plugins" / name
    folder = STAGE / name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(plugin / "pelican" / "plugins" / name, folder / "pelican" / "plugins" / name,
                    ignore=shutil.ignore_patterns("__pycache__"))
    copy_tests(plugin, folder / "tests")
    write_config(folder, name, excluded)
    return folder


def write_config(folder, name, excluded):
    """mutmut's settings and our conftest for the stage."""
    (folder / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (folder / "pyproject.toml").write_text(
        PYPROJECT.format(name=name, excluded=json.dumps(excluded)), encoding="utf-8")


def copy_tests(plugin, destination):
    """The package's tests, fresh, in `destination`."""
    shutil.rmtree(destination, ignore_errors=True)
    if not (plugin / "tests").is_dir():
        return
    shutil.copytree(plugin / "tests", destination, ignore=shutil.ignore_patterns("__pycache__"))
    # A package's tests may borrow a helper from the site's tests package
    # (`from tests.fuzzing import budget`); in the stage, `tests` is the
    # package's own folder, so the helper is copied beside them.
    for helper in sorted(set(SITE_HELPER.findall("\n".join(
            test.read_text(encoding="utf-8") for test in (plugin / "tests").glob("*.py"))))):
        shutil.copy(ROOT / "tests" / f"{helper}.py", destination / f"{helper}.py")


def run(name, excluded, workers):
    folder = stage(name, excluded)
    mutmut_run(name, folder, [], workers)


def resume(name, workers, modules=()):
    """Test the mutants of the stage that have no result yet, keeping every other result.

    The package and its tests are copied in again; mutmut makes the mutants
    of each function anew and drops their results when the function's code
    changed, so no result of older code is kept. With `modules`, only their
    mutants are tested (the report still covers the package).
    Results of tests since weakened or removed would be kept: after such a
    change, run the package afresh.
    """
    folder = STAGE / name
    if not (folder / "mutants").is_dir():
        sys.exit(f"{name}: no earlier run in {folder} to resume; run without --resume first")
    package = folder / "pelican" / "plugins" / name
    shutil.rmtree(package)
    shutil.copytree(ROOT / "plugins" / name / "pelican" / "plugins" / name, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    copy_tests(ROOT / "plugins" / name, folder / "tests")
    write_config(folder, name, PACKAGES[name])
    forget_reach(folder)
    if not modules:
        mutmut_run(name, folder, [], workers)
        return
    for module in modules:
        if not (package / f"{module}.py").is_file():
            sys.exit(f"{name}: no module {module}.py in {package.relative_to(STAGE)}")
    # mutmut re-makes changed mutants only as a run starts, and a run given
    # names tests each of them again: make them first, then name the untested.
    generate = ("from mutmut.__main__ import create_mutants; from mutmut.utils.file_utils import "
                "copy_src_dir, copy_also_copy_files; copy_src_dir(); copy_also_copy_files(); create_mutants(1)")
    subprocess.run([sys.executable, "-c", generate], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    metas = [folder / "mutants" / "pelican" / "plugins" / name / f"{module}.py.meta" for module in modules]
    untested = [mutant for meta in metas
                for mutant, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items()
                if code is None]
    if untested:
        mutmut_run(name, folder, untested, workers)


def rerun_survivors(name, workers, modules=()):
    """The package's current tests against the last run's survivors only, in the same stage.

    For the loop of writing a test and seeing what it kills. The tests are
    measured afresh for which functions they reach; after a change to the
    package's code, resume first, so that the changed functions' mutants are
    made and tested anew. With `modules`, only their survivors are run.
    """
    folder = STAGE / name
    listed = folder / "survivors.txt"
    if not listed.is_file():
        sys.exit(f"{name}: no survivors.txt in {folder}; run without --survivors first")
    prefixes = tuple(f"pelican.plugins.{name}.{module}." for module in modules) or ("",)
    survivors = [line.split()[0] for line in listed.read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#") and line.startswith(prefixes)]
    for destination in (folder / "tests", folder / "mutants" / "tests"):
        copy_tests(ROOT / "plugins" / name, destination)
    write_config(folder, name, PACKAGES[name])
    forget_reach(folder)
    if survivors:
        mutmut_run(name, folder, survivors, workers)


def forget_reach(folder):
    """Make mutmut measure again which tests reach which function, keeping every result.

    mutmut measures only tests it has not seen before, so an old test that
    reaches new or changed code (a module split out, a call added) would
    never be run against its mutants. Measuring the whole suite takes seconds.
    """
    (folder / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)


def worker_count(option):
    """How many mutants are tested at once: --workers=N, else MUTATE_WORKERS, else one a core."""
    chosen = option or os.environ.get("MUTATE_WORKERS") or str(os.cpu_count() or 2)
    if not chosen.isdigit() or int(chosen) < 1:
        sys.exit(f"workers: expected a whole number of at least 1, found {chosen!r}")
    return chosen


def mutmut_run(name, folder, mutants, workers):
    """`mutmut run` in the stage (all mutants, or those named), its output in mutmut.log."""
    log = folder / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", workers, *mutants],
                              cwd=folder, check=False, stdout=out, stderr=subprocess.STDOUT,
                              env={**os.environ, **ENVIRONMENT})
    if done.returncode != 0:
        # mutmut stops when the unmutated tests fail or none can be found: no score means anything then
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        sys.exit("\n".join([(f"{name}: mutmut could not run (exit {done.returncode}); "
                             f"the end of {log.relative_to(ROOT)}:"), *tail]))


def read_results(folder):
    """Every mutant's status, and the diffs of those not killed, from a staged run's `mutants/`."""
    statuses, paths = {}, {}
    for meta in sorted((folder / "mutants").rglob("*.py.meta")):
        source = meta.relative_to(folder / "mutants").with_suffix("")
        for mutant, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            statuses[mutant] = status_by_exit_code[code]
            paths[mutant] = source
    diffs = {}
    previous = Path.cwd()
    os.chdir(folder)  # mutmut reads mutants/ relative to the working directory
    try:
        for mutant, status in statuses.items():
            if status not in KILLED:
                diffs[mutant] = get_diff_for_mutant(mutant, path=paths[mutant])
    finally:
        os.chdir(previous)
    return statuses, diffs


def survivors_text(report, diffs):
    """survivors.txt: a line to paste into the equivalent list, then the diff, per survivor."""
    parts = []
    for name in report.survivors:
        diff = "\n".join("# " + line for line in diffs[name].splitlines())
        parts.append(f"{name} {fingerprint(diffs[name])} \n{diff}\n")
    return "\n".join(parts)


def report_package(name):
    folder = STAGE / name
    if not (folder / "mutants").is_dir():
        sys.exit(f"{name}: no mutation run in {folder}; run without --report first")
    statuses, diffs = read_results(folder)
    listing = ROOT / "plugins" / name / EQUIVALENT_LIST
    shown = listing.relative_to(ROOT)
    entries, problems = read_equivalent(
        listing.read_text(encoding="utf-8") if listing.exists() else "", shown)
    report = sort_mutants(statuses, diffs, entries, shown)
    report.stale[:0] = problems
    (folder / "survivors.txt").write_text(survivors_text(report, diffs), encoding="utf-8")
    return report


def summary(name, report):
    counts = report.counts
    # not checked (an interrupted run), skipped, suspicious, segfault: shown, never scored
    others = "".join(f"; {number} {status}" for status, number in sorted(counts.items())
                     if status not in KILLED | UNKILLED)
    return (f"{name}: {report.score:.1f}% of non-equivalent mutants killed "
            f"({report.killed} of {report.considered}; {counts.get('killed', 0)} killed, "
            f"{counts.get('timeout', 0)} timed out, {counts.get('survived', 0) - report.equivalent} survived, "
            f"{counts.get('no tests', 0)} in code no fast test runs; "
            f"{report.equivalent} equivalent, listed{others}) of {sum(counts.values())} mutants")


def main(arguments):
    options = {argument.partition("=")[0]: argument.partition("=")[2]
               for argument in arguments if argument.startswith("--")}
    targets = [argument for argument in arguments if not argument.startswith("--")]
    known = {"--report", "--survivors", "--resume", "--workers"}
    if set(options) - known:
        sys.exit(f"unknown option {', '.join(sorted(set(options) - known))}; "
                 "use --report, --survivors, --resume or --workers=N")
    workers = worker_count(options.get("--workers"))
    modules = {}  # package -> the modules named with it (NAME.MODULE), if any
    for target in targets:
        name, _, module = target.partition(".")
        modules.setdefault(name, []).extend([module] if module else [])
    unknown = [name for name in modules if name not in PACKAGES]
    if unknown:
        sys.exit(f"no package {', '.join(unknown)}; choose from {', '.join(PACKAGES)}")
    if any(modules.values()) and not {"--resume", "--survivors"} & set(options):
        sys.exit("a module (NAME.MODULE) is taken only with --resume or --survivors")
    stale = []
    for name in modules or PACKAGES:
        if "--survivors" in options:
            rerun_survivors(name, workers, modules.get(name, []))
        elif "--resume" in options:
            resume(name, workers, modules.get(name, []))
        elif "--report" not in options:
            run(name, PACKAGES[name], workers)
        report = report_package(name)
        print(summary(name, report))
        stale += report.stale
    print("Survivors: .mutate/<name>/survivors.txt; `cd .mutate/<name> && ../../.venv/bin/mutmut show <mutant>`")
    for line in stale:
        print(line)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

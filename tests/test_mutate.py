"""`make mutate`'s bookkeeping: the equivalent-mutant list is read, checked against the run, and cannot rot."""

import importlib.util

import pytest

from tests.sitebuild import ROOT

spec = importlib.util.spec_from_file_location("mutate", ROOT / "scripts" / "mutate.py")
mutate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mutate)

LIST = "plugins/x/tests/equivalent-mutants.txt"
ROUND = """--- pelican/plugins/x/numbers.py
+++ pelican/plugins/x/numbers.py
@@ -1,2 +1,2 @@
 def share(part, whole):
-    return round(100 * part / whole, 1)
+    return round(100 * part / whole, 2)"""
SORTED = """--- pelican/plugins/x/names.py
+++ pelican/plugins/x/names.py
@@ -1,2 +1,2 @@
 def names(rows):
-    return sorted(set(rows))
+    return sorted(list(rows))"""


def entry_for(name, diff, reason="rows are unique already"):
    return f"{name} {mutate.fingerprint(diff)} {reason}"


def test_a_fingerprint_names_the_change_not_its_place_or_indentation():
    moved = ROUND.replace("@@ -1,2 +1,2 @@", "@@ -7,2 +7,2 @@").replace("    return", "        return")
    assert mutate.fingerprint(moved) == mutate.fingerprint(ROUND)
    assert mutate.fingerprint(SORTED) != mutate.fingerprint(ROUND)
    assert len(mutate.fingerprint(ROUND)) == 8


def test_the_list_reads_name_fingerprint_and_reason_and_skips_comments():
    text = "# why these cannot change behaviour\n\n" + entry_for("x.names.x_names__mutmut_1", SORTED) + "\n"
    entries, problems = mutate.read_equivalent(text, LIST)
    assert problems == []
    assert [(e.line, e.name, e.fingerprint, e.reason) for e in entries] == [
        (3, "x.names.x_names__mutmut_1", mutate.fingerprint(SORTED), "rows are unique already")]


def test_a_malformed_line_or_a_missing_reason_is_a_problem_naming_the_line():
    text = "x.names.x_names__mutmut_1\n" + entry_for("x.names.x_names__mutmut_2", SORTED, reason="") + "\n"
    _, problems = mutate.read_equivalent(text, LIST)
    assert problems == [
        f"{LIST}:1: not an entry; write '<mutant name> <8-hex fingerprint> <reason>' (copy it from survivors.txt)",
        f"{LIST}:2: x.names.x_names__mutmut_2 gives no reason; say why the change cannot alter behaviour",
    ]


def sort(statuses, lines):
    diffs = {"x.numbers.x_share__mutmut_1": ROUND, "x.names.x_names__mutmut_1": SORTED}
    entries, problems = mutate.read_equivalent("\n".join(lines), LIST)
    assert problems == []
    return mutate.sort_mutants(statuses, {name: diffs[name] for name in statuses if name in diffs}, entries, LIST)


def test_a_listed_survivor_leaves_the_score_and_the_survivors():
    statuses = {"x.numbers.x_share__mutmut_1": "survived", "x.names.x_names__mutmut_1": "survived",
                "x.numbers.x_share__mutmut_2": "killed", "x.numbers.x_share__mutmut_3": "timeout",
                "x.numbers.x_share__mutmut_4": "no tests"}
    unlisted = sort(statuses, [])
    assert (unlisted.killed, unlisted.considered, unlisted.equivalent) == (2, 5, 0)
    assert unlisted.score == 40.0
    listed = sort(statuses, [entry_for("x.names.x_names__mutmut_1", SORTED)])
    assert (listed.killed, listed.considered, listed.equivalent, listed.stale) == (2, 4, 1, [])
    assert listed.score == 50.0
    assert listed.survivors == ["x.numbers.x_share__mutmut_1", "x.numbers.x_share__mutmut_4"]


def test_an_entry_for_a_mutant_now_killed_or_gone_is_reported():
    report = sort({"x.names.x_names__mutmut_1": "killed"},
                  [entry_for("x.names.x_names__mutmut_1", SORTED), entry_for("x.gone.x_f__mutmut_9", SORTED)])
    assert report.stale == [f"{LIST}:1: x.names.x_names__mutmut_1 is now killed; remove it",
                            f"{LIST}:2: x.gone.x_f__mutmut_9 no longer exists; remove it"]
    assert report.equivalent == 0


def test_an_entry_whose_name_now_denotes_another_change_does_not_excuse_it():
    # After an edit to share(), mutant 1 of it is the rounding change, not the one the entry excused.
    report = sort({"x.numbers.x_share__mutmut_1": "survived"},
                  [entry_for("x.numbers.x_share__mutmut_1", SORTED)])
    assert report.stale == [
        (f"{LIST}:1: x.numbers.x_share__mutmut_1 is now a different change (fingerprint "
        f"{mutate.fingerprint(ROUND)}); check it again and update or remove the entry")]
    assert report.survivors == ["x.numbers.x_share__mutmut_1"]
    assert report.score == 0.0


def test_an_untested_mutant_cannot_be_excused_and_an_entry_counts_once():
    report = sort({"x.names.x_names__mutmut_1": "no tests"}, [entry_for("x.names.x_names__mutmut_1", SORTED)])
    assert report.stale == [(f"{LIST}:1: x.names.x_names__mutmut_1 is no tests, not a survivor of the tests; "
                            "only a tested mutant can be equivalent")]
    twice = sort({"x.names.x_names__mutmut_1": "survived"}, [entry_for("x.names.x_names__mutmut_1", SORTED)] * 2)
    assert twice.equivalent == 1
    assert twice.stale == [f"{LIST}:2: x.names.x_names__mutmut_1 is listed twice (first on line 1); keep one"]


def test_the_survivors_file_gives_a_line_to_paste_and_the_diff():
    report = sort({"x.names.x_names__mutmut_1": "survived"}, [])
    text = mutate.survivors_text(report, {"x.names.x_names__mutmut_1": SORTED})
    first, *diff = text.splitlines()
    assert first == f"x.names.x_names__mutmut_1 {mutate.fingerprint(SORTED)} "
    assert "# +    return sorted(list(rows))" in diff
    entries, problems = mutate.read_equivalent(first + "rows are unique already", LIST)
    assert problems == [] and entries[0].fingerprint == mutate.fingerprint(SORTED)


def test_the_workers_come_from_the_option_then_the_environment_then_the_cores(monkeypatch):
    monkeypatch.setenv("MUTATE_WORKERS", "3")
    assert mutate.worker_count("1") == "1"
    assert mutate.worker_count(None) == "3"
    monkeypatch.delenv("MUTATE_WORKERS")
    monkeypatch.setattr(mutate.os, "cpu_count", lambda: 5)
    assert mutate.worker_count(None) == "5"
    for wrong in ("0", "two", "-1"):
        with pytest.raises(SystemExit, match=f"workers: expected a whole number of at least 1, found '{wrong}'"):
            mutate.worker_count(wrong)

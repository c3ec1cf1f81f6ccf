"""One build of the sample site with many different author mistakes reports each once, precisely.

Every mistake is planted in one copy of the site; the strict build must
print one plain line per mistake, `path:line: what is wrong; what would be
right`, with the path relative to the repository and the line of the
offending key or text, then one summary line, and stop.
"""

import re
import shutil

import pytest

from tests.sitebuild import ROOT, run_pelican

pytestmark = pytest.mark.slow

POSTS = "content/posts/"
P = {
    "yearbook": POSTS + "2011-02-14-reading-the-statistical-year-book.md",
    "affirmative": POSTS + "2012-07-09-affirmative-or-defensive.md",
    "trac": POSTS + "2013-01-16-trac-record-year.md",
    "denial": POSTS + "2013-06-03-denial-rates-by-nationality.md",
    "mexico": POSTS + "2013-11-20-mexican-asylum-grant-rate-fy2012.md",
    "337": POSTS + "2014-01-15-337-or-301.md",
    "central": POSTS + "2015-03-02-central-america-fy2005-fy2014.md",
    "2014": POSTS + "2016-09-12-the-2014-yearbook.md",
    "fy2015": POSTS + "2019-05-20-fy2015-affirmative-grants.md",
}
MEXICO_COMMENTS = "content/comments/mexican-asylum-grant-rate-fy2012/"
DATA = "content/data/asylum-statistics/observations.csv"


def chart(**keys):
    lines = {"type": "bar", "title": "Planted", "measure": "court_granted", "nationality": "Mexico",
             "period": "FY2012", "source": "asylumist-2013-11-13", **keys}
    return "\n\n```chart\n" + "".join(f"{k}: {v}\n" for k, v in lines.items() if v) + "```\n"


# name: (file, text to replace or None to append, new text, the line's marker or None,
#        what the printed line says after `path:line: `)
MISTAKES = {
    "misspelt metadata key": (
        P["yearbook"], "Tags:", "Tgas:", "Tgas:", "unknown metadata 'tgas'; did you mean 'tags'?"),
    "update before publication": (
        P["yearbook"], re.compile(r"^Modified: .*$", re.M), "Modified: 2010-01-01 10:00",
        "Modified:", "'Modified: 2010-01-01 10:00' is earlier than 'Date: 2011-02-14 10:00'; "
        "an update must come after publication"),
    "unknown author": (
        P["affirmative"], "Authors: Elena Marsh", "Authors: Elena Marsch", "Authors:",
        "author 'Elena Marsch' is not one of the site's authors; did you mean 'Elena Marsh'?"),
    "unknown comment state": (
        P["affirmative"], "Authors: Elena Marsch", "Authors: Elena Marsch\nComments: off", "Comments: off",
        "'Comments: off' is not a comment state; write one of open, closed, hidden (the build uses 'open')"),
    "missing summary": (
        P["fy2015"], re.compile(r"^Summary: .*\n", re.M), "", None,
        "missing 'Summary:' line; every post needs one"),
    # Pelican would file the post under its folder's name ("posts") unasked.
    "missing category": (
        P["337"], re.compile(r"^Category: .*\n", re.M), "", None,
        "missing 'Category:' line; every post needs one"),
    "chart: unknown nationality": (
        P["trac"], None, chart(nationality="Mexcio"), "nationality: Mexcio",
        "chart 'Planted': no nationality 'Mexcio'; did you mean 'Mexico'?"),
    "chart: colon in the title": (
        P["denial"], None, chart(title="FY 2012: revised"), "title: FY 2012: revised",
        "chart 'FY 2012: revised': quote the title: it contains a colon, which YAML reads as a new key "
        "(write title: 'FY 2012: revised')"),
    "chart: misspelt key": (
        P["central"], None, chart(period=None, perod="FY2012"), "perod: FY2012",
        "chart 'Planted': unknown key 'perod'; did you mean 'period'?"),
    "chart: misspelt measure": (
        P["fy2015"], None, chart(measure="court_grantd"), "measure: court_grantd",
        "chart 'Planted': no measure 'court_grantd'; did you mean 'court_granted'?"),
    "figure that needs a source": (
        P["2014"], None, "\n\nOne {{ Mexico FY2012 dhs_affirmative_granted }}.\n",
        "One {{", "figure {{ Mexico FY2012 dhs_affirmative_granted }}: Mexico dhs_affirmative_granted "
        "FY2012 is given by 2 sources"),
    "figure with a misspelt source, first copy": (
        P["2014"], None, "\n\nTwo {{ Mexico FY2012 dhs_affirmative_granted @dhs-yearbook-corgi }}.\n",
        "Two {{", "did you mean 'dhs-yearbook-corgis'?"),
    "the same figure again, on its own line": (
        P["2014"], None, "\n\nThree {{ Mexico FY2012 dhs_affirmative_granted @dhs-yearbook-corgi }}.\n",
        "Three {{", "did you mean 'dhs-yearbook-corgis'?"),
    "relative image path": (
        P["mexico"], None, "\n\n![A planted image](../images/two-roads-to-asylum.svg)\n",
        "![A planted image]", 'relative link src="../images/two-roads-to-asylum.svg" will break on the '
        "published page; write it as {static}/images/two-roads-to-asylum.svg (a path inside content/)"),
    "broken {filename} link": (
        P["337"], None, "\n\nSee [the FY 2012 post]({filename}2013-11-20-mexican-asylum-grant-rate-fy2013.md).\n",
        "See [the FY 2012 post]", "{filename}2013-11-20-mexican-asylum-grant-rate-fy2013.md names no file "
        "in content/; did you mean {filename}2013-11-20-mexican-asylum-grant-rate-fy2012.md?"),
    "missing {static} image": (
        P["337"], None, "\n\n![Two roads]({static}/images/two-roads-to-asylm.svg)\n",
        "![Two roads]", "{static}/images/two-roads-to-asylm.svg names no file in content/; "
        "did you mean {static}/images/two-roads-to-asylum.svg?"),
    "comment: Name instead of Author": (
        MEXICO_COMMENTS + "planted-name.md", None, "Author: Pat\nName: Pat R.\nDate: 2014-08-01 10:00\n\nHello.\n",
        "Name:", "unknown header 'Name'; did you mean 'Author'?"),
    "comment: misspelt reply target": (
        MEXICO_COMMENTS + "planted-reply.md", None, "Author: Pat\nDate: 2014-08-01 10:00\nReplyto: rosa-folowup\n\nHi.\n",
        "Replyto:", "Replyto names 'rosa-folowup', which is no other comment on this article; "
        "did you mean 'rosa-followup'?"),
    "comment: misspelt post folder": (
        "content/comments/mexican-asylum-grant-rate-fy2O12/planted.md", None,
        "Author: Pat\nDate: 2014-08-01 10:00\n\nHi.\n", None,
        "there is no article with the slug 'mexican-asylum-grant-rate-fy2O12'; "
        "did you mean 'mexican-asylum-grant-rate-fy2012'?"),
    "comment: email line": (
        MEXICO_COMMENTS + "planted-email.md", None, "Author: Pat\nEmail: pat@example.org\nDate: 2014-08-01 10:00\n\nHi.\n",
        "Email:", "'Email' is not allowed; email addresses are not kept in comment files"),
    "data set: misspelt measure in a row": (
        DATA, None, "FY2012,Mexico,court_grantd,5,asylumist-2013-11-13\n", "court_grantd",
        "no measure 'court_grantd'; did you mean 'court_granted'?"),
}
# A setting is planted through the command line (the copy has no pelicanconf.py of its own).
SETTING = ("pelicanconf.py", "unknown setting COMMENTS_ORDRE; did you mean COMMENTS_ORDER?")


def plant(root):
    for path, old, new, _marker, _said in MISTAKES.values():
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        text = file.read_text(encoding="utf-8") if file.exists() else ""
        if old is None:
            text = text + new
        elif isinstance(old, re.Pattern):
            assert old.search(text), (path, old)
            text = old.sub(new, text, count=1)
        else:
            assert old in text, (path, old)
            text = text.replace(old, new, 1)
        file.write_text(text, encoding="utf-8")


def expected_lines(root):
    """Each mistake's start (`path:line: ` or `path: `) and what the line must say."""
    found = []
    for name, (path, _old, _new, marker, said) in MISTAKES.items():
        line = None
        if marker:
            lines = (root / path).read_text(encoding="utf-8").splitlines()
            line = next(n for n, text in enumerate(lines, 1) if marker in text)
        found.append((name, f"{path}:{line}: " if line else f"{path}: ", said))
    found.append(("misspelt setting", f"{SETTING[0]}: ", SETTING[1]))
    return found


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("mistakes")
    shutil.copytree(ROOT / "content", root / "content")
    plant(root)
    build = run_pelican(root / "content", root / "output", settings={"COMMENTS_ORDRE": "oldest-first"})
    return root, build


def test_there_are_at_least_fifteen_different_mistakes():
    assert len(MISTAKES) + 1 >= 15


@pytest.mark.parametrize("name", [*MISTAKES, "misspelt setting"])
def test_each_mistake_is_reported_once_at_its_file_and_line(planted_build, name):
    root, build = planted_build
    ((_, start, said),) = [entry for entry in expected_lines(root) if entry[0] == name]
    lines = build.log.splitlines()
    matching = [line for line in lines if line.startswith(start) and said in line]
    assert len(matching) == 1, f"{start}{said}\n--- the build printed:\n{build.log}"


def test_the_build_prints_only_plain_lines_and_one_summary(planted_build):
    root, build = planted_build
    assert build.returncode == 1
    lines = build.log.splitlines()
    expected = expected_lines(root)
    files = {start.split(":")[0] for _, start, _ in expected}
    assert lines[-1] == f"{len(expected)} mistakes in {len(files)} files; nothing was published", build.log
    # One line per mistake and nothing else: no traceback, no log columns, no wrapped lines.
    assert len(lines) == len(expected) + 1, build.log
    assert not any(re.search(r"Traceback|Error\b|ERROR|WARNING|\.py:\d+\s*$", line) for line in lines)


def test_a_relaxed_build_prints_the_same_lines_and_publishes(planted_build, tmp_path):
    root, strict = planted_build
    relaxed = run_pelican(root / "content", tmp_path / "output", strict=False,
                          settings={"COMMENTS_ORDRE": "oldest-first"})
    assert relaxed.ok, relaxed.log
    strict_lines = strict.log.splitlines()[:-1]
    relaxed_lines = relaxed.log.splitlines()
    assert relaxed_lines[: len(strict_lines)] == strict_lines
    assert relaxed_lines[len(strict_lines)].endswith("built anyway, with each mistake shown in place of what it broke")
    assert (tmp_path / "output" / "index.html").exists()

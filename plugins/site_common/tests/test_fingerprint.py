"""The code fingerprint changes with any file of the package, and with a library's version."""

from pelican.plugins.site_common.fingerprint import code_fingerprint


def test_any_file_of_the_package_and_any_version_changes_the_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "fingerprinted"
    (package / "deep").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = code_fingerprint(["fingerprinted"], ["markdown"])
    assert code_fingerprint(["fingerprinted"], ["markdown"]) == before
    (package / "deep" / "style.mplstyle").write_text("lines.linewidth: 2\n", encoding="utf-8")
    with_file = code_fingerprint(["fingerprinted"], ["markdown"])
    assert with_file != before
    assert code_fingerprint(["fingerprinted"], ["markdown", "nh3"]) != with_file
    assert code_fingerprint(["fingerprinted"], ["no-such-distribution"]) != with_file


def test_a_missing_package_counts_as_empty():
    assert code_fingerprint(["no_such_package.at_all"]) == code_fingerprint([])


def test_compiled_files_and_editor_leftovers_do_not_count(tmp_path, monkeypatch):
    package = tmp_path / "leftovers"
    package.mkdir()
    (package / "a.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    base = code_fingerprint(["leftovers"])
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"x")
    (package / "a.py~").write_text("old", encoding="utf-8")
    assert code_fingerprint(["leftovers"]) == base
    (package / "b.py").write_text("", encoding="utf-8")
    assert code_fingerprint(["leftovers"]) != base

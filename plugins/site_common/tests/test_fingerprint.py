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

"""The code fingerprint changes with any file of the package, and with a library's version."""

from pelican.plugins.site_common.fingerprint import code_fingerprint


def test_any_file_added_or_changed_changes_the_fingerprint(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "draw.py").write_text("A = 1\n")
    first = code_fingerprint(package, ["matplotlib"])
    assert code_fingerprint(package, ["matplotlib"]) == first
    (package / "new_module.py").write_text("")
    second = code_fingerprint(package, ["matplotlib"])
    (package / "style.mplstyle").write_text("font.size: 11\n")
    third = code_fingerprint(package, ["matplotlib"])
    (package / "draw.py").write_text("A = 2\n")
    assert len({first, second, third, code_fingerprint(package, ["matplotlib"])}) == 4


def test_compiled_files_and_versions(tmp_path):
    (tmp_path / "a.py").write_text("")
    base = code_fingerprint(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"x")
    # Python writes a compiled file under a temporary name, then renames it.
    (tmp_path / "__pycache__" / "a.cpython-311.pyc.140551").write_bytes(b"x")
    assert code_fingerprint(tmp_path) == base
    assert code_fingerprint(tmp_path, ["matplotlib"]) != base
    assert code_fingerprint(tmp_path, ["no-such-distribution"]) != code_fingerprint(tmp_path, ["matplotlib"])


def test_a_renamed_file_or_moved_bytes_change_the_fingerprint(tmp_path):
    (tmp_path / "a.py").write_text("AB")
    (tmp_path / "b.py").write_text("C")
    base = code_fingerprint(tmp_path)
    (tmp_path / "a.py").write_text("A")
    (tmp_path / "b.py").write_text("BC")
    moved = code_fingerprint(tmp_path)
    (tmp_path / "b.py").rename(tmp_path / "c.py")
    assert len({base, moved, code_fingerprint(tmp_path)}) == 3


def test_editor_leftovers_are_not_code(tmp_path):
    (tmp_path / "a.py").write_text("")
    base = code_fingerprint(tmp_path)
    for leftover in ("a.py~", "a.py.tmp", "a.pyo", "a.pyc"):
        (tmp_path / leftover).write_text("x")
    assert code_fingerprint(tmp_path) == base

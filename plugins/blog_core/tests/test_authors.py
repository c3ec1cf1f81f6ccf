"""The authors file: names and bios read, a broken file named with its line."""

from pelican.plugins.blog_core.authors import read_authors


def test_names_and_bios_are_read(tmp_path):
    path = tmp_path / "authors.yml"
    path.write_text("# who writes here\nElena Marsh: Lawyer.\n'Ann: O''Neil': \n", encoding="utf-8")
    assert read_authors(path, "content/authors.yml") == (
        {"Elena Marsh": "Lawyer.", "Ann: O'Neil": ""}, [])


def test_a_missing_file_adds_no_one(tmp_path):
    assert read_authors(tmp_path / "authors.yml", "content/authors.yml") == ({}, [])


def test_broken_yaml_is_one_sentence_with_its_line(tmp_path):
    path = tmp_path / "authors.yml"
    path.write_text("Elena Marsh: Lawyer.\nDavid: [unclosed\n", encoding="utf-8")
    found, [problem] = read_authors(path, "content/authors.yml")
    problem = str(problem)
    assert found == {}
    assert problem.startswith("content/authors.yml:") and "not readable as YAML" in problem


def test_a_list_instead_of_names_and_bios_is_refused(tmp_path):
    path = tmp_path / "authors.yml"
    path.write_text("- Elena Marsh\n- David Okafor\n", encoding="utf-8")
    assert [str(p) for p in read_authors(path, "content/authors.yml")[1]] == [
        "content/authors.yml: must map each author's name to a short bio; "
        "write one 'Name: short bio' line per author"]

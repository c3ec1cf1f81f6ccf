"""The theme's static files: Pelican's layout, ignored names left out, unchanged files left alone."""

import os

from pelican.plugins.build_speed.theme_files import copy_if_changed, theme_files


def make_theme(root):
    (root / "static" / "css" / "deep").mkdir(parents=True)
    (root / "static" / "css" / "main.css").write_text("body {}\n")
    (root / "static" / "css" / "deep" / "x.css").write_text("a {}\n")
    (root / "static" / "css" / ".#main.css").write_text("editor lock\n")
    (root / "icon.svg").write_text("<svg/>\n")
    return root


def test_folders_keep_their_layout_files_land_at_the_top_and_ignored_names_stay_out(tmp_path):
    theme = make_theme(tmp_path / "theme")
    found = theme_files(theme, ["static", "icon.svg"], ignores=[".#*"])
    assert [relative for _, relative in found] == ["css/deep/x.css", "css/main.css", "icon.svg"]


def test_only_files_whose_bytes_changed_are_written(tmp_path):
    theme = make_theme(tmp_path / "theme")
    output = tmp_path / "output"
    files = theme_files(theme, ["static"], ignores=[".#*"])
    assert copy_if_changed(files, output) == 2
    main = output / "css" / "main.css"
    os.utime(main, ns=(1_000_000_000, 1_000_000_000))
    assert copy_if_changed(files, output) == 0
    assert main.stat().st_mtime_ns == 1_000_000_000
    (theme / "static" / "css" / "main.css").write_text("body { margin: 0 }\n")
    assert copy_if_changed(files, output) == 1
    assert main.read_text() == "body { margin: 0 }\n"


def test_the_generator_takes_the_themes_paths_over_from_pelican_and_copies_them_in_the_output_phase(tmp_path):
    from types import SimpleNamespace

    from pelican.plugins.build_speed.theme_files import generator_for, take_over

    theme = make_theme(tmp_path / "theme")
    pelican = SimpleNamespace(settings={"THEME_STATIC_PATHS": ["static", "icon.svg"]})
    take_over(pelican)
    take_over(pelican)  # a second build in the same process keeps the paths taken the first time
    assert (pelican.theme_static_paths, pelican.settings["THEME_STATIC_PATHS"]) == (["static", "icon.svg"], [])
    generator_class = generator_for(pelican)
    assert generator_class.__name__ == "ThemeFilesGenerator" and generator_class.paths == ("static", "icon.svg")
    settings = {"IGNORE_FILES": [".#*"], "THEME_STATIC_DIR": "theme"}
    generator = generator_class(settings=settings, theme=str(theme), output_path=str(tmp_path / "output"))
    generator.generate_context()
    generator.generate_output(writer=None)
    copied = sorted(p.relative_to(tmp_path / "output").as_posix()
                    for p in (tmp_path / "output").rglob("*") if p.is_file())
    assert copied == ["theme/css/deep/x.css", "theme/css/main.css", "theme/icon.svg"]
    without = SimpleNamespace(settings={})
    take_over(without)
    assert without.theme_static_paths == []


def test_theme_files_are_copied_without_a_sync_each(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    theme = make_theme(tmp_path / "theme")
    assert copy_if_changed(theme_files(theme, ["static"]), tmp_path / "output") == 3
    assert synced == []


def test_a_single_file_does_not_stop_the_folders_after_it(tmp_path):
    theme = make_theme(tmp_path / "theme")
    found = theme_files(theme, ["icon.svg", "static"], ignores=[".#*"])
    assert [relative for _, relative in found] == ["icon.svg", "css/deep/x.css", "css/main.css"]

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

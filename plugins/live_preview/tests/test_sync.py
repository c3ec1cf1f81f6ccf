"""A fresh build synced onto the output: same files, same bytes, untouched files left alone."""

import os

from pelican.plugins.live_preview.sync import files_under, sync


def write(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_sync_makes_the_output_hold_exactly_the_fresh_build(tmp_path):
    fresh, output = tmp_path / "fresh", tmp_path / "output"
    write(output, {"index.html": "old", "same.css": "same", "2013/11/gone/index.html": "gone"})
    write(fresh, {"index.html": "new", "same.css": "same", "2014/01/new/index.html": "new"})
    os.utime(output / "same.css", ns=(1, 1))
    changed = sync(fresh, output)
    assert changed == {"index.html", "2013/11/gone/index.html", "2014/01/new/index.html"}
    assert files_under(output) == {"index.html", "same.css", "2014/01/new/index.html"}
    assert (output / "index.html").read_text() == "new"
    assert os.stat(output / "same.css").st_mtime_ns == 1  # an unchanged file keeps its time
    assert not (output / "2013").exists()  # emptied folders go too


def test_sync_onto_a_missing_output_writes_everything(tmp_path):
    fresh = tmp_path / "fresh"
    write(fresh, {"a.html": "a"})
    assert sync(fresh, tmp_path / "output") == {"a.html"}


def test_a_spared_folder_stays_until_its_own_work_replaces_it(tmp_path):
    # The search index is made after the pages are shown: a build synced
    # without it must not take the old index away meanwhile.
    fresh, output = tmp_path / "fresh", tmp_path / "output"
    write(output, {"index.html": "old", "pagefind/index.pf": "index", "gone.html": "gone"})
    write(fresh, {"index.html": "new"})
    assert sync(fresh, output, spared=["pagefind/"]) == {"index.html", "gone.html"}
    assert files_under(output) == {"index.html", "pagefind/index.pf"}


def test_a_page_the_fresh_build_linked_from_the_output_is_unchanged(tmp_path):
    # The preview's writer takes an unchanged page into a fresh build as a
    # hard link to the output's file (writer.Unchanged): nothing to compare.
    from pelican.plugins.live_preview.sync import remove
    from pelican.plugins.live_preview.writer import _link_or_copy

    fresh, output = tmp_path / "fresh", tmp_path / "output"
    write(output, {"kept.html": "kept", "changed.html": "old"})
    write(fresh, {"changed.html": "new"})
    _link_or_copy(output / "kept.html", fresh / "kept.html")
    os.utime(output / "kept.html", ns=(1, 1))
    assert os.path.samefile(fresh / "kept.html", output / "kept.html")
    assert sync(fresh, output) == {"changed.html"}
    remove(fresh)
    assert (output / "kept.html").read_text() == "kept" and os.stat(output / "kept.html").st_mtime_ns == 1
    # Where a file is already there, it is copied over rather than linked.
    write(fresh, {"taken.html": "earlier"})
    _link_or_copy(output / "kept.html", fresh / "taken.html")
    assert (fresh / "taken.html").read_text() == "kept"
    assert not os.path.samefile(fresh / "taken.html", output / "kept.html")


def test_a_linked_page_written_again_in_the_fresh_build_leaves_the_outputs_file(tmp_path):
    # The README's promise for hard links: every writer of a build replaces a
    # file by renaming a new one over it, so a page linked from the output and
    # then written again (a chart's files, a feed, a page) never writes through.
    from pelican.plugins.live_preview.writer import Unchanged, _KeptFile

    from pelican.plugins.site_common.files import atomic_write, write_if_changed

    fresh, output = tmp_path / "fresh", tmp_path / "output"
    write(output, {"page.html": "last build", "chart.svg": "<svg/>", "feed.xml": "<feed/>"})
    fresh.mkdir()
    for name in ("page.html", "chart.svg", "feed.xml"):
        kept = _KeptFile(str(fresh / name), "utf-8")
        kept.write(Unchanged(output / name))
        kept.close()
        assert os.path.samefile(fresh / name, output / name)
    # The page through the preview's writer, the chart and feed through site_common.files.
    page = _KeptFile(str(fresh / "page.html"), "utf-8")
    page.write("this build")
    page.close()
    write_if_changed(fresh / "chart.svg", "<svg>new</svg>", sync=False)
    atomic_write(fresh / "feed.xml", "<feed>new</feed>", sync=False)
    assert {name: (output / name).read_text() for name in ("page.html", "chart.svg", "feed.xml")} == {
        "page.html": "last build", "chart.svg": "<svg/>", "feed.xml": "<feed/>"}
    assert (fresh / "page.html").read_text() == "this build"

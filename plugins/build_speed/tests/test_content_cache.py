"""The content cache's fingerprint: what makes cached HTML stale."""

from pelican.plugins.build_speed.content_cache import fingerprint


def plugin(tmp_path, monkeypatch, name="fingerprinted_plugin"):
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("def register():\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return package


def test_a_change_to_a_plugins_code_changes_the_fingerprint(tmp_path, monkeypatch):
    package = plugin(tmp_path, monkeypatch)
    settings = {"PLUGINS": ["fingerprinted_plugin"]}
    before = fingerprint(settings)
    assert fingerprint(settings) == before
    (package / "reader.py").write_text("EXTENSIONS = ['toc']\n", encoding="utf-8")
    after_new_module = fingerprint(settings)
    assert after_new_module != before
    (package / "reader.py").write_text("EXTENSIONS = ['toc', 'extra']\n", encoding="utf-8")
    assert fingerprint(settings) != after_new_module


def test_a_markdown_setting_changes_the_fingerprint():
    plain = {"MARKDOWN": {"extension_configs": {}}, "PLUGINS": []}
    with_toc = {"MARKDOWN": {"extension_configs": {"markdown.extensions.toc": {}}}, "PLUGINS": []}
    assert fingerprint(plain) != fingerprint(with_toc)


def test_the_order_settings_are_written_in_does_not_count():
    assert fingerprint({"A": 1, "B": {"x": 1, "y": 2}}) == fingerprint({"B": {"y": 2, "x": 1}, "A": 1})


def test_an_object_in_the_settings_counts_by_its_class():
    class TocExtension:
        pass

    class ExtraExtension:
        pass

    def settings(extension):
        return {"MARKDOWN": {"extensions": [extension]}, "PLUGINS": []}

    assert fingerprint(settings(TocExtension())) == fingerprint(settings(TocExtension()))
    assert fingerprint(settings(TocExtension())) != fingerprint(settings(ExtraExtension()))


def test_a_missing_package_counts_as_missing(monkeypatch):
    from pelican.plugins.build_speed import content_cache

    installed = fingerprint({"PLUGINS": []})
    monkeypatch.setattr(content_cache, "PACKAGES", ("markdown", "no-such-distribution"))
    missing = fingerprint({"PLUGINS": []})
    assert len({installed, missing}) == 2
    monkeypatch.setattr(content_cache, "PACKAGES", ("markdown",))
    assert fingerprint({"PLUGINS": []}) not in {installed, missing}


class Site:
    """What forget_stale_content_cache reads of a Pelican object."""

    def __init__(self, cache, **settings):
        self.settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(cache), "PLUGINS": [], **settings}


def test_a_stale_cache_is_emptied_of_pelicans_files_and_stamped(tmp_path):
    from pelican.plugins.build_speed.content_cache import (
        FINGERPRINT_FILE,
        forget_stale_content_cache,
    )

    cache = tmp_path / "cache" / "site"
    forget_stale_content_cache(Site(cache))
    stamp = (cache / FINGERPRINT_FILE).read_text(encoding="utf-8")
    assert stamp == fingerprint(Site(cache).settings)
    for name in ("ArticlesGenerator-Readers", "PagesGenerator", "comment_bodies.json"):
        (cache / name).write_text("cached", encoding="utf-8")
    forget_stale_content_cache(Site(cache))  # same settings: all kept
    assert sorted(p.name for p in cache.iterdir()) == [
        "ArticlesGenerator-Readers", "PagesGenerator", "comment_bodies.json", FINGERPRINT_FILE]
    changed = Site(cache, TYPOGRIFY_DASHES="oldschool")
    forget_stale_content_cache(changed)
    assert sorted(p.name for p in cache.iterdir()) == ["comment_bodies.json", FINGERPRINT_FILE]
    assert (cache / FINGERPRINT_FILE).read_text(encoding="utf-8") == fingerprint(changed.settings)


def test_without_a_content_cache_nothing_is_touched(tmp_path):
    from pelican.plugins.build_speed.content_cache import forget_stale_content_cache

    site = Site(tmp_path / "cache", CACHE_CONTENT=False)
    forget_stale_content_cache(site)
    assert not (tmp_path / "cache").exists()

"""The rendered-body cache: same HTML as rendering, reused across builds, pruned."""

import json
from pathlib import Path

from pelican.plugins.comment_threads import cache as body_cache
from pelican.plugins.comment_threads.cache import FILENAME, BodyCache
from pelican.plugins.comment_threads.render import render_body


class CountingRender:
    def __init__(self):
        self.calls = []

    def __call__(self, text):
        self.calls.append(text)
        return render_body(text)


def test_a_cached_body_is_the_rendered_body(tmp_path):
    cache = BodyCache(render_body, tmp_path)
    text = "Hello *there*, <script>x</script> [link](https://a.test)"
    assert cache(text) == render_body(text)


def test_a_second_build_renders_nothing_it_rendered_before(tmp_path):
    first = BodyCache(CountingRender(), tmp_path)
    html = first("A body.")
    first.save()
    render = CountingRender()
    second = BodyCache(render, tmp_path)
    assert second("A body.") == html
    assert render.calls == []
    second("An edited body.")
    assert render.calls == ["An edited body."]


def test_bodies_no_longer_used_leave_the_cache(tmp_path):
    first = BodyCache(render_body, tmp_path)
    first("Deleted later.")
    first("Kept.")
    first.save()
    second = BodyCache(render_body, tmp_path)
    second("Kept.")
    second.save()
    stored = json.loads((tmp_path / FILENAME).read_text(encoding="utf-8"))
    assert len(stored["bodies"]) == 1


def test_other_rendering_rules_start_an_empty_cache(tmp_path):
    (tmp_path / FILENAME).write_text(json.dumps(
        {"rules": "older rules", "bodies": {"x": "<p>stale</p>"}}), encoding="utf-8")
    assert BodyCache(render_body, tmp_path).saved == {}


def test_a_change_to_the_rendering_code_starts_an_empty_cache(tmp_path, monkeypatch):
    # A copy of the plugin's rendering code stands in for the plugin, so it can be edited.
    package = tmp_path / "code" / "rendering_copy"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    source = Path(body_cache.__file__).with_name("render.py").read_text(encoding="utf-8")
    (package / "render.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    monkeypatch.setattr(body_cache, "RENDERING_PACKAGES", ("rendering_copy",))
    first = BodyCache(render_body, tmp_path)
    first("A body.")
    first.save()
    # The same render.py with a tag fewer allowed, as a stricter sanitizer would be.
    (package / "render.py").write_text(source.replace('"sub", ', ""), encoding="utf-8")
    render = CountingRender()
    second = BodyCache(render, tmp_path)
    assert second.saved == {}
    second("A body.")
    assert render.calls == ["A body."]


def test_without_a_directory_nothing_is_written(tmp_path):
    cache = BodyCache(render_body, None)
    cache("Text.")
    cache.save()
    assert list(tmp_path.iterdir()) == []

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

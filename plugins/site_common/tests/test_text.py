from pelican.plugins.site_common.text import absolute_url, plain_text


def test_plain_text_drops_tags_and_decodes_entities():
    assert plain_text("<b>Grant&nbsp;rate</b> &amp; <i>denials</i>") == "Grant rate & denials"


def test_absolute_urls_have_one_slash_between_site_and_path():
    assert absolute_url("https://x.example/", "/2013/11/a/") == "https://x.example/2013/11/a/"
    assert absolute_url("https://x.example", "feeds/all.atom.xml") == "https://x.example/feeds/all.atom.xml"

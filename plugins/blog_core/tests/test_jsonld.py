import json

from pelican.plugins.blog_core import jsonld


def make(**overrides):
    values = dict(url="https://s.example/2013/11/x/", headline="Title <b>",
                  description="About </script><script>alert(1)</script>",
                  published="2013-11-20T09:30:00-05:00", modified=None,
                  authors=[("Elena Marsh", "https://s.example/author/elena-marsh/")],
                  site_name="The Grant Rate", site_url="https://s.example",
                  section="Immigration Court", keywords=["Mexico"])
    values.update(overrides)
    return jsonld.blogposting(**values)


def test_blogposting_fields():
    data = make()
    assert data["@type"] == "BlogPosting"
    assert data["dateModified"] == data["datePublished"]
    assert data["author"] == [{"@type": "Person", "name": "Elena Marsh",
                               "url": "https://s.example/author/elena-marsh/"}]
    assert "image" not in data
    assert make(image="https://s.example/i.png")["image"] == "https://s.example/i.png"


def test_script_json_cannot_close_its_script_element_and_round_trips():
    text = jsonld.to_script_json(make())
    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["description"] == "About </script><script>alert(1)</script>"


def test_serialisation_is_sorted_compact_and_escaped():
    assert jsonld.to_script_json({"b": "x</script>&", "a": [1, "é"]}) == (
        '{"a": [1, "é"], "b": "x\\u003c/script\\u003e\\u0026"}'
    )


def test_the_whole_blogposting_as_search_engines_read_it():
    assert make(modified="2013-12-01T10:00:00-05:00") == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "mainEntityOfPage": {"@type": "WebPage", "@id": "https://s.example/2013/11/x/"},
        "url": "https://s.example/2013/11/x/",
        "headline": "Title <b>",
        "description": "About </script><script>alert(1)</script>",
        "datePublished": "2013-11-20T09:30:00-05:00",
        "dateModified": "2013-12-01T10:00:00-05:00",
        "author": [{"@type": "Person", "name": "Elena Marsh", "url": "https://s.example/author/elena-marsh/"}],
        "publisher": {"@type": "Organization", "name": "The Grant Rate", "url": "https://s.example/"},
        "articleSection": "Immigration Court",
        "keywords": ["Mexico"],
        "inLanguage": "en-US",
    }

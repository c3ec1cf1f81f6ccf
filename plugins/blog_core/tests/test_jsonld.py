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

"""Schema.org BlogPosting data for an article page, as a JSON string safe inside <script>."""

import json


def blogposting(*, url, headline, description, published, modified, authors,
                site_name, site_url, section, keywords, image=None):
    """Build the BlogPosting mapping from plain values."""
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "description": description,
        "datePublished": published,
        "dateModified": modified or published,
        "author": [{"@type": "Person", "name": name, "url": author_url}
                   for name, author_url in authors],
        "publisher": {"@type": "Organization", "name": site_name, "url": site_url + "/"},
        "articleSection": section,
        "keywords": keywords,
        "inLanguage": "en-US",
    }
    if image:
        data["image"] = image
    return data


def to_script_json(data):
    """Serialise for a <script> element: sorted keys, and no '<' that could end it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

"""Small content folders for the preview's tests."""


def content_folder(root, files):
    """`root`/content holding `files` ({path inside it: text}); returns its path."""
    content = root / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content

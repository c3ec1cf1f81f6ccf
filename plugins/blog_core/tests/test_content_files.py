"""Symbolic links and hidden files in content/: reported, and never read."""

import os

from pelican.plugins.blog_core.content_files import find_strays, glob_escape, keep_out


def test_links_and_hidden_files_are_found_without_following_links(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "comments" / "p").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("Title: secret\n")
    (content / "posts" / "ok.md").write_text("Title: ok\n")
    (content / "posts" / ".draft.md").write_text("Title: hidden\n")
    os.symlink(outside / "secret.md", content / "posts" / "linked.md")
    os.symlink(outside, content / "images")
    (content / "posts" / ".#ok.md").write_text("editor lock")
    (content / "posts" / ".gitkeep").write_text("")
    (content / "comments" / "p" / ".x.md").write_text("the comments plugin's own")

    strays = find_strays(content, tmp_path, ignored=[".#*"], skip={"comments"})

    assert strays.problems == [
        ("content/images", "a symbolic link, which the build does not follow; put the file itself there"),
        ("content/posts/.draft.md", ("a hidden file or folder, which the build does not publish; "
                                     "rename it without the leading '.', or remove it")),
        ("content/posts/linked.md", "a symbolic link, which the build does not follow; put the file itself there"),
    ]
    settings = {"IGNORE_FILES": [".#*"]}
    keep_out(settings, strays)
    assert settings["IGNORE_FILES"] == [".#*", "images", "linked.md", ".*"]


def test_a_link_name_with_glob_characters_matches_only_itself():
    assert glob_escape("a*[b]?.md") == "a[*][[]b][?].md"


def test_only_the_top_comments_folder_is_skipped_and_hidden_folders_are_not_entered(tmp_path):
    content = tmp_path / "content"
    (content / "posts" / "comments").mkdir(parents=True)
    (content / "posts" / "comments" / ".x.md").write_text("")
    (content / "comments").mkdir()
    (content / "comments" / ".y.md").write_text("the comments plugin's own")
    (content / ".drafts").mkdir()
    (content / ".drafts" / ".old.md").write_text("")
    (content / "images").mkdir()
    os.symlink(tmp_path, content / "images" / "outside")
    strays = find_strays(content, tmp_path, skip={"comments"})
    assert [shown for shown, _ in strays.problems] == [
        "content/.drafts", "content/images/outside", "content/posts/comments/.x.md"]
    assert strays.links == ["images/outside"]
    settings = {}
    keep_out(settings, strays)
    assert settings == {"IGNORE_FILES": ["outside", ".*"]}

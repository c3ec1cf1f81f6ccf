"""Threading: parents, order, depth, and the fallbacks for broken threads."""

import datetime

from pelican.plugins.comment_threads.load import Comment
from pelican.plugins.comment_threads.threads import build_thread, count_nodes, group_by_article

POSTED = datetime.datetime(2014, 4, 1, tzinfo=datetime.UTC)


def make(cid, day, replyto=None, slug="post", path=None):
    return Comment(
        id=cid, slug=slug, path=path or f"comments/{slug}/{cid}.md", author=cid.upper(),
        date=datetime.datetime(2014, 4, day, tzinfo=datetime.UTC),
        replyto=replyto, website=None, body="text",
    )


def shape(nodes):
    return [(n.comment.id, shape(n.replies)) for n in nodes]


def test_top_level_newest_first_and_replies_oldest_first():
    comments = [make("a", 2), make("b", 5), make("a1", 7, "a"), make("a2", 3, "a")]
    nodes, problems = build_thread(comments, POSTED, newest_first=True)
    problems = [str(p) for p in problems]
    assert problems == []
    assert shape(nodes) == [("b", []), ("a", [("a2", []), ("a1", [])])]


def test_oldest_first_order():
    nodes, _ = build_thread([make("a", 2), make("b", 5)], POSTED, newest_first=False)
    assert shape(nodes) == [("a", []), ("b", [])]


def test_same_time_falls_back_on_the_id_for_a_stable_order():
    nodes, _ = build_thread([make("b", 2), make("a", 2), make("c", 2)], POSTED)
    assert shape(nodes) == [("c", []), ("b", []), ("a", [])]


def test_replies_nest_to_any_depth_and_know_their_parent():
    chain = [make("c0", 2)] + [make(f"c{i}", 2 + i, f"c{i - 1}") for i in range(1, 8)]
    nodes, problems = build_thread(chain, POSTED)
    problems = [str(p) for p in problems]
    assert problems == []
    node, depth = nodes[0], 0
    while node.replies:
        node, depth = node.replies[0], depth + 1
        assert node.parent.id == f"c{depth - 1}" and node.depth == depth
    assert depth == 7
    assert count_nodes(nodes) == 8


def test_unknown_parent_is_reported_and_shown_at_top_level():
    nodes, problems = build_thread([make("a", 2), make("b", 3, "nope")], POSTED)
    problems = [str(p) for p in problems]
    assert shape(nodes) == [("b", []), ("a", [])]
    assert problems == [
        "comments/post/b.md: Replyto names 'nope', which is no other comment on this "
        "article; use the file name (without .md) of a comment in the same folder; "
        "until then it is shown as a top-level comment"
    ]


def test_a_comment_replying_to_itself_is_an_unknown_parent():
    nodes, problems = build_thread([make("a", 2, "a")], POSTED)
    problems = [str(p) for p in problems]
    assert shape(nodes) == [("a", [])]
    assert "Replyto names 'a'" in problems[0]


def test_a_cycle_is_reported_once_and_cut_at_its_earliest_comment():
    comments = [make("a", 4, "c"), make("b", 5, "a"), make("c", 6, "b"), make("d", 7, "b")]
    nodes, problems = build_thread(comments, POSTED)
    problems = [str(p) for p in problems]
    assert count_nodes(nodes) == 4
    assert shape(nodes) == [("a", [("b", [("c", []), ("d", [])])])]
    cycle = [p for p in problems if "loops back" in p]
    assert len(cycle) == 1
    assert cycle[0].startswith("comments/post/a.md: its Replyto chain loops back on itself")
    # Dates inside a loop are out of order by nature: that is reported too.
    assert any("before the comment it answers" in p for p in problems)


def test_a_reply_dated_before_its_parent_is_reported():
    _, problems = build_thread([make("a", 9), make("b", 3, "a")], POSTED)
    problems = [str(p) for p in problems]
    assert problems == [
        "comments/post/b.md: the reply is dated 2014-04-03 00:00, before the comment "
        "it answers, comments/post/a.md (2014-04-09 00:00); a reply must come after "
        "its parent"
    ]


def test_a_comment_dated_before_its_article_is_reported():
    _, problems = build_thread([make("a", 2)], POSTED.replace(day=5))
    problems = [str(p) for p in problems]
    assert problems == [
        "comments/post/a.md: the comment is dated 2014-04-02 00:00, before its article "
        "(2014-04-05 00:00); fix its Date"
    ]


def test_duplicate_ids_are_reported_and_both_comments_kept():
    comments = [
        make("Maria", 2, path="comments/post/Maria.md"),
        make("maria", 3, path="comments/post/maria.markdown.md"),
    ]
    nodes, problems = build_thread(comments, POSTED)
    problems = [str(p) for p in problems]
    assert sorted(n.comment.id for n in nodes) == ["Maria", "maria-2"]
    assert problems == [
        "comments/post/maria.markdown.md: the comment id 'maria' is already used by "
        "comments/post/Maria.md; rename one of the files"
    ]


def test_a_comment_without_date_takes_the_article_date():
    undated = make("a", 2)
    undated = undated.__class__(**{**undated.__dict__, "date": None})
    nodes, problems = build_thread([undated], POSTED)
    problems = [str(p) for p in problems]
    assert nodes[0].comment.date == POSTED and problems == []


def test_grouping_suggests_the_closest_slug():
    groups, problems = group_by_article(
        [make("a", 2, slug="mexico-grant-rate-fy2012"), make("b", 2, slug="zzz")],
        ["mexican-grant-rate-fy2012", "other-post"],
    )
    problems = [str(p) for p in problems]
    assert groups == {"mexican-grant-rate-fy2012": [], "other-post": []}
    assert problems == [
        "comments/mexico-grant-rate-fy2012/a.md: there is no article with the slug "
        "'mexico-grant-rate-fy2012'; did you mean 'mexican-grant-rate-fy2012'?",
        "comments/zzz/b.md: there is no article with the slug 'zzz'; the folder must "
        "be named after an article's slug",
    ]

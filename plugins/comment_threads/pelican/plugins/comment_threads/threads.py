"""Comments into threads: which article, which parent, in what order.

Every check here reports a problem and then makes the most visible choice,
so that a non-strict build still shows each comment exactly once.
"""

import dataclasses
from dataclasses import dataclass, field

from pelican.plugins.site_common.problems import Problem, did_you_mean


@dataclass
class Node:
    """A comment in its thread, with the replies that answer it."""

    comment: object
    parent: object = None
    depth: int = 0
    replies: list = field(default_factory=list)


def _when(comment):
    return comment.date.strftime("%Y-%m-%d %H:%M")


def group_by_article(comments, slugs):
    """Split comments by article slug; report folders that match no article."""
    groups = {slug: [] for slug in slugs}
    problems = []
    for comment in comments:
        if comment.slug in groups:
            groups[comment.slug].append(comment)
            continue
        problems.append(Problem(
            comment.path, None, f"there is no article with the slug {comment.slug!r}",
            did_you_mean(comment.slug, slugs) or "the folder must be named after an article's slug"))
    return groups, problems


def _dedupe_ids(comments):
    """Give each comment a unique id; ids that differ only in case clash too,
    because anchors must survive case-insensitive file systems and readers."""
    seen, unique, problems = {}, [], []
    for comment in sorted(comments, key=lambda c: c.path):
        key = comment.id.casefold()
        if key in seen:
            problems.append(Problem(
                comment.path, None, f"the comment id {comment.id!r} is already used by {seen[key].path}",
                "rename one of the files"))
            number = 2
            while f"{key}-{number}" in seen:
                number += 1
            comment = dataclasses.replace(comment, id=f"{comment.id}-{number}")
            key = comment.id.casefold()
        seen[key] = comment
        unique.append(comment)
    return unique, problems


def _find_parents(comments, article_date):
    """Map each comment id to its parent's id, or None for a top-level one."""
    by_id = {c.id: c for c in comments}
    parents, problems = {}, []
    for comment in comments:
        parent = by_id.get(comment.replyto) if comment.replyto else None
        if comment.replyto and (parent is None or parent is comment):
            others = [c.id for c in comments if c is not comment]
            problems.append(Problem(
                comment.path, comment.line("replyto"),
                f"Replyto names {comment.replyto!r}, which is no other comment on this article",
                did_you_mean(comment.replyto, others)
                or "use the file name (without .md) of a comment in the same folder; "
                "until then it is shown as a top-level comment"))
            parent = None
        parents[comment.id] = parent.id if parent else None
        if comment.date < article_date:
            problems.append(Problem(
                comment.path, comment.line("date"),
                f"the comment is dated {_when(comment)}, before its article "
                f"({article_date.strftime('%Y-%m-%d %H:%M')})", "fix its Date"))
        if parent and comment.date < parent.date:
            problems.append(Problem(
                comment.path, comment.line("date"),
                f"the reply is dated {_when(comment)}, before the comment it answers, "
                f"{parent.path} ({_when(parent)})", "a reply must come after its parent"))
    return parents, problems


def _break_cycles(comments, parents):
    """Find reply chains that loop and cut each at its earliest comment."""
    by_id = {c.id: c for c in comments}
    problems = []
    for comment in comments:
        chain, seen, current = [], set(), comment.id
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parents[current]
        if current is None:
            continue
        loop = chain[chain.index(current):]
        first = min(loop, key=lambda i: (by_id[i].date, i))
        parents[first] = None
        files = " -> ".join(by_id[i].path for i in loop + [loop[0]])
        problems.append(Problem(
            by_id[first].path, by_id[first].line("replyto"),
            f"its Replyto chain loops back on itself ({files})",
            "one of these comments must reply to a comment outside the loop, or to none; "
            "until then it is shown as a top-level comment"))
    return problems


def build_thread(comments, article_date, newest_first=True):
    """Arrange one article's comments into ordered trees of Nodes.

    Top-level comments follow the site's order; replies read oldest first,
    as a conversation does. Ties fall back on the id for stable output.
    """
    comments = [
        c if c.date is not None else dataclasses.replace(c, date=article_date)
        for c in comments
    ]
    comments, problems = _dedupe_ids(comments)
    parents, found = _find_parents(comments, article_date)
    problems += found
    problems += _break_cycles(comments, parents)

    children = {c.id: [] for c in comments}
    roots = []
    for comment in sorted(comments, key=lambda c: (c.date, c.id)):
        parent_id = parents[comment.id]
        (children[parent_id] if parent_id else roots).append(comment)
    if newest_first:
        roots.sort(key=lambda c: (c.date, c.id), reverse=True)
    by_id = {c.id: c for c in comments}
    # Grown with a work list, not recursion: a reply chain may be thousands deep.
    trees = [Node(root, None, 0) for root in roots]
    pending = list(trees)
    while pending:
        node = pending.pop()
        node.replies = [Node(child, by_id[parents[child.id]], node.depth + 1)
                        for child in children[node.comment.id]]
        pending.extend(node.replies)
    return trees, problems


def limit_depth(nodes, max_depth):
    """The same threads with every reply below `max_depth` lifted to that level.

    Replies that deep are shown flat anyway, one under the other in reading
    order, each naming the comment it answers; lifting them keeps that order
    and bounds the nesting a template has to walk, whatever the chain's length.
    """
    for node in nodes:
        if node.depth >= max_depth:
            node.replies = list(_descendants(node))
            for reply in node.replies:
                reply.replies = []
        else:
            limit_depth(node.replies, max_depth)
    return nodes


def _descendants(node):
    """Every reply under `node`, depth first, in reading order."""
    pending = list(reversed(node.replies))
    while pending:
        current = pending.pop()
        yield current
        pending.extend(reversed(current.replies))


def count_nodes(nodes):
    count, pending = 0, list(nodes)
    while pending:
        node = pending.pop()
        count += 1
        pending.extend(node.replies)
    return count

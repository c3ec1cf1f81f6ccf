"""`make bench-import`: time a large WordPress import and measure its memory.

Generates an export of the size the README promises (2,000 posts, 20,000
comments by default, threaded, with shortcodes, links between posts and
some held, spam and pingback comments), imports it into a copy of the
site's content with the importer's own command, and prints the wall time,
CPU time and peak memory of that process, and what the report counted.

    python -m bench.wordpress                         # 2,000 posts, 20,000 comments
    python -m bench.wordpress --posts 200 --comments 2000 --build
"""

import argparse
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

from tests.sitebuild import ROOT, run_measured, run_pelican

WORDS = ("asylum officer court judge hearing record country fear claim appeal decision grant "
         "denial interview evidence witness statute standard backlog interpreter border").split()
HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated blog</title><link>https://generated.example.org</link>
<pubDate>Mon, 02 Jun 2014 12:00:00 +0000</pubDate><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://generated.example.org</wp:base_site_url>
<wp:base_blog_url>https://generated.example.org</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>editor</wp:author_login>
<wp:author_email>editor@generated.example.org</wp:author_email>
<wp:author_display_name>Elena Marsh</wp:author_display_name></wp:author>
"""


def sentence(rng, n=12):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate_export(path, posts, comments, seed=2014):
    """Write an export of `posts` posts sharing `comments` comments; returns the expected counts."""
    rng = random.Random(seed)
    per_post = [comments // posts + (1 if i < comments % posts else 0) for i in range(posts)]
    approved = 0
    comment_id = 100000
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for number in range(posts):
            year, day = 2008 + number % 12, number % 28 + 1
            date = f"{year}-{number % 12 + 1:02d}-{day:02d} 10:{number % 60:02d}:00"
            slug = f"generated-post-{number}"
            link = f"https://generated.example.org/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"
            previous = (f'<a href="https://generated.example.org/?p={number}">the post before</a>'
                        if number else "the first post")
            body = "\n\n".join([
                sentence(rng, 30), f"See {previous}. " + sentence(rng, 20), "<!--more-->",
                f'[caption width="300"]<img src="https://elsewhere.example.net/{number}.png" '
                f'alt="Figure {number}"> {sentence(rng, 6)}[/caption]',
                sentence(rng, 40), f'[pullquote]{sentence(rng, 8)}[/pullquote]'])
            out.write(f"<item><title>Generated post {number}: {rng.choice(WORDS)}</title>"
                      f"<link>{link}</link><dc:creator>editor</dc:creator>"
                      f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                      f"<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                      f"<wp:post_id>{number + 1}</wp:post_id><wp:post_date>{date}</wp:post_date>"
                      f"<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>"
                      f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                      f'<category domain="category" nicename="c{number % 7}">Topic {number % 7}</category>'
                      f'<category domain="post_tag" nicename="t{number % 31}">tag {number % 31}</category>')
            first_of_post = comment_id + 1
            for index in range(per_post[number]):
                comment_id += 1
                status = "spam" if comment_id % 17 == 16 else "0" if comment_id % 13 == 12 else "1"
                kind = "pingback" if comment_id % 29 == 28 else "comment"
                parent = comment_id - 1 if index % 3 and comment_id > first_of_post else 0
                approved += status == "1" and kind == "comment"
                out.write(f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                          f"<wp:comment_author>Reader {comment_id % 500}</wp:comment_author>"
                          f"<wp:comment_author_email>reader{comment_id}@mail.example.net"
                          f"</wp:comment_author_email>"
                          f"<wp:comment_author_IP>203.0.113.{comment_id % 250}</wp:comment_author_IP>"
                          f"<wp:comment_date>{date[:11]}{12 + index % 10}:{index % 60:02d}:00</wp:comment_date>"
                          f"<wp:comment_content><![CDATA[<p>{sentence(rng, 25)}</p>"
                          f"<p>{sentence(rng, 10)} <em>{rng.choice(WORDS)}</em></p>]]>"
                          f"</wp:comment_content><wp:comment_approved>{status}</wp:comment_approved>"
                          f"<wp:comment_type>{kind}</wp:comment_type>"
                          f"<wp:comment_parent>{parent}</wp:comment_parent>"
                          f"<wp:comment_user_id>0</wp:comment_user_id></wp:comment>")
            out.write("</item>\n")
        out.write("</channel></rss>\n")
    return {"posts": posts, "published comments": approved}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.wordpress", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--build", action="store_true",
                        help="also build the imported site strictly and time that")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        export = work / "export.xml"
        expected = generate_export(export, args.posts, args.comments)
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        command = [sys.executable, "-m", "wordpress_import", str(export), "--content", str(content),
                   "--settings", str(ROOT / "pelicanconf.py")]
        run = run_measured(command, work)
        if run.returncode != 0:
            print(run.log[-2000:])
            return 1
        counted = {key: int(n) for n, key in re.findall(r"^\s+(\d+)  (.+)$", run.log, re.M)}
        size = export.stat().st_size / 1e6
        print(f"Import of {args.posts:,} posts and {args.comments:,} comments ({size:.1f} MB export): "
              f"{run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU, peak memory {run.peak_mb:.0f} MB")
        print(f"  posts written: {counted.get('posts (published)', 0):,} of {expected['posts']:,}; "
              f"comments published: {counted.get('comments published', 0):,} of "
              f"{expected['published comments']:,}; held: {counted.get('comments held for moderation', 0):,}")
        if args.build:
            build = run_pelican(content, work / "output")
            print(f"Strict build of the imported site: {'ok' if build.ok else 'FAILED'}, "
                  f"{build.seconds:.1f} s, peak memory {build.total_peak_mb:.0f} MB")
            if not build.ok:
                print(build.log[-3000:])
                return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

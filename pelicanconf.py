"""Settings for building the site locally: `make html`, `make serve`, tests.

`publishconf.py` imports everything here and changes only what differs in
production (the site's address and analytics-free extras).
"""

AUTHOR = "Elena Marsh"
SITENAME = "The Grant Rate"
SITESUBTITLE = "U.S. asylum law and the numbers behind it"
SITE_DESCRIPTION = (
    "An immigration lawyer's notes on asylum cases in U.S. immigration courts "
    "and asylum offices, argued from published, sourced statistics."
)

# Local builds link pages to each other relatively, so the preview works at
# whatever address it is served (`make serve HOST=... PORT=...`) and straight
# from output/ on disk. SITEURL stays absolute: feeds, the sitemap, canonical
# links and structured data carry it (templates read it as ABSOLUTE_SITEURL);
# `make` replaces it with the preview's address.
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = True
# `make devserver` sets it: each page then carries a small script that reloads
# it when a rebuild changes it (theme/templates/partials/preview_reload.html).
PREVIEW_RELOAD = False

PATH = "content"
THEME = "theme"
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
DEFAULT_PAGINATION = 5
SUMMARY_MAX_LENGTH = 45

ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
# Copy an image or the favicon only when it is newer than its copy in the
# output, so a rebuild leaves the rest alone (and rsync sees no change).
STATIC_CHECK_IF_MODIFIED = True
# Comment threads and the data set are read by plugins, never published as
# articles or pages.
IGNORE_FILES = [".#*", "__pycache__"]
ARTICLE_EXCLUDES = ["comments", "data"]
PAGE_EXCLUDES = ["comments", "data"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
}

# Clean, permanent URLs. Every kind of page lives in its own directory, so a
# tag called "2012" and page 2 of another tag can never share a path.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = AUTHORS_URL + "index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives"]
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}

# Feeds: full content, Atom and RSS, for the whole site and each category.
# FEED_DOMAIN is left unset: Pelican then takes SITEURL, including the one make passes.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 50

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
        # `/// caption` blocks turn an image into a <figure> with <figcaption>.
        "pymdownx.blocks.caption": {},
    },
    "output_format": "html5",
}
# Typogrify: curly quotes, real dashes, no widowed last word in headings.
# build_speed runs it inside the Markdown reader (BLOG_TYPOGRIFY), so that the
# content cache keeps the result; Pelican's TYPOGRIFY would redo it for every
# post at every build, which is why it is off.
TYPOGRIFY = False
BLOG_TYPOGRIFY = True
TYPOGRIFY_DASHES = "oldschool"
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "script", "style"]

# Our own plugins are packages in Pelican's plugin namespace, like the
# official ones; `make` installs them into .venv from plugins/<name>/.
PLUGINS = [
    "pelican.plugins.neighbors",
    "pelican.plugins.build_speed",
    "pelican.plugins.blog_core",
    "pelican.plugins.data_charts",
    "pelican.plugins.comment_threads",
    "pelican.plugins.old_links",
    # Last: it indexes the pages the others helped write.
    "pelican.plugins.search",
]

# Comment threads (README: Comments). The comment form posts to the intake
# service (`comments serve`, started with the site by `make serve`), which
# keeps submissions in a moderation queue until `comments approve` writes
# them into content/comments/. `make serve` points this at its own intake.
COMMENTS_ENDPOINT = "http://127.0.0.1:8001/comments"
COMMENTS_ORDER = "newest-first"
COMMENTS_MAX_INDENT = 4
# The intake service's moderation mail. Without COMMENTS_SMTP_HOST each
# notification is logged and skipped; the password comes from the
# COMMENTS_SMTP_PASSWORD environment variable, never from this file.
COMMENTS_MODERATORS = ["elena@grantrate.example"]
COMMENTS_SMTP_HOST = None
COMMENTS_SMTP_FROM = "comments@grantrate.example"

# The sitemap is the official plugin's, written by blog_core (which dates
# listing pages by the newest post), so pelican.plugins.sitemap is not listed.
SITEMAP = {
    "format": "xml",
    # Search results are made in the reader's browser; the empty page is no
    # use to a search engine.
    "exclude": ["^search/"],
    "priorities": {"articles": 0.8, "pages": 0.5, "indexes": 0.3},
    "changefreqs": {"articles": "monthly", "pages": "monthly", "indexes": "weekly"},
}

# Authors the site knows are listed in content/authors.yml (name: short bio);
# an article naming anyone else fails the build (a misspelt name would
# otherwise create a second author page).
BLOG_REQUIRED_METADATA = ["title", "date", "category", "summary"]

MENUITEMS = []
DISPLAY_PAGES_ON_MENU = True
DISPLAY_CATEGORIES_ON_MENU = False

# Content cache: a rebuild reuses each unchanged post's Markdown conversion.
# The "reader" layer caches only what a reader returns (HTML and metadata), so
# every build still makes fresh Article objects and fires the signals plugins
# hook (content_object_init fills in charts and figures from the current data
# set). The "generator" layer would hand back whole pickled Articles: charts
# drawn from old data, links resolved against an old context, no signals.
# The cache never reaches the output, which stays byte-identical to a cold build.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CACHE_PATH = "cache"
# Content hashes, not times: a checkout or a copy that touches files without
# changing them keeps the cache, and an edit is seen whatever the clock says.
CHECK_MODIFIED_METHOD = "sha1"
# Uncompressed: the cache is read and written on every build, and gzip costs
# more time than the disk saves.
GZIP_CACHE = False

"""The official sitemap, with listing pages dated by the newest post instead of the build's clock.

pelican-sitemap dates a page that is no post (the index, tags, archives) with
the moment of the build, so two builds of the same sources would differ. Its
SitemapGenerator class is used as it is, through a subclass that, just
before writing, sets that date to the newest post's: which is also when
those listings last changed. blog_core registers it in place of the
sitemap plugin's own instance, so `pelican.plugins.sitemap` stays out of
PLUGINS.
"""

import os

from pelican.contents import Article
from pelican.plugins.sitemap.sitemap import SitemapGenerator


def newest_post_date(queued):
    """The latest Modified-or-Date among the queued (path, object) pairs' posts, or None."""
    dates = [getattr(obj, "modified", None) or obj.date for _path, obj in queued if isinstance(obj, Article)]
    return max(dates, default=None)


class StableSitemap(SitemapGenerator):
    def finalize(self, pelican):
        newest = newest_post_date(self.page_queue)
        if newest is not None:
            self.now = newest
        super().finalize(pelican)

    def _write_out(self, pelican):
        """Write the sitemap, but leave the file that was there if its bytes are the same.

        The sitemap writes its file itself; moving the old one aside and back
        keeps it untouched (its modification time too, which rsync goes by).
        """
        fmt = pelican.settings.get("SITEMAP", {}).get("format", "xml")
        path = os.path.join(pelican.output_path, f"sitemap.{fmt}")
        kept = os.path.join(pelican.output_path, f".sitemap.{fmt}.before")
        if os.path.isfile(path):
            os.replace(path, kept)
        super()._write_out(pelican)
        if not os.path.isfile(kept):
            return
        with open(kept, "rb") as before, open(path, "rb") as after:
            same = before.read() == after.read()
        if same:
            os.replace(kept, path)
        else:
            os.remove(kept)


def register(signals):
    sitemap = StableSitemap()
    # As the sitemap plugin's own register(): pages are queued as they are
    # written and the sitemap is written once everything else is. Held
    # strongly by the signals, as nothing else keeps this instance.
    signals.get_generators.connect(sitemap.init, weak=False)
    signals.content_written.connect(sitemap.queue_page, weak=False)
    signals.finalized.connect(sitemap.finalize, weak=False)

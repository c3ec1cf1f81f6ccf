"""A built site served over HTTP and opened in Chromium, with a record of what went wrong.

`serve` puts an output folder on 127.0.0.1 with the preview server of
`make serve`, which answers as the static host is told to (a missing page
gets the site's 404 page and the status 404). `Visit`
opens one page in a fresh browser context and records what a reader would
never see but a developer must: console errors, uncaught exceptions, failed
requests, dialogs, and any request to a host other than the test server,
which is refused before it leaves the machine.
"""

import contextlib
import threading
from urllib.parse import urlsplit

from pelican.plugins.site_common.preview import QuietPreviewHandler, make_server
from tests.tools import CHROMIUM_ARGS, chromium

LOCAL_HOST = "127.0.0.1"
# Desktop and phone widths; 360 px is the narrowest common phone.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@contextlib.contextmanager
def serve(directory, port):
    """Serve `directory` at http://127.0.0.1:<port>/ until the block ends."""
    server = make_server(directory, LOCAL_HOST, port, QuietPreviewHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)


class Visit:
    """One page in its own context; `problems()` lists everything that went wrong."""

    def __init__(self, browser, url, *, viewport=DESKTOP, color_scheme="light", init_script=None):
        self.console_errors = []
        self.page_errors = []
        self.failed_requests = []
        self.foreign_requests = []
        self.requests = []
        self.dialogs = []
        self.context = browser.new_context(viewport=viewport, color_scheme=color_scheme,
                                           service_workers="block")
        if init_script:
            self.context.add_init_script(init_script)
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)
        self.page.on("dialog", self._dialog)
        self.response = self.page.goto(url, wait_until="load")

    def _only_local(self, route):
        self.requests.append(route.request.url)
        address = urlsplit(route.request.url)
        # A page opened from disk loads its own files from disk.
        if address.hostname == LOCAL_HOST or address.scheme == "file":
            route.continue_()
        else:
            self.foreign_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _failed(self, request):
        # An image fetch the browser itself abandons is a change of mind, not a
        # fault: a <picture> switching source as the view is resized (a
        # full-page screenshot does that). Broken images and HTTP errors are
        # still caught, by broken_images() and by the response status.
        abandoned = request.resource_type == "image" and request.failure == "net::ERR_ABORTED"
        if request.url not in self.foreign_requests and not abandoned:
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def _response(self, response):
        if response.status >= 400:
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def load_everything(self):
        """Scroll to the end so lazy images load too, and wait until the network is quiet."""
        self.page.evaluate("""async () => {
            for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
                scrollTo(0, y);
                await new Promise(frame => requestAnimationFrame(frame));
            }
            scrollTo(0, 0);
        }""")
        self.page.wait_for_load_state("networkidle")

    def broken_images(self):
        """The address of every image on the page that does not load and decode."""
        return [src for src in self.page.evaluate(
            "() => Promise.all([...document.images].map(i => i.decode().then(() => null, () => i.src)))")
            if src]

    def problems(self):
        found = [f"console error: {text}" for text in self.console_errors]
        found += [f"uncaught exception: {text}" for text in self.page_errors]
        found += [f"failed request: {text}" for text in self.failed_requests]
        found += [f"request to another host: {url}" for url in self.foreign_requests]
        found += [f"dialog opened: {text}" for text in self.dialogs]
        return found

    def close(self):
        self.context.close()


# WCAG 2.1 contrast ratio of an element's text against the first opaque
# background behind it, from the colours the browser resolved.
CONTRAST = """element => {
  const rgb = text => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  let behind = element;
  let background = rgb(getComputedStyle(behind).backgroundColor);
  while ((background[3] === 0) && behind.parentElement) {
    behind = behind.parentElement;
    background = rgb(getComputedStyle(behind).backgroundColor);
  }
  const [fg, bg] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)];
  return {ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), background: bg};
}"""

# Elements whose right edge passes the viewport's. Something wider than the
# screen that scrolls inside its own box (a table, code) is fine; something
# that sticks out past the edge is not, even where the page hides the scroll.
OVERFLOW = """width => [...document.querySelectorAll('body *')]
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
  .filter(e => !e.parentElement.closest('[style*=overflow], .table-wrap, pre, details, table'))
  .map(e => `${e.tagName}${e.id ? '#' + e.id : ''} sticks out to ${Math.round(e.getBoundingClientRect().right)} px`)"""


def contrast(locator):
    """{"ratio": text contrast, "background": luminance of what is behind it}."""
    return locator.evaluate(CONTRAST)


def horizontal_overflow(page):
    """Why a reader would have to scroll sideways on this page; empty if they would not."""
    scroll, client = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    found = [f"the page is {scroll} px wide in a {client} px viewport"] if scroll > client else []
    return found + page.evaluate(OVERFLOW, client)

"""The Agg canvas charts are laid out and rasterized on: text sizes measured once per process, opaque PNGs saved as RGB.

matplotlib keeps a text's measured size per renderer, and every figure
(every rendering of every chart) gets a new renderer, so the same tick
labels, legend entries and titles were measured again in each of a chart's
renderings and in every chart after. A size depends only on the text, its
font, the renderer's dpi and the hinting settings, so one table serves every
figure this process draws; the drawn bytes are those matplotlib would draw.

matplotlib imports at the top: this module is imported only when a chart is
drawn (see draw.py).
"""

import io

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from PIL import Image

# Enough for every distinct label of a large site; cleared, not grown, beyond it.
MAX_SIZES = 50_000
_sizes = {}


def _hinting():
    # What FT2Font's measurement reads besides the font: fixed by the style file
    # today, part of the key so that a change to it can never reuse a size.
    return tuple(matplotlib.rcParams[key] for key in ("text.hinting", "text.hinting_factor", "text.kerning_factor"))


def _font_key(prop):
    return (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
            prop.get_size_in_points(), prop.get_file(), prop.get_math_fontfamily())


class SharedSizeRenderer(RendererAgg):
    """RendererAgg whose plain-text measurements come from the process-wide table."""

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        key = (s, _font_key(prop), self.dpi, _hinting())
        size = _sizes.get(key)
        if size is None:
            if len(_sizes) >= MAX_SIZES:
                _sizes.clear()
            size = _sizes[key] = super().get_text_width_height_descent(s, prop, ismath)
        return size


class Canvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with a SharedSizeRenderer (the same reuse rule as matplotlib's own)."""

    def get_renderer(self):
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = SharedSizeRenderer(width, height, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def png_bytes(figure, dpi):
    """The figure as a PNG at `dpi`; without the alpha channel when every pixel is opaque.

    The framed pictures and cards have an opaque background: their alpha
    channel says only "opaque" at every pixel, costs a quarter of the pixel
    data to compress and makes the file about a tenth larger. The colours are
    the very pixels matplotlib's own PNG would hold.
    """
    raw = io.BytesIO()
    figure.savefig(raw, format="rgba", dpi=dpi)
    renderer = figure.canvas.renderer  # the one savefig just drew on
    image = Image.frombuffer("RGBA", (int(renderer.width), int(renderer.height)), raw.getvalue(), "raw", "RGBA", 0, 1)
    if image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    out = io.BytesIO()
    # As matplotlib writes it: the resolution recorded, no software or date.
    image.save(out, format="png", dpi=(dpi, dpi))
    return out.getvalue()

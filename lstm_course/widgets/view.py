"""What every explorer shares: a picture that redraws without flicker and without a
backlog, a readable state, and a static fallback where widgets cannot render.

- The picture is an ``ipywidgets.Image`` whose PNG bytes are swapped in place: the
  page never clears an output area, so nothing flickers, and the bytes are saved
  with the notebook's widget state.
- A slider moved fast sends many changes. The numbers (``state`` and the readout)
  follow every change at once, as they are cheap; the picture is redrawn at most
  once per ``REDRAW_DELAY`` seconds, with the latest values only (``Coalescer``).
- Figures are ``matplotlib.figure.Figure`` objects made without pyplot, so the
  inline backend never shows a stray copy under the cell.
"""
import asyncio
import base64
import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 80  # pictures of about 370 x 450 pixels for the cell
MIN_TEXT_PX = 10  # no text in an explorer's picture is smaller (shown at its own size)
REDRAW_DELAY = 0.05  # seconds; shorter than a frame of a "Play" control

__all__ = ["Coalescer", "Explorer", "figure_png", "fmt", "new_figure", "show_figure", "slider"]


def fmt(x, spec=".2f"):
    """x formatted with spec, never as "-0.00": a value that rounds to zero is "0.00"."""
    text = format(float(x), spec)
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text


def new_figure(figsize, dpi=DPI):
    """A figure that belongs to no pyplot window (so it is never shown twice), with
    its own Agg canvas, kept between redraws with its caches."""
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def figure_png(fig):
    """The figure rendered as PNG bytes, at the figure's own dpi: saving at another dpi
    would make a fresh renderer, and lose matplotlib's cache of laid-out formulas."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi="figure")
    return buf.getvalue()


def show_figure(fig, image):
    """Render fig into an Image widget, shown at its own pixel size (not stretched)."""
    image.value = figure_png(fig)
    width = f"{fig.get_figwidth() * fig.dpi:.0f}px"
    # never squeezed below its own size (text would shrink under MIN_TEXT_PX)
    image.layout.width = image.layout.min_width = width
    image.layout.flex = "0 0 auto"


def slider(description, value, low, high, step, *, readout_format=".2f"):
    """A FloatSlider with the explorers' look; ValueError when value is out of range."""
    value = float(value)
    if not low <= value <= high:
        raise ValueError(f"{description} must be between {low} and {high}, got {value}")
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=readout_format, continuous_update=True,
        style={"description_width": "3.5em"}, layout=widgets.Layout(width="300px"))


class Coalescer:
    """Call ``fn`` once for a burst of requests, with the latest values.

    Inside a running event loop (a Jupyter kernel handling a widget message) the call
    waits ``delay`` seconds and requests in between are merged; without one (plain
    Python, tests) it happens at once, so a test sees the picture it asked for.
    """

    def __init__(self, fn, delay=REDRAW_DELAY):
        self.fn, self.delay = fn, delay
        self._handle = None
        self.calls = 0  # how many redraws actually ran (tests and the curious read it)

    def request(self):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            self.flush()
        elif self._handle is None:
            self._handle = loop.call_later(self.delay, self.flush)

    def flush(self):
        """Call ``fn`` now (and drop a call that was waiting)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self.calls += 1
        self.fn()


class Explorer(widgets.VBox):
    """A VBox with the explorer's ``state`` dict, its picture and a static fallback.

    Subclasses fill ``self.state`` and call ``self.show(fig)`` to put a figure on screen.
    Where widgets cannot render (a static HTML export, a viewer without a kernel), the
    notebook still holds the current picture as a PNG and one sentence saying what it is.
    """

    summary = "An interactive explorer; run the notebook in JupyterLab to move its controls."

    def __init__(self, children=(), **kwargs):
        self.image = widgets.Image(format="png")
        super().__init__(children=children, **kwargs)
        self.state = {}

    def show(self, fig, image=None):
        """Put the figure on screen, in ``self.image`` or the Image widget given."""
        show_figure(fig, self.image if image is None else image)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.summary
        if self.image.value:
            bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle

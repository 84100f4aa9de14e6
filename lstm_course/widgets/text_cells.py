"""The text-cell explorer: pick a memory cell and a quantity (c, h, i, f, o), see the
passage coloured by it (lesson 10).

The picture is ``plots.text_cells.passage_html`` in an ``ipywidgets.HTML``: swapping
its value redraws without flicker. Where widgets cannot render, the notebook still
holds the passage as it was first shown (plain HTML with inline styles) and one
sentence saying what it is.
"""
import ipywidgets as widgets
import numpy as np

from ..cell_analysis import QUANTITY_NAMES
from ..plots.text_cells import passage_html

CHOICES = ("c", "h", "i", "f", "o")


class TextCellExplorer(widgets.VBox):
    summary = ("Text-cell explorer (interactive): pick a memory cell and a quantity (c, h, i, f, o) "
               "and the passage is coloured by it; run the notebook in JupyterLab to change them. "
               "Below, the passage at the starting choice.")

    def __init__(self, cells, text, cell=0, quantity="c"):
        H = cells["c"].shape[1]
        if quantity not in CHOICES:
            raise ValueError(f"quantity must be one of {CHOICES}, got {quantity!r}")
        if isinstance(cell, bool) or not isinstance(cell, (int, np.integer)) or not 0 <= cell < H:
            raise ValueError(f"cell must be an integer in [0, {H}), got {cell!r}")
        if cells["c"].shape[0] != len(text):
            raise ValueError(f"cells hold {cells['c'].shape[0]} steps, the text {len(text)} characters")
        self.cells, self.text = cells, text
        self.cell_picker = widgets.BoundedIntText(value=int(cell), min=0, max=H - 1, description="cell",
                                                  layout=widgets.Layout(width="150px"))
        self.quantity_picker = widgets.ToggleButtons(
            options=[(q, q) for q in CHOICES], value=quantity, description="quantity",
            tooltips=[QUANTITY_NAMES[q] for q in CHOICES], style={"button_width": "40px"})
        self.view = widgets.HTML()
        self.state = {}
        super().__init__(children=[widgets.HBox([self.cell_picker, self.quantity_picker]), self.view])
        self.cell_picker.observe(self._update, names="value")
        self.quantity_picker.observe(self._update, names="value")
        self._update()
        self._first_html = self.view.value

    def select(self, cell=None, quantity=None):
        """Set the cell and/or the quantity from Python (as the controls do)."""
        if quantity is not None:
            self.quantity_picker.value = quantity
        if cell is not None:
            self.cell_picker.value = int(cell)

    def _update(self, change=None):
        cell, quantity = int(self.cell_picker.value), self.quantity_picker.value
        values = self.cells[quantity][:, cell]
        self.state = {"cell": cell, "quantity": quantity, "values": values}
        self.view.value = passage_html(self.text, values, quantity, cell)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.summary
        bundle["text/html"] = self._first_html
        return bundle


def text_cell_explorer(cells, text, cell=0, quantity="c"):
    """The explorer over ``text`` (cells from ``cell_analysis.run_cells`` on that text)."""
    return TextCellExplorer(cells, text, cell=cell, quantity=quantity)

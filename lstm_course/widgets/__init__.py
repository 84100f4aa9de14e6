"""Explorers: ipywidgets that let a learner drive the memory cell and watch it work.

- ``cell_explorer``     one memory cell: sliders for z, z_i, z_f, z_o, c (lesson 2).
- ``sequence_explorer`` the hand-wired memory machine, step by step, with its weights
                        on sliders to break and repair it (lesson 3).
- ``network_explorer``  a trained LSTM layer: every unit's gates over time as heat maps.

Each function returns its widget (it never calls ``display``); the widget's ``state``
dict holds the numbers it shows, computed by the numeric modules, so tests drive it
from Python. Lessons embed one with one import and one call.
"""
from .cell import cell_explorer
from .network import network_explorer
from .sequence import sequence_explorer

__all__ = ["cell_explorer", "sequence_explorer", "network_explorer"]

"""Pictures of the LSTM's variants (lesson 9), under one name: the diagrams
(``variant_diagrams``) and the experiment's results (``variant_results``; the text table is
``variant_study.results_table``)."""
from ..variant_study import results_table
from .variant_diagrams import (COUPLED, GREY, OTHER_DESIGNS, PALE, PEEP, PEEP_LABELS, REPLACED_BY,
                               draw_variant, draw_variants, variant_style)
from .variant_results import plot_adding_results, plot_chars_results

__all__ = ["COUPLED", "GREY", "OTHER_DESIGNS", "PALE", "PEEP", "PEEP_LABELS", "REPLACED_BY", "draw_variant",
           "draw_variants", "variant_style", "plot_adding_results", "plot_chars_results", "results_table"]

"""Pictures of the LSTM's variants (lesson 9), under one name: the diagrams
(``variant_diagrams``) and the experiment's results (``variant_results``)."""
from .variant_diagrams import (COUPLED, GREY, OTHER_DESIGNS, PALE, PEEP, PEEP_LABELS, REPLACED_BY,
                               draw_variant, draw_variants, variant_style)
from .variant_results import plot_adding_results, plot_chars_results, results_table

__all__ = ["COUPLED", "GREY", "OTHER_DESIGNS", "PALE", "PEEP", "PEEP_LABELS", "REPLACED_BY", "draw_variant",
           "draw_variants", "variant_style", "plot_adding_results", "plot_chars_results", "results_table"]

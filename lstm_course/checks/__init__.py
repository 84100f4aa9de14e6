"""Exercise checkers, one module per lesson topic.

Each checker compares a learner's function with the package's reference on random
and edge-case inputs (zeros, a batch of one, large values), prints a pass line or
a hint that names the likely mistake, and returns a ``CheckResult`` (truthy when
passed; ``.status`` is "passed", "failed", "not done" or "error"; ``.hint``)::

    from lstm_course.checks import check_memory_cell
    check_memory_cell(memory_cell)

A function that still raises NotImplementedError is reported as "not done yet";
any other exception as one friendly line naming the line of the learner's code.
"""
from .ablation import check_nfg_step
from .activations import check_sigmoid, check_sigmoid_grad
from .cell import check_cifg_cell, check_memory_cell
from .cells import check_correlations, check_line_position, check_saturation_fractions
from .cifg import check_cifg_backward, check_cifg_step
from .core import CheckResult
from .fading import check_steps_until_below
from .gradcheck import check_gradcheck
from .memory_machine import check_machine_weights
from .network import check_param_count, check_torch_mapping, lecture_layout
from .prediction import check_prediction
from .plain_memory import check_keep_by_multiplying, check_memory_gradient, check_tanh_neuron
from .sequence import check_lstm_backward, check_lstm_forward
from .step import check_step_forward
from .step_grad import check_step_backward
from .sampling import check_draw, check_sampling_probs
from .schedule import check_lr_schedule
from .text import check_encode_decode, check_tbptt_batches, check_unigram_loss
from .timer import check_median_time
from .torch_ops import check_peephole_step, check_torch_forward, check_torch_step
from .training import check_adam_step, check_clip, check_sgd_momentum_step
from .variants import check_gru_backward, check_gru_step

__all__ = [
    "CheckResult", "lecture_layout",
    "check_keep_by_multiplying", "check_memory_gradient", "check_tanh_neuron",          # lesson 1
    "check_steps_until_below",
    "check_sigmoid", "check_sigmoid_grad", "check_memory_cell", "check_cifg_cell",      # lesson 2
    "check_machine_weights",                                                            # lesson 3
    "check_param_count", "check_step_forward", "check_lstm_forward", "check_torch_mapping",  # lesson 4
    "check_cifg_step",
    "check_step_backward", "check_lstm_backward", "check_gradcheck",                    # lesson 5
    "check_cifg_backward",
    "check_clip", "check_sgd_momentum_step", "check_adam_step", "check_lr_schedule",    # lesson 6
    "check_encode_decode", "check_sampling_probs", "check_tbptt_batches", "check_unigram_loss",  # lesson 7
    "check_draw",
    "check_torch_step", "check_torch_forward", "check_median_time", "check_peephole_step",  # lesson 8
    "check_gru_step", "check_gru_backward", "check_nfg_step", "check_prediction",       # lesson 9
    "check_line_position", "check_correlations", "check_saturation_fractions",          # lesson 10
]

"""Checkers for lesson 8: one LSTM step and a whole layer in torch operations
(the honest timer's checker is in ``timer.py``).

References: ``lstm_course.torch_scratch.step`` and ``torch_scratch.forward``
(gate blocks in PyTorch's order i, f, g, o). torch is imported inside the
functions, never at import time: ``import lstm_course.checks`` stays light.
"""
import numpy as np

from ..params import init_params
from .core import FAILED, Case, Stop, Variant, diagnose


def _numpy(name, value):
    """A tensor (or array) as a float64 numpy array."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().double().numpy()
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Stop(FAILED, f"{name} should be a tensor, you returned a {type(value).__name__}") from None


def _tensors(*arrays):
    import torch

    return tuple(torch.from_numpy(np.array(a, dtype=np.float64)) for a in arrays)


# --------------------------------------------------------------------------- one step
def _step_run(step):
    """Call step on tensors made from numpy inputs; (h, c) back as numpy."""
    def run(x_proj, h_prev, c_prev, W_hh, b_hh):
        out = step(*_tensors(x_proj, h_prev, c_prev, W_hh, b_hh))
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise Stop(FAILED, f"return two tensors, (h, c); you returned {type(out).__name__}")
        return _numpy("h", out[0]), _numpy("c", out[1])
    return run


def _reference_step(*args):
    from .. import torch_scratch

    return torch_scratch.step(*args)


def _step_with(order=(0, 1, 2, 3), g="tanh", h_act="tanh", b_hh=True):
    """A wrong step: the chunks read in ``order`` (as i, f, g, o), other activations, or no b_hh."""
    def step(x_proj, h_prev, c_prev, W_hh, bias):
        import torch

        a = x_proj + h_prev @ W_hh.T + (bias if b_hh else 0)
        chunks = a.chunk(4, dim=1)
        z_i, z_f, z, z_o = (chunks[k] for k in order)
        g_z = torch.tanh(z) if g == "tanh" else torch.sigmoid(z)
        c = g_z * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
        h = (torch.tanh(c) if h_act == "tanh" else c) * torch.sigmoid(z_o)
        return h, c
    return step


ORDER_HINT = "PyTorch's gate order is i, f, g, o: z_i, z_f, z, z_o = a.chunk(4, dim=1)."
STEP_VARIANTS = [
    Variant("your forget gate multiplies the new input instead of the old memory: "
            "c = tanh(z) * sigmoid(z_i) + c_prev * sigmoid(z_f).", _step_run(_step_with(order=(1, 0, 2, 3)))),
    Variant(ORDER_HINT + " You read the chunks in the lecture's order z, z_i, z_f, z_o.",
            _step_run(_step_with(order=(1, 2, 0, 3)))),
    Variant(ORDER_HINT + " You read them as i, f, o, g.", _step_run(_step_with(order=(0, 1, 3, 2)))),
    Variant("the cell input g uses tanh (values in -1..1, so the memory can go down); only the three gates "
            "use sigmoid.", _step_run(_step_with(g="sigmoid"))),
    Variant("the output is tanh(c') times the output gate: h = tanh(c) * sigmoid(z_o).",
            _step_run(_step_with(h_act="identity"))),
    Variant("add b_hh: the pre-activation is x_proj_t + h_prev @ W_hh.T + b_hh (x_proj_t already holds b_ih).",
            _step_run(_step_with(b_hh=False))),
]
_SHAPE_HINTS = (("cannot be multiplied", "W_hh is (4H, H): multiply by its transpose, h_prev @ W_hh.T."),
                ("size of tensor", "W_hh is (4H, H): multiply by its transpose, h_prev @ W_hh.T."))


def _step_case(rng, B, H, scale=1.0):
    p = init_params(3, H, seed=int(rng.integers(1000)))
    return (scale * rng.normal(size=(B, 4 * H)), rng.normal(size=(B, H)), rng.normal(size=(B, H)),
            p["W_hh"], p["b_hh"])


def _step_cases():
    rng = np.random.default_rng(81)
    zeros = tuple(np.zeros_like(a) if k < 3 else a for k, a in enumerate(_step_case(rng, 2, 3)))
    return [Case("random B=3, H=4", _step_case(rng, 3, 4)), Case("a batch of one", _step_case(rng, 1, 5)),
            Case("zero inputs and state", zeros), Case("large pre-activations (x 50)", _step_case(rng, 2, 3, 50.0)),
            Case("one cell, H = 1", _step_case(rng, 4, 1))]


def check_torch_step(fn):
    """Check fn(x_proj_t (B, 4H), h_prev (B, H), c_prev (B, H), W_hh (4H, H), b_hh (4H,)) -> (h, c),
    torch tensors, against ``torch_scratch.step``."""
    return diagnose("check_torch_step", _step_run(fn), _step_run(_reference_step), _step_cases(), STEP_VARIANTS,
                    ("h", "c"), error_hints=_SHAPE_HINTS,
                    summary="h and c match torch_scratch.step (random, a batch of one, zeros, large "
                            "pre-activations, one cell).")


# --------------------------------------------------------------------------- a whole layer
def _forward_run(forward):
    """Call forward(x, params) on tensors; (hs, h_T, c_T) back as numpy."""
    def run(x, params):
        from .. import torch_scratch

        out = forward(_tensors(x)[0], torch_scratch.params_to_torch(params))
        if not isinstance(out, (tuple, list)) or len(out) != 2 or not isinstance(out[1], (tuple, list)) \
                or len(out[1]) != 2:
            raise Stop(FAILED, "return (hs, (h_T, c_T)), as torch.nn.LSTM does")
        return _numpy("hs", out[0]), _numpy("h_T", out[1][0]), _numpy("c_T", out[1][1])
    return run


def _reference_forward(x, p):
    from .. import torch_scratch

    return torch_scratch.forward(x, p)


def _forward_with(carry=True, b_ih=1, h0_in_hs=False):
    """A wrong forward: memory reset every step, b_ih left out or added twice, or h_0 kept in hs."""
    def forward(x, p):
        import torch

        from ..torch_scratch import step

        T, B, _ = x.shape
        H = p["W_hh"].shape[1]
        x_proj = x @ p["W_ih"].T + b_ih * p["b_ih"]
        h = c = x.new_zeros((B, H))
        hs = [h] if h0_in_hs else []
        for t in range(T):
            h_new, c_new = step(x_proj[t], h, c, p["W_hh"], p["b_hh"])
            if carry:
                h, c = h_new, c_new
            hs.append(h_new)
        return torch.stack(hs), (h_new, c_new)
    return forward


FORWARD_VARIANTS = [
    Variant("carry the memory: h, c = step(x_proj[t], h, c, ...) feeds each step's h and c into the next "
            "(yours starts every step from zeros).", _forward_run(_forward_with(carry=False))),
    Variant("the input part carries its own bias: x_proj = x @ W_ih.T + b_ih.", _forward_run(_forward_with(b_ih=0))),
    Variant("the bias is added twice: b_ih once in x_proj, b_hh once inside the step.",
            _forward_run(_forward_with(b_ih=2))),
    Variant("hs holds the T outputs h_1 .. h_T, not the starting state h_0.",
            _forward_run(_forward_with(h0_in_hs=True))),
]


def _forward_cases():
    rng = np.random.default_rng(82)
    return [Case(f"T={T}, B={B}, D={D}, H={H}", (scale * rng.normal(size=(T, B, D)), init_params(D, H, seed=s)))
            for T, B, D, H, s, scale in ((5, 3, 4, 2, 0, 1.0), (1, 1, 2, 3, 1, 1.0), (4, 2, 3, 1, 2, 1.0),
                                         (3, 2, 2, 2, 3, 30.0))]


def check_torch_forward(fn):
    """Check fn(x (T, B, D) tensor, params dict of tensors) -> (hs (T, B, H), (h_T, c_T)) against
    ``torch_scratch.forward``."""
    return diagnose("check_torch_forward", _forward_run(fn), _forward_run(_reference_forward), _forward_cases(),
                    FORWARD_VARIANTS, ("hs", "h_T", "c_T"), error_hints=_SHAPE_HINTS,
                    summary="hs, h_T and c_T match torch_scratch.forward (several sizes, one step, "
                            "one cell, large inputs).")

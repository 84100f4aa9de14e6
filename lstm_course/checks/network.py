"""Checkers for a layer's parameters: how many there are, and how they map onto
``torch.nn.LSTM`` (lesson 4).

The lecture writes each signal with its own matrices (z = W_z x + U_z h + b_z,
z_i = ..., in the order z, z_i, z_f, z_o, one bias each). PyTorch stacks them in
the order i, f, g, o and keeps two biases. ``lecture_layout`` writes the
package's parameters the lecture's way, so an exercise can ask for the mapping
back; the reference is the package's own parameters (``torch_compare``).
"""
import numpy as np

from .. import stacked
from ..params import count_params, init_params
from .core import FAILED, Case, Stop, Variant, call_learner, diagnose, report

LECTURE_ORDER = (2, 0, 1, 3)   # the package's blocks (i, f, g, o) taken as z, z_i, z_f, z_o


def _reorder(array, order, H):
    return np.concatenate([array[k * H:(k + 1) * H] for k in order])


def lecture_layout(params):
    """The package's params written the lecture's way, blocks z, z_i, z_f, z_o and one bias.

    Inputs: params with W_ih (4H, D), W_hh (4H, H), b_ih, b_hh (4H,) (order i, f, g, o).
    Returns {"W": (4H, D), "U": (4H, H), "b": (4H,)}; rows 0:H are z, H:2H z_i, 2H:3H z_f, 3H:4H z_o.
    """
    H = params["W_hh"].shape[1]
    return {"W": _reorder(params["W_ih"], LECTURE_ORDER, H), "U": _reorder(params["W_hh"], LECTURE_ORDER, H),
            "b": _reorder(params["b_ih"] + params["b_hh"], LECTURE_ORDER, H)}


# --------------------------------------------------------------------------- counting
def _lstm_count(D, H, num_layers=1):
    return sum(count_params(p) for p in stacked.init_params(D, H, num_layers))


def _per_layer(D, H, L, first, higher):
    return first(D, H) + (L - 1) * higher(D, H)


_ONE = lambda D, H: 4 * H * (D + H) + 8 * H  # noqa: E731  (one layer reading D inputs)
COUNT_VARIANTS = [
    Variant("an LSTM has four blocks of weights (i, f, g, o), each the size of a plain RNN's: "
            "4 (H D + H H + 2 H) per layer.",
            lambda D, H, L=1: _per_layer(D, H, L, lambda d, h: h * d + h * h + 2 * h, lambda d, h: 2 * h * h + 2 * h)),
    Variant("PyTorch keeps two bias vectors, b_ih and b_hh, 4H numbers each.",
            lambda D, H, L=1: _per_layer(D, H, L, lambda d, h: 4 * h * (d + h) + 4 * h, lambda d, h: 8 * h * h + 4 * h)),
    Variant("two biases of 4H each: PyTorch keeps b_ih and b_hh, 8H numbers per layer; you counted 2H.",
            lambda D, H, L=1: _per_layer(D, H, L, lambda d, h: 4 * h * (d + h) + 2 * h, lambda d, h: 8 * h * h + 2 * h)),
    Variant("count the biases too: b_ih and b_hh, 4H numbers each.",
            lambda D, H, L=1: _per_layer(D, H, L, lambda d, h: 4 * h * (d + h), lambda d, h: 8 * h * h)),
    Variant("W_hh multiplies the previous output h (H numbers), so it is (4H, H), not (4H, D).",
            lambda D, H, L=1: _per_layer(D, H, L, lambda d, h: 8 * h * d + 8 * h, lambda d, h: 8 * h * h + 8 * h)),
    Variant("layer k > 0 reads the outputs of the layer below, H numbers, not the input x: its W_ih is (4H, H), "
            "not (4H, D).", lambda D, H, L=1: L * _ONE(D, H)),
    Variant("every layer has its own W_ih: layer 0's is (4H, D), and each layer above reads the layer below's "
            "h through a W_ih of (4H, H); yours counts W_ih for layer 0 only.",
            lambda D, H, L=1: 4 * H * D + L * (4 * H * H + 8 * H)),
    Variant("W_hh is (4H, H), like W_ih it holds a block for each of the four gates: the previous output h feeds "
            "i, f, g and o. You counted it as (H, H), one block.",
            lambda D, H, L=1: _per_layer(D, H, L, lambda d, h: 4 * h * d + h * h + 8 * h,
                                         lambda d, h: 4 * h * h + h * h + 8 * h)),
    Variant("a layer above layer 0 reads only the layer below's h (H numbers), not the input x as well: its W_ih "
            "is (4H, H), not (4H, D + H).",
            lambda D, H, L=1: _per_layer(D, H, L, _ONE, lambda d, h: 4 * h * (d + 2 * h) + 8 * h)),
    Variant("count every layer: num_layers layers, each with its own W_ih, W_hh, b_ih and b_hh.",
            lambda D, H, L=1: _ONE(D, H)),
    Variant("there are num_layers layers, not num_layers + 1 (or - 1): layer 0 reads x, layers 1 .. L-1 read H.",
            lambda D, H, L=1: _ONE(D, H) + L * _ONE(H, H)),
    Variant("there are num_layers layers, not num_layers + 1 (or - 1): layer 0 reads x, layers 1 .. L-1 read H.",
            lambda D, H, L=1: _ONE(D, H) + max(L - 2, 0) * _ONE(H, H)),
]


def _float_count(fn, cases):
    """A hint when fn returns the right count on every case but as a float (the task asks for an int)."""
    floats = []
    for case in cases:
        try:
            got = call_learner(fn, *case.args)
        except Stop:
            return None           # diagnose reports the error
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (float, np.floating)):
            return None
        if not np.isfinite(got) or got != _lstm_count(*case.args):
            return None           # a wrong value: diagnose names it
        floats.append(got)
    return (f"return the count as an integer (an int): yours is the float {floats[0]!r}. A count of numbers is "
            "whole; a float creeps in with `4.0 * H`, `/` (use `//`) or np.prod of floats; write `4 * H ...` or "
            "wrap the result in int(...).") if floats else None


def check_param_count(fn):
    """Check fn(D, H, num_layers) -> the number of parameters of a stack of LSTM layers
    (as torch.nn.LSTM(D, H, num_layers)), an int."""
    cases = [Case(f"D={D}, H={H}, num_layers={L}", (D, H, L))
             for D, H, L in ((1, 1, 1), (3, 2, 1), (10, 20, 2), (2, 128, 3), (5, 3, 4))]
    if callable(fn):
        hint = _float_count(fn, cases)
        if hint:
            return report("check_param_count", FAILED, hint, f"case '{cases[0].label}'")
    return diagnose("check_param_count", fn, _lstm_count, cases, COUNT_VARIANTS, ("count",),
                    arg_names=("D", "H", "num_layers"),
                    error_hints=(("positional argument", "your function takes three arguments, "
                                                         "lstm_param_count(D, H, num_layers)."),),
                    summary="your count equals the number of entries of every layer's W_ih, W_hh, b_ih and b_hh "
                            "(as torch.nn.LSTM(D, H, num_layers)) for five sizes.")


# --------------------------------------------------------------------------- torch
def _torch_params(module):
    """(W_ih, W_hh, b_ih + b_hh) of a one-layer torch.nn.LSTM, as float64 arrays."""
    import torch

    if not isinstance(module, torch.nn.LSTM):
        raise Stop(FAILED, f"return the torch.nn.LSTM itself; you returned a value of type {type(module).__name__}")
    if module.num_layers != 1 or module.bidirectional or not module.bias:
        raise Stop(FAILED, "make a plain one-layer torch.nn.LSTM(D, H) (with biases, one direction)")
    get = lambda name: getattr(module, name).detach().cpu().double().numpy()  # noqa: E731
    return get("weight_ih_l0"), get("weight_hh_l0"), get("bias_ih_l0") + get("bias_hh_l0")


ORDER_HINT = ("PyTorch's gate order is i, f, g, o: take the lecture's blocks z, z_i, z_f, z_o "
              "in the order z_i, z_f, z, z_o (rows and bias alike).")


def _as_lecture_rows(order):
    """A variant that puts the lecture's blocks into torch in ``order`` (indices into z, z_i, z_f, z_o)."""
    def variant(lect):
        H = lect["U"].shape[1]
        return tuple(_reorder(lect[k], order, H) for k in ("W", "U", "b"))
    return variant


def _bias_twice(lect):
    W, U, b = _as_lecture_rows((1, 2, 0, 3))(lect)
    return W, U, 2 * b


TORCH_VARIANTS = [
    Variant(ORDER_HINT + " You copied them in the lecture's order.", _as_lecture_rows((0, 1, 2, 3))),
    Variant(ORDER_HINT + " You put the output gate before the cell input (i, f, o, g).", _as_lecture_rows((1, 2, 3, 0))),
    Variant(ORDER_HINT + " You swapped the input and forget gates.", _as_lecture_rows((2, 1, 0, 3))),
    Variant("the bias is added twice: PyTorch adds bias_ih_l0 and bias_hh_l0, so put b in one of them "
            "and zeros in the other.", _bias_twice),
    Variant("W (the input's weights) goes into weight_ih_l0 and U (the previous output's) into weight_hh_l0: "
            "you swapped them.", lambda lect: _expected({**lect, "W": lect["U"], "U": lect["W"]})),
    Variant("copy W and U as they are, (4H, D) and (4H, H), the shapes torch uses: no .T.",
            lambda lect: tuple(a.T for a in _expected(lect)[:2]) + _expected(lect)[2:]),
    Variant("copy U as it is, (4H, H), the shape torch uses: no .T.",
            lambda lect: (_expected(lect)[0], _expected(lect)[1].T, _expected(lect)[2])),
]


def _torch_cases():
    return [Case(f"D={D}, H={H}", (lecture_layout(init_params(D, H, seed=seed)),))
            for D, H, seed in ((3, 4, 0), (1, 1, 1), (5, 2, 2), (3, 3, 3))]


def _expected(lect, H=None):
    """The package's own params (the ones ``lecture_layout`` was made from), as torch holds them."""
    H = H or lect["U"].shape[1]
    inverse = np.argsort(LECTURE_ORDER)
    return tuple(_reorder(lect[k], inverse, H) for k in ("W", "U", "b"))


def _size_problem(modules, D, H):
    """A hint when a torch.nn.LSTM made for a case with inputs of size D and H cells has other sizes."""
    for m in modules:
        sizes = (m.input_size, m.hidden_size)
        if sizes == (D, H):
            continue
        if sizes == (H, D):
            return (f"torch.nn.LSTM takes the input size first, then the number of cells: torch.nn.LSTM(D, H). "
                    f"Yours is torch.nn.LSTM({sizes[0]}, {sizes[1]}) for D = {D}, H = {H}: the two arguments are "
                    "swapped.")
        return (f"your torch.nn.LSTM({sizes[0]}, {sizes[1]}) does not fit this lect, which has D = {D}, H = {H}: "
                "read the sizes from the arrays, D = lect['W'].shape[1] and H = lect['U'].shape[1], not numbers "
                "fixed from the example (D = 3, H = 2).")
    return None


def _made_modules(fn, lect):
    """fn(lect), with a Stop naming the sizes when a torch.nn.LSTM it made does not fit lect
    (also when that makes fn raise)."""
    import torch
    from torch.nn.modules.module import register_module_parameter_registration_hook

    D, H = lect["W"].shape[1], lect["U"].shape[1]
    made = []
    handle = register_module_parameter_registration_hook(
        lambda m, name, p: made.append(m) if isinstance(m, torch.nn.LSTM) and m not in made else None)
    try:
        module = fn(lect)
    except Exception:
        handle.remove()
        hint = _size_problem(made, D, H)
        if hint:
            raise Stop(FAILED, hint, f"case 'D={D}, H={H}'") from None
        raise
    handle.remove()
    if isinstance(module, torch.nn.LSTM):
        hint = _size_problem([module], D, H)
        if hint:
            raise Stop(FAILED, hint, f"case 'D={D}, H={H}'")
    return module


DTYPE_HINT = ("your module is float32, torch.nn.LSTM's default, so copy_ rounded the lecture's float64 weights to "
              "about 7 digits. Make it float64, as the task says: torch.nn.LSTM(D, H).double() (or "
              "dtype=torch.float64), then copy.")


def _float32_module(fn, cases):
    """DTYPE_HINT when fn's module holds the right weights on every case, but as float32."""
    import torch
    seen = False
    for case in cases:
        try:
            module = call_learner(_made_modules, fn, *case.args)
            got = _torch_params(module)
        except Stop:
            return None           # diagnose reports it
        if module.weight_ih_l0.dtype == torch.float64:
            continue
        if not all(np.allclose(g, e, rtol=1e-5, atol=1e-6) for g, e in zip(got, _expected(*case.args))):
            return None           # a wrong value: diagnose names it
        seen = True
    return DTYPE_HINT if seen else None


def check_torch_mapping(fn):
    """Check fn(lect) -> torch.nn.LSTM, where lect = {"W", "U", "b"} in the lecture's layout
    (see ``lecture_layout``): the module must hold the same LSTM, in float64."""
    def learner(lect):
        return _torch_params(_made_modules(fn, lect))

    if callable(fn):
        hint = _float32_module(fn, _torch_cases())
        if hint:
            return report("check_torch_mapping", FAILED, hint, "the values are right, the dtype is float32")

    return diagnose("check_torch_mapping", learner, _expected, _torch_cases(), TORCH_VARIANTS,
                    ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0 + bias_hh_l0"), rtol=1e-5, atol=1e-7,
                    fallback_hint="copy W into weight_ih_l0, U into weight_hh_l0, b into one bias and zeros "
                                  "into the other, each reordered to i, f, g, o.",
                    error_hints=(("leaf Variable that requires grad", "copying into a parameter that autograd "
                                  "follows is an in-place change it forbids: put the copies inside "
                                  "`with torch.no_grad():` (as the task says), e.g. `with torch.no_grad(): "
                                  "m.weight_ih_l0.copy_(torch.from_numpy(...))`."),
                                 ("size", "copy_ needs the same shape on both sides: weight_ih_l0 is (4H, D) and "
                                          "takes W, weight_hh_l0 is (4H, H) and takes U, both as they are "
                                          "(no .T); check that you did not swap W and U or transpose one."),
                                 ("must match", "copy_ needs the same shape on both sides: weight_ih_l0 is (4H, D) "
                                                "and takes W, weight_hh_l0 is (4H, H) and takes U, both as they "
                                                "are (no .T); check that you did not swap W and U or transpose "
                                                "one.")),
                    summary="your torch.nn.LSTM holds the same weights, in PyTorch's order i, f, g, o, "
                            "with the bias counted once (four sizes).")

"""Natural wrong answers to exercise 9 (which gate matters: the GRU, an ablation, a prediction).

The prediction task's wrong names depend on what the experiment measured: they are read
from results/variants/adding_summary.json (every ablation that did not fail most is a
wrong prediction, and its hint must quote its own measured runs).
"""
import json

from lstm_course.checks import prediction as pred
from lstm_course.variants import family

from . import Mistake

EXERCISE = "09_which_gate_matters"

STEP = "check_gru_step(gru_step)"
BACK = "check_gru_backward(gru_step_backward)"
NFG = "check_nfg_step(nfg_step)"
PRED = "check_prediction(prediction)"

STEP_CODE = '''
def gru_step(x_t, h_prev, params):
    H = h_prev.shape[1]
    xi = x_t @ params["W_ih"].T + params["b_ih"]
    hh = h_prev @ params["W_hh"].T + params["b_hh"]
    r = sigmoid(xi[:, :H] + hh[:, :H])
    z = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])
    n = np.tanh(xi[:, 2 * H:] + r * hh[:, 2 * H:])
    return (1 - z) * n + z * h_prev
'''


def step(*pairs):
    code = STEP_CODE
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in code, old
        code = code.replace(old, new)
    return code


BACK_CODE = '''
def gru_step_backward(dh, cache):
    x_t, h_prev, params = cache["x_t"], cache["h_prev"], cache["params"]
    r, z, n, hn = cache["r"], cache["z"], cache["n"], cache["hn"]
    da_n = dh * (1 - z) * (1 - n ** 2)
    da_r = da_n * hn * r * (1 - r)
    da_z = dh * (h_prev - n) * z * (1 - z)
    d_in = np.concatenate([da_r, da_z, da_n], axis=1)
    d_state = np.concatenate([da_r, da_z, da_n * r], axis=1)
    dparams = {"W_ih": d_in.T @ x_t, "W_hh": d_state.T @ h_prev,
               "b_ih": d_in.sum(axis=0), "b_hh": d_state.sum(axis=0)}
    dh_prev = dh * z + d_state @ params["W_hh"]
    return d_in @ params["W_ih"], dh_prev, dparams
'''


def back(*pairs):
    code = BACK_CODE
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in code, old
        code = code.replace(old, new)
    return code


NFG_CODE = '''
def nfg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * i + c_prev
    return np.tanh(c) * o, c
'''


def nfg(*pairs):
    code = NFG_CODE
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in code, old
        code = code.replace(old, new)
    return code


def said(value):
    return f"def prediction():\n    return {value!r}\n"


_N = 'n = np.tanh(xi[:, 2 * H:] + r * hh[:, 2 * H:])'
_RZ = ('r = sigmoid(xi[:, :H] + hh[:, :H])\n    z = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])')
MISTAKES = [
    # ---------------------------------------------------------------- task 1: the GRU step
    Mistake("z and 1 - z swapped (the paper's convention)", step("(1 - z) * n + z * h_prev", "z * n + (1 - z) * h_prev"),
            STEP, "z and 1 - z swapped"),
    Mistake("b_hn added outside r", step('hh = h_prev @ params["W_hh"].T + params["b_hh"]', 'hh = h_prev @ params["W_hh"].T',
                                         _RZ, 'r = sigmoid(xi[:, :H] + hh[:, :H] + params["b_hh"][:H])\n'
                                              '    z = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H] + params["b_hh"][H:2 * H])',
                                         _N, 'n = np.tanh(xi[:, 2 * H:] + r * hh[:, 2 * H:] + params["b_hh"][2 * H:])'),
            STEP, "adds b_hn outside r"),
    Mistake("both biases summed first, as in the LSTM", step(
        'xi = x_t @ params["W_ih"].T + params["b_ih"]', 'xi = x_t @ params["W_ih"].T + params["b_ih"] + params["b_hh"]',
        'hh = h_prev @ params["W_hh"].T + params["b_hh"]', 'hh = h_prev @ params["W_hh"].T'), STEP, "adds b_hn outside r"),
    Mistake("r applied to h before the product", step(
        _N, 'n = np.tanh(xi[:, 2 * H:] + (r * h_prev) @ params["W_hh"][2 * H:].T + params["b_hh"][2 * H:])'),
            STEP, "W_hn (r * h)"),
    Mistake("no r in n (the LSTM's blocks)", step(_N, 'n = np.tanh(xi[:, 2 * H:] + hh[:, 2 * H:])'), STEP,
            "r is missing from n"),
    Mistake("r on the whole pre-activation", step(_N, 'n = np.tanh(r * (xi[:, 2 * H:] + hh[:, 2 * H:]))'), STEP,
            "input's part by r too"),
    Mistake("1 - r in n", step(_N, 'n = np.tanh(xi[:, 2 * H:] + (1 - r) * hh[:, 2 * H:])'), STEP, "not 1 - r"),
    Mistake("r and z blocks swapped", step(_RZ, 'z = sigmoid(xi[:, :H] + hh[:, :H])\n'
                                                '    r = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])'),
            STEP, "r from rows H:2H (the z block)"),
    Mistake("candidate first, as the lecture's z", step(
        _RZ + "\n    " + _N,
        'n_pre = xi[:, :H], hh[:, :H]\n    r = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])\n'
        '    z = sigmoid(xi[:, 2 * H:] + hh[:, 2 * H:])\n    n = np.tanh(n_pre[0] + r * n_pre[1])'),
            STEP, "PyTorch's GRU has three blocks, r, z, n"),
    Mistake("sigmoid for the candidate", step(_N, 'n = sigmoid(xi[:, 2 * H:] + r * hh[:, 2 * H:])'), STEP,
            "n uses tanh"),
    Mistake("tanh for the update gate", step('z = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])',
                                             'z = np.tanh(xi[:, H:2 * H] + hh[:, H:2 * H])'), STEP,
            "update gate z is a gate"),
    Mistake("h' = n", step("return (1 - z) * n + z * h_prev", "return n"), STEP, "returns n alone"),
    Mistake("old h added ungated", step("(1 - z) * n + z * h_prev", "(1 - z) * n + h_prev"), STEP, "adds h ungated"),
    Mistake("z on both terms", step("(1 - z) * n + z * h_prev", "z * n + z * h_prev"), STEP, "n gets 1 - z"),
    Mistake("b_hh forgotten", step('hh = h_prev @ params["W_hh"].T + params["b_hh"]', 'hh = h_prev @ params["W_hh"].T'),
            STEP, "add both biases"),
    Mistake("W_ih without .T", step('x_t @ params["W_ih"].T', 'x_t @ params["W_ih"]'), STEP, "x_t @ W_ih.T"),
    Mistake("W_ih and W_hh swapped", step('x_t @ params["W_ih"].T', 'x_t @ params["W_hh"].T',
                                          'h_prev @ params["W_hh"].T', 'h_prev @ params["W_ih"].T'), STEP,
            "x_t @ W_ih.T"),
    Mistake("H read from x_t", step("H = h_prev.shape[1]", "H = x_t.shape[1]"), STEP, "D equals the number of cells H"),
    Mistake("H from the LSTM's 4 blocks", step("H = h_prev.shape[1]", 'H = params["W_hh"].shape[0] // 4'), STEP,
            "3H columns"),
    Mistake("h_prev updated in place", step("    return (1 - z) * n + z * h_prev",
                                            "    h = h_prev\n    h *= z\n    h += (1 - z) * n\n    return h"),
            STEP, "changed its input `h_prev`"),
    Mistake("float64 ones", step("    return (1 - z) * n + z * h_prev",
                                 "    ones = np.ones(h_prev.shape)\n    return (ones - z) * n + z * h_prev"),
            STEP, "is float64 but the inputs are float32"),
    Mistake("returns h and its gates", step("return (1 - z) * n + z * h_prev",
                                            "return (1 - z) * n + z * h_prev, (r, z, n)"), STEP, "returns h alone"),
    Mistake("a list of rows", step("    return (1 - z) * n + z * h_prev",
                                   "    h = (1 - z) * n + z * h_prev\n    return [row for row in h]"), STEP,
            "python list"),
    Mistake("batch of one squeezed", step("return (1 - z) * n + z * h_prev", "return np.squeeze((1 - z) * n + z * h_prev)"),
            STEP, "a batch of one squeezed away"),
    Mistake("math.exp", "import math\n" + step(
        _RZ, 'r = 1 / (1 + math.exp(-(xi[:, :H] + hh[:, :H])))\n    z = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])'),
            STEP, "np.exp"),
    # ---------------------------------------------------------------- task 2: its backward
    Mistake("no direct path through z * h", back("dh_prev = dh * z + d_state", "dh_prev = d_state"), BACK,
            "path through z * h is missing"),
    Mistake("r forgotten", back("da_r = da_n * hn * r * (1 - r)", "da_r = np.zeros_like(r)"), BACK,
            "the path through r is missing"),
    Mistake("one bias gradient for both (the LSTM's habit)", back('"b_hh": d_state.sum(axis=0)', '"b_hh": d_in.sum(axis=0)'),
            BACK, "b_hn sits inside r"),
    Mistake("da_r without b_hn", back("da_r = da_n * hn * r * (1 - r)",
                                      'H = r.shape[1]\n    da_r = da_n * (h_prev @ params["W_hh"][2 * H:].T) * r * (1 - r)'),
            BACK, "leaves b_hn out"),
    Mistake("state's part of n not scaled by r", back("d_state = np.concatenate([da_r, da_z, da_n * r], axis=1)",
                                                      "d_state = d_in"), BACK, "yours leaves r out"),
    Mistake("dh_prev through W_hh without r", back("dh_prev = dh * z + d_state @", "dh_prev = dh * z + d_in @"), BACK,
            "d(state part)_n = da_n * r before @ W_hh"),
    Mistake("dz sign flipped", back("(h_prev - n)", "(n - h_prev)"), BACK, "your sign is flipped"),
    Mistake("dz from z * h only", back("da_z = dh * (h_prev - n) * z * (1 - z)", "da_z = dh * h_prev * z * (1 - z)"),
            BACK, "keeps only dh * h_prev"),
    Mistake("n weighted by z", back("da_n = dh * (1 - z) * (1 - n ** 2)", "da_n = dh * z * (1 - n ** 2)"), BACK,
            "n enters h' with weight 1 - z"),
    Mistake("direct path weighted by 1 - z", back("dh_prev = dh * z +", "dh_prev = dh * (1 - z) +"), BACK,
            "not dh * (1 - z)"),
    Mistake("no tanh'", back("da_n = dh * (1 - z) * (1 - n ** 2)", "da_n = dh * (1 - z)"), BACK,
            "tanh's derivative 1 - n**2"),
    Mistake("tanh' as 1 - n", back("(1 - n ** 2)", "(1 - n)"), BACK, "not 1 - n"),
    Mistake("tanh applied again", back("(1 - n ** 2)", "(1 - np.tanh(n) ** 2)"), BACK, "applies tanh again"),
    Mistake("no sigmoid'", back("da_r = da_n * hn * r * (1 - r)", "da_r = da_n * hn",
                                "da_z = dh * (h_prev - n) * z * (1 - z)", "da_z = dh * (h_prev - n)"), BACK,
            "sigmoid's derivative"),
    Mistake("gradients stacked z, r, n", back("d_in = np.concatenate([da_r, da_z, da_n], axis=1)",
                                              "d_in = np.concatenate([da_z, da_r, da_n], axis=1)",
                                              "d_state = np.concatenate([da_r, da_z, da_n * r], axis=1)",
                                              "d_state = np.concatenate([da_z, da_r, da_n * r], axis=1)"), BACK,
            "stack the gradients in that order"),
    Mistake("dW_ih transposed", back('"W_ih": d_in.T @ x_t', '"W_ih": x_t.T @ d_in'), BACK, "transposed"),
    Mistake("biases not summed", back('"b_ih": d_in.sum(axis=0), "b_hh": d_state.sum(axis=0)',
                                      '"b_ih": d_in, "b_hh": d_state'), BACK, "summed over the batch"),
    Mistake("dx_t through W_ih.T", back('return d_in @ params["W_ih"]', 'return d_in @ params["W_ih"].T'), BACK,
            "no .T"),
    Mistake("dh overwritten in place", back("    da_n = dh * (1 - z) * (1 - n ** 2)\n    da_r = da_n * hn * r * (1 - r)\n"
                                            "    da_z = dh * (h_prev - n) * z * (1 - z)",
                                            "    da_z = dh * (h_prev - n) * z * (1 - z)\n    dh_direct = dh * z\n"
                                            "    dh *= (1 - z) * (1 - n ** 2)\n    da_n = dh\n"
                                            "    da_r = da_n * hn * r * (1 - r)",
                                            "dh_prev = dh * z + d_state", "dh_prev = dh_direct + d_state"), BACK,
            "changed its input `dh`"),
    Mistake("the cache's r overwritten", back("da_r = da_n * hn * r * (1 - r)",
                                              "dsig = r\n    dsig *= 1 - r\n    da_r = da_n * hn * dsig"), BACK,
            "changed its input `cache['r']`"),
    Mistake("float64 gradients from np.zeros", back(
        '    dparams = {"W_ih": d_in.T @ x_t, "W_hh": d_state.T @ h_prev,\n'
        '               "b_ih": d_in.sum(axis=0), "b_hh": d_state.sum(axis=0)}',
        '    dparams = {k: np.zeros(v.shape) for k, v in params.items()}\n    dparams["W_ih"] += d_in.T @ x_t\n'
        '    dparams["W_hh"] += d_state.T @ h_prev\n    dparams["b_ih"] += d_in.sum(axis=0)\n'
        '    dparams["b_hh"] += d_state.sum(axis=0)'), BACK, "is float64 but the inputs are float32"),
    Mistake("dparams as a list", back('return d_in @ params["W_ih"], dh_prev, dparams',
                                      'return d_in @ params["W_ih"], dh_prev, list(dparams.values())'), BACK,
            "dparams must be a dict"),
    Mistake("keys named dW_ih", back('{"W_ih": d_in.T @ x_t, "W_hh": d_state.T @ h_prev,\n               "b_ih":',
                                     '{"dW_ih": d_in.T @ x_t, "dW_hh": d_state.T @ h_prev,\n               "db_ih":',
                                     '"b_hh": d_state.sum(axis=0)}', '"db_hh": d_state.sum(axis=0)}'), BACK,
            "dparams must be a dict with keys"),
    Mistake("six values", back('return d_in @ params["W_ih"], dh_prev, dparams',
                               'return (d_in @ params["W_ih"], dh_prev, dparams["W_ih"], dparams["W_hh"], '
                               'dparams["b_ih"], dparams["b_hh"])'), BACK, "six separate values"),
    Mistake("dparams in the middle", back('return d_in @ params["W_ih"], dh_prev, dparams',
                                          'return d_in @ params["W_ih"], dparams, dh_prev'), BACK, "the dict last"),
    Mistake("the cache unpacked as a tuple", back(
        '    x_t, h_prev, params = cache["x_t"], cache["h_prev"], cache["params"]\n'
        '    r, z, n, hn = cache["r"], cache["z"], cache["n"], cache["hn"]',
        "    x_t, h_prev, r, z, n, hn, params = cache"), BACK, "gives its keys"),
    Mistake("dh_prev only through z", back("dh_prev = dh * z + d_state @ params[\"W_hh\"]", "dh_prev = dh * z"), BACK,
            "through W_hh from all three blocks"),
    Mistake("sigmoid' twice", back("da_r = da_n * hn * r * (1 - r)", "da_r = da_n * hn * (r * (1 - r)) ** 2",
                                   "da_z = dh * (h_prev - n) * z * (1 - z)", "da_z = dh * (h_prev - n) * (z * (1 - z)) ** 2"),
            BACK, "applied twice"),
    Mistake("dh_prev back through W_ih", back('dh_prev = dh * z + d_state @ params["W_hh"]',
                                              'dh_prev = dh * z + d_state @ params["W_ih"]'), BACK, "W_hh, not W_ih"),
    Mistake("dx_t and dh_prev swapped", back('return d_in @ params["W_ih"], dh_prev, dparams',
                                             'return dh_prev, d_in @ params["W_ih"], dparams'), BACK,
            "dx_t and dh_prev are swapped"),
    # ---------------------------------------------------------------- task 3: the LSTM without a forget gate
    Mistake("f = 0: the memory dropped", nfg("c = g * i + c_prev", "c = g * i"), NFG, "drops c_prev (f = 0)"),
    Mistake("the input gate dropped too", nfg("c = g * i + c_prev", "c = g + c_prev"), NFG, "drops i too"),
    Mistake("NIG written instead", nfg("i = sigmoid(a[:, :H])", "f = sigmoid(a[:, :H])", "c = g * i + c_prev",
                                       "c = g + c_prev * f"), NFG, "you wrote NIG"),
    Mistake("f = sigmoid(0) = 0.5", nfg("c = g * i + c_prev", "f = sigmoid(np.zeros_like(c_prev))\n    c = g * i + c_prev * f"),
            NFG, "not sigmoid(0) = 0.5"),
    Mistake("the LSTM's four blocks kept", nfg("    i = sigmoid(a[:, :H])\n    g = np.tanh(a[:, H:2 * H])\n"
                                               "    o = sigmoid(a[:, 2 * H:])",
                                               "    i = sigmoid(a[:, :H])\n    g = np.tanh(a[:, 2 * H:3 * H])\n"
                                               "    o = sigmoid(a[:, 3 * H:4 * H])"), NFG, "3H columns"),
    Mistake("blocks i, o, g", nfg("g = np.tanh(a[:, H:2 * H])", "g = np.tanh(a[:, 2 * H:])",
                                  "o = sigmoid(a[:, 2 * H:])", "o = sigmoid(a[:, H:2 * H])"), NFG,
            "NFG keeps three blocks, i, g, o"),
    Mistake("cell input first, as the lecture's z", nfg("i = sigmoid(a[:, :H])", "i = sigmoid(a[:, H:2 * H])",
                                                        "g = np.tanh(a[:, H:2 * H])", "g = np.tanh(a[:, :H])"), NFG,
            "NFG keeps three blocks, i, g, o"),
    Mistake("output activation dropped too", nfg("return np.tanh(c) * o, c", "return c * o, c"), NFG,
            "only NOAF drops"),
    Mistake("h from the old memory", nfg("return np.tanh(c) * o, c", "return np.tanh(c_prev) * o, c"), NFG,
            "not c_prev"),
    Mistake("o inside the tanh", nfg("return np.tanh(c) * o, c", "return np.tanh(c * o), c"), NFG,
            "does not go inside the tanh"),
    Mistake("sigmoid for g", nfg("g = np.tanh(a[:, H:2 * H])", "g = sigmoid(a[:, H:2 * H])"), NFG, "uses tanh"),
    Mistake("tanh for o", nfg("o = sigmoid(a[:, 2 * H:])", "o = np.tanh(a[:, 2 * H:])"), NFG,
            "output gate o (block 2H:3H) is a gate"),
    Mistake("c_prev updated in place", nfg("    c = g * i + c_prev", "    c = c_prev\n    c += g * i"), NFG,
            "changed its input `c_prev`"),
    Mistake("f = 1 as a float64 array", nfg("    c = g * i + c_prev",
                                            "    f = np.ones(c_prev.shape)\n    c = g * i + c_prev * f"), NFG,
            "is float64 but the inputs are float32"),
    Mistake("(c, h) returned", nfg("return np.tanh(c) * o, c", "return c, np.tanh(c) * o"), NFG,
            "return (h, c) in this order"),
    Mistake("b_hh left out", nfg(' + params["b_hh"]', ""), NFG, "add both biases"),
    Mistake("H read from x_t", nfg("H = h_prev.shape[1]", "H = x_t.shape[1]"), NFG, "D equals the number of cells H"),
    Mistake("a coupling left in", nfg("c = g * i + c_prev", "c = g * i + c_prev * (1 - i)"), NFG, "has no coupling"),
    Mistake("output gate dropped", nfg("return np.tanh(c) * o, c", "return np.tanh(c), c"), NFG,
            "keeps the output gate"),
    Mistake("o scales the kept memory", nfg("c = g * i + c_prev", "c = g * i + c_prev * o"), NFG,
            "does not scale c_prev"),
    Mistake("W_ih and W_hh swapped", nfg('x_t @ params["W_ih"].T', 'x_t @ params["W_hh"].T',
                                         'h_prev @ params["W_hh"].T', 'h_prev @ params["W_ih"].T'), NFG,
            "x_t @ W_ih.T"),
    # ---------------------------------------------------------------- task 4: the prediction, its form
    Mistake("the vanilla LSTM", said("lstm"), PRED, "the baseline every ablation is compared with"),
    Mistake("the GRU", said("gru"), PRED, "not an LSTM with one part removed"),
    Mistake("JANET", said("janet"), PRED, "not an LSTM with one part removed"),
    Mistake("the peephole LSTM", said("peephole"), PRED, "adds a part"),
    Mistake("the plain RNN", said("rnn"), PRED, "no gates at all"),
    Mistake("printed, not returned", 'def prediction():\n    print("nfg")\n', PRED, "returned None"),
    Mistake("a hedge: a list of two", said(["nfg", "noaf"]), PRED, "one name, one prediction"),
    Mistake("a hedge: a tuple", said(("nog", "noaf")), PRED, "one name, one prediction"),
    Mistake("a set of one", said({"nfg"}), PRED, "one name, one prediction"),
    Mistake("the title", said("no forget gate (NFG, the 1997 LSTM)"), PRED, "write the short name: 'nfg'"),
    Mistake("the part, not the variant", said("forget gate"), PRED, "write the short name: 'nfg'"),
    Mistake("the part, in words", said("the output activation"), PRED, "write the short name: 'noaf'"),
    Mistake("a number", said(3), PRED, "as a string"),
    Mistake("a typo", said("nfgg"), PRED, "did you mean 'nfg'"),
    Mistake("a made-up name", said("no_forget"), PRED, "write the short name: 'nfg'"),
]


# ---------------------------------------------------------------- the blind newcomer test of exercise 9
# Answers a tester wrote from the exercise notebook alone (123 wrong answers); these are the ones the checkers
# used to accept or answer with a generic hint, and a few more of theirs, written again here.
_SPLIT_STEP = """
def gru_step(x_t, h_prev, params):
    W_ir, W_iz, W_in = np.split(params["W_ih"], 3)
    W_hr, W_hz, W_hn = np.split(params["W_hh"], 3)
    b_ir, b_iz, b_in = np.split(params["b_ih"], 3)
    b_hr, b_hz, b_hn = np.split(params["b_hh"], 3)
    r = sigmoid(x_t @ W_ir.T + b_ir + h_prev @ W_hr + b_hr)
    z = sigmoid(x_t @ W_iz.T + b_iz + h_prev @ W_hz + b_hz)
    n = np.tanh(x_t @ W_in.T + b_in + r * (h_prev @ W_hn + b_hn))
    return (1 - z) * n + z * h_prev
"""
_SPLIT_NFG = """
def nfg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    W_hi, W_hg, W_ho = np.split(params["W_hh"], 3)
    a_x = x_t @ params["W_ih"].T + params["b_ih"] + params["b_hh"]
    i = sigmoid(a_x[:, :H] + h_prev @ W_hi)
    g = np.tanh(a_x[:, H:2 * H] + h_prev @ W_hg)
    o = sigmoid(a_x[:, 2 * H:] + h_prev @ W_ho)
    c = g * i + c_prev
    return np.tanh(c) * o, c
"""
_DPARAMS = ('    dparams = {"W_ih": d_in.T @ x_t, "W_hh": d_state.T @ h_prev,\n'
            '               "b_ih": d_in.sum(axis=0), "b_hh": d_state.sum(axis=0)}')
MISTAKES += [
    # task 1
    Mistake("blind: W_hh's square blocks without .T", _SPLIT_STEP, STEP, "W_hh's square blocks are used untransposed"),
    Mistake("blind: both biases left out", step(' + params["b_ih"]', "", ' + params["b_hh"]', ""), STEP,
            "both biases are missing"),
    Mistake("blind: gates from the input only", step(_RZ, 'r = sigmoid(xi[:, :H])\n    z = sigmoid(xi[:, H:2 * H])'),
            STEP, "from x only"),
    Mistake("blind: b_hn dropped from n",
            step(_N, 'n = np.tanh(xi[:, 2 * H:] + r * (h_prev @ params["W_hh"][2 * H:].T))'),
            STEP, "b_hn is missing from n"),
    Mistake("blind: z slice one column early", step("xi[:, H:2 * H] + hh[:, H:2 * H]",
                                                    "xi[:, H - 1:2 * H - 1] + hh[:, H - 1:2 * H - 1]"), STEP,
            "yours reads a[:, H-1:2*H-1]"),
    Mistake("blind: r slice counted from 1", step("xi[:, :H] + hh[:, :H]", "xi[:, 1:H + 1] + hh[:, 1:H + 1]"), STEP,
            "slice is off by one"),
    Mistake("blind: the return forgotten",
            step("    return (1 - z) * n + z * h_prev", "    h = (1 - z) * n + z * h_prev"),
            STEP, "the `return` is missing"),
    Mistake("blind: b_ih left out", step('xi = x_t @ params["W_ih"].T + params["b_ih"]', 'xi = x_t @ params["W_ih"].T'),
            STEP, "add both biases"),
    Mistake("blind: tanh for both gates", step(_RZ, 'r = np.tanh(xi[:, :H] + hh[:, :H])\n'
                                                    '    z = np.tanh(xi[:, H:2 * H] + hh[:, H:2 * H])'), STEP,
            "the gates r and z use the sigmoid"),
    Mistake("blind: x_t zeroed in place", step("    return (1 - z)", "    x_t[...] = 0\n    return (1 - z)"), STEP,
            "changed its input `x_t`"),
    Mistake("blind: h.T returned", step("return (1 - z) * n + z * h_prev", "return ((1 - z) * n + z * h_prev).T"), STEP,
            "it is transposed"),
    # task 2
    Mistake("blind: sigmoid' written as tanh's", back("r * (1 - r)", "(1 - r ** 2)", "z * (1 - z)", "(1 - z ** 2)"),
            BACK, "yours is 1 - s**2"),
    Mistake("blind: no sigmoid' on z", back("da_z = dh * (h_prev - n) * z * (1 - z)", "da_z = dh * (h_prev - n)"), BACK,
            "leaves the sigmoid's derivative off z"),
    Mistake("blind: dr from n instead of hn", back("da_r = da_n * hn *", "da_r = da_n * n *"), BACK,
            "yours uses n, the candidate itself"),
    Mistake("blind: dh_prev without the n block", back(
        'dh_prev = dh * z + d_state @ params["W_hh"]',
        'H = h_prev.shape[1]\n    dh_prev = dh * z + d_state[:, :2 * H] @ params["W_hh"][:2 * H]'), BACK,
            "misses the n block's path through W_hh"),
    Mistake("blind: dx_t through W_hh", back('return d_in @ params["W_ih"]', 'return d_in @ params["W_hh"]'), BACK,
            "yours uses W_hh"),
    Mistake("blind: r on the input part's gradient too", back("d_in = np.concatenate([da_r, da_z, da_n], axis=1)",
                                                            "d_in = np.concatenate([da_r, da_z, da_n * r], axis=1)"),
            BACK, "multiplies its gradient by r too"),
    Mistake("blind: bias gradients averaged", back("d_in.sum(axis=0)", "d_in.mean(axis=0)",
                                                   "d_state.sum(axis=0)", "d_state.mean(axis=0)"), BACK,
            "you averaged (mean) where the batch sum is needed"),
    Mistake("blind: local names rebound, dparams left at zero", back(_DPARAMS, (
        '    dparams = {k: np.zeros_like(v) for k, v in params.items()}\n'
        '    dW_ih, dW_hh, db_ih, db_hh = dparams["W_ih"], dparams["W_hh"], dparams["b_ih"], dparams["b_hh"]\n'
        '    dW_ih = d_in.T @ x_t\n    dW_hh = d_state.T @ h_prev\n'
        '    db_ih = d_in.sum(axis=0)\n    db_hh = d_state.sum(axis=0)')), BACK,
            "assigning to a local name does not write into the dict"),
    Mistake("blind: one gradient rebound", back(_DPARAMS, (
        '    dparams = {k: np.zeros_like(v) for k, v in params.items()}\n    dparams["W_ih"] += d_in.T @ x_t\n'
        '    dW_hh = dparams["W_hh"]\n    dW_hh = dW_hh + d_state.T @ h_prev\n'
        '    dparams["b_ih"] += d_in.sum(axis=0)\n    dparams["b_hh"] += d_state.sum(axis=0)')), BACK,
            "dparams['W_hh'] is all zeros: assigning to a local name"),
    Mistake("blind: W_hh's z rows one off in dh_prev", back(
        'dh_prev = dh * z + d_state @ params["W_hh"]',
        'H, W = h_prev.shape[1], params["W_hh"]\n'
        '    dh_prev = (dh * z + d_state[:, :H] @ W[:H] + d_state[:, H:2 * H] @ W[H + 1:2 * H + 1]\n'
        '               + d_state[:, 2 * H:] @ W[2 * H:])'), BACK, "off by one in dh_prev"),
    Mistake("blind: the cache returned as well", back('return d_in @ params["W_ih"], dh_prev, dparams',
                                                      'return d_in @ params["W_ih"], dh_prev, dparams, cache'), BACK,
            "return exactly three values"),
    Mistake("blind: the return forgotten", back('    return d_in @ params["W_ih"], dh_prev, dparams',
                                                '    dx_t = d_in @ params["W_ih"]'), BACK, "the `return` is missing"),
    Mistake("blind: dparams written into the cache's params", back(_DPARAMS, (
        '    dparams = cache["params"]\n    dparams["W_ih"] = d_in.T @ x_t\n    dparams["W_hh"] = d_state.T @ h_prev\n'
        '    dparams["b_ih"] = d_in.sum(axis=0)\n    dparams["b_hh"] = d_state.sum(axis=0)')), BACK,
            "changed its input `cache['params']"),
    Mistake("blind: bias gradients with keepdims", back("d_in.sum(axis=0)", "d_in.sum(axis=0, keepdims=True)",
                                                        "d_state.sum(axis=0)", "d_state.sum(axis=0, keepdims=True)"),
            BACK, "extra axis of length 1"),
    # task 3
    Mistake("blind: the input gate reused as the forget gate", nfg("c = g * i + c_prev", "c = i * c_prev + i * g"), NFG,
            "reuses the input gate as a forget gate"),
    Mistake("blind: tanh for every block", nfg("i = sigmoid(a[:, :H])", "i = np.tanh(a[:, :H])",
                                               "o = sigmoid(a[:, 2 * H:])", "o = np.tanh(a[:, 2 * H:])"), NFG,
            "the gates i and o are openings between 0 and 1"),
    Mistake("blind: both biases left out", nfg(' + params["b_ih"]', "", ' + params["b_hh"]', ""), NFG,
            "both biases are missing"),
    Mistake("blind: W_hh's square blocks without .T", _SPLIT_NFG, NFG, "W_hh's square blocks are used untransposed"),
    Mistake("blind: g and o slices one column early", nfg("a[:, H:2 * H]", "a[:, H - 1:2 * H - 1]",
                                                          "a[:, 2 * H:]", "a[:, 2 * H - 1:3 * H - 1]"), NFG,
            "slice is off by one"),
    Mistake("blind: the gates returned as well", nfg("return np.tanh(c) * o, c", "return np.tanh(c) * o, c, (i, g, o)"),
            NFG, "return exactly two values"),
    Mistake("blind: the return forgotten", nfg("    return np.tanh(c) * o, c", "    h = np.tanh(c) * o"), NFG,
            "the `return` is missing"),
    Mistake("blind: h alone", nfg("return np.tanh(c) * o, c", "return np.tanh(c) * o"), NFG, "return 2 values"),
    # task 4
    Mistake("blind: the description", said("no input gate"), PRED, "write the short name: 'nig'"),
    Mistake("blind: a name and a gloss that disagree", said("nig (no forget gate)"), PRED,
            "your name and your words disagree"),
    Mistake("blind: the return forgotten", 'def prediction():\n    "nig"\n', PRED, "with one of 'nig', 'nfg'"),
    Mistake("blind: hyphenated", said("n-i-g"), PRED, "did you mean 'nig'"),
    Mistake("blind: the cell object", "def prediction():\n    return family.NIG\n", PRED, "as a string"),
    Mistake("blind: a dict", said({"cell": "nig"}), PRED, "one name, one prediction"),
    Mistake("blind: empty", said(""), PRED, "is not one of the ablations' names"),
    Mistake("blind: 'nif'", said("nif"), PRED, "did you mean 'niaf'"),
    Mistake("blind: the cell's class name", said("NIG cell"), PRED, "may follow the name in brackets"),
]

_TANH = "(lambda a: (np.exp(2 * a) - 1) / (np.exp(2 * a) + 1))"
_FD_BACK = """
def gru_step_backward(dh, cache):
    params, eps = cache["params"], 1e-4
    f = lambda x, h, p: (gru.step_forward(x, h, p)[0] * dh).sum()
    x, hp, q = cache["x_t"].copy(), cache["h_prev"].copy(), {k: v.copy() for k, v in params.items()}
    def num(a):
        g = np.zeros_like(a)
        for i in np.ndindex(a.shape):
            old = a[i]
            a[i] = old + eps
            up = f(x, hp, q)
            a[i] = old - eps
            g[i] = (up - f(x, hp, q)) / (2 * eps)
            a[i] = old
        return g
    return num(x), num(hp), {k: num(q[k]) for k in q}
"""
_LOOP_STEP = """
def gru_step(x_t, h_prev, params):
    H = h_prev.shape[1]
    for b in range(len(x_t)):
        xi = params["W_ih"] @ x_t[b] + params["b_ih"]
        hh = params["W_hh"] @ h_prev[b] + params["b_hh"]
        r, z = sigmoid(xi[:H] + hh[:H]), sigmoid(xi[H:2 * H] + hh[H:2 * H])
        h = (1 - z) * np.tanh(xi[2 * H:] + r * hh[2 * H:]) + z * h_prev[b]
    return h
"""
_LSTM_IN_GRU = """
def gru_step(x_t, h_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i, g, o = sigmoid(a[:, :H]), np.tanh(a[:, H:2 * H]), sigmoid(a[:, 2 * H:])
    return np.tanh(g * i + h_prev) * o
"""
_D_STATE = 'd_state = np.concatenate([da_r, da_z, da_n * r], axis=1)'
MISTAKES += [   # a second blind newcomer's answers (round 2)
    Mistake("blind 2: hand-written tanh overflows", step("n = np.tanh(", f"n = {_TANH}("), STEP, "overflows"),
    Mistake("blind 2: float32 inside", step("    H = h_prev.shape[1]\n",
                                            "    H = h_prev.shape[1]\n    dt = x_t.dtype\n"
                                            "    x_t, h_prev = x_t.astype(np.float32), h_prev.astype(np.float32)\n"
                                            "    params = {k: v.astype(np.float32) for k, v in params.items()}\n",
                                            "return (1 - z) * n + z * h_prev", "return ((1 - z) * n + z * h_prev).astype(dt)"),
            STEP, "precision, not a formula mistake"),
    Mistake("blind 2: float16 inputs", step("    H = h_prev.shape[1]\n",
                                            "    H = h_prev.shape[1]\n    dt = x_t.dtype\n"
                                            "    x_t, h_prev = x_t.astype(np.float16), h_prev.astype(np.float16)\n",
                                            "return (1 - z) * n + z * h_prev", "return ((1 - z) * n + z * h_prev).astype(dt)"),
            STEP, "float16's precision"),
    Mistake("blind 2: h averaged over the batch", step("return (1 - z) * n + z * h_prev",
                                                       "return ((1 - z) * n + z * h_prev).mean(axis=0, keepdims=True)"),
            STEP, "you averaged over the batch"),
    Mistake("blind 2: a loop that rebinds h", _LOOP_STEP, STEP, "only the last row of the batch survived"),
    Mistake("blind 2: n without tanh", step(_N, 'n = xi[:, 2 * H:] + r * hh[:, 2 * H:]'), STEP, "n has no tanh"),
    Mistake("blind 2: all activations swapped", step(_RZ, _RZ.replace("sigmoid(", "np.tanh("), "n = np.tanh(",
                                                     "n = sigmoid("), STEP, "all three activations are swapped"),
    Mistake("blind 2: z without its input term", step("z = sigmoid(xi[:, H:2 * H] + hh[:, H:2 * H])",
                                                      "z = sigmoid(hh[:, H:2 * H])"), STEP, "z reads the input too"),
    Mistake("blind 2: z inside n", step(_N, 'n = np.tanh(xi[:, 2 * H:] + z * hh[:, 2 * H:])'), STEP,
            "the reset gate r, not z, goes inside n"),
    Mistake("blind 2: r in the mix", step("+ z * h_prev", "+ r * h_prev"), STEP, "yours uses r (the reset gate)"),
    Mistake("blind 2: W_hh h left out", step('hh = h_prev @ params["W_hh"].T + params["b_hh"]',
                                             'hh = np.zeros_like(xi) + params["b_hh"]'), STEP,
            "the state's product W_hh h_prev is missing"),
    Mistake("blind 2: h clipped", step("return (1 - z) * n + z * h_prev",
                                       "return np.clip((1 - z) * n + z * h_prev, -1, 1)"), STEP, "h is clipped"),
    Mistake("blind 2: own clipped sigmoid", step("    H = h_prev.shape[1]\n",
                                                 "    H = h_prev.shape[1]\n"
                                                 "    sigmoid = lambda a: 1 / (1 + np.exp(-np.clip(a, -5, 5)))\n"),
            STEP, "your sigmoid clips its input"),
    Mistake("blind 2: the LSTM step pasted in", _LSTM_IN_GRU, STEP, "this is an LSTM step"),
    # backward
    Mistake("blind 2: averaged over the batch", back('"W_ih": d_in.T @ x_t, "W_hh": d_state.T @ h_prev',
                                                     '"W_ih": d_in.T @ x_t / len(dh), "W_hh": d_state.T @ h_prev / '
                                                     'len(dh)', 'd_in.sum(axis=0)', 'd_in.mean(axis=0)',
                                                     'd_state.sum(axis=0)', 'd_state.mean(axis=0)'),
            BACK, "you averaged over the batch"),
    Mistake("blind 2: b_hn's gradient zeroed", back('"b_hh": d_state.sum(axis=0)}',
                                                    '"b_hh": np.concatenate([da_r.sum(0), da_z.sum(0), '
                                                    '0 * da_n.sum(0)])}'), BACK, "b_hn's gradient"),
    Mistake("blind 2: dW_hh from x", back('"W_hh": d_state.T @ h_prev', '"W_hh": d_state.T @ np.resize(x_t, '
                                                                        'h_prev.shape)'), BACK, "yours uses x_t"),
    Mistake("blind 2: z and 1 - z swapped", back("da_n = dh * (1 - z)", "da_n = dh * z",
                                                 "dh_prev = dh * z", "dh_prev = dh * (1 - z)"), BACK,
            "z and 1 - z are swapped in your backward"),
    Mistake("blind 2: dx from the state's gradient", back("return d_in @ params", "return d_state @ params"), BACK,
            "dx_t comes from the input's part's gradient"),
    Mistake("blind 2: dx through W_hh", back('return d_in @ params["W_ih"]', 'return d_state @ params["W_hh"]'),
            BACK, "dx_t flows back through W_ih"),
    Mistake("blind 2: z's derivative with r", back("z * (1 - z)", "r * (1 - r)"), BACK,
            "z's sigmoid derivative is z * (1 - z)"),
    Mistake("blind 2: dz from the new h", back("da_z = dh * (h_prev - n)", "da_z = dh * ((1 - z) * n + z * h_prev - n)"),
            BACK, "yours uses the new h'"),
    Mistake("blind 2: path through z missing", back("da_z = dh * (h_prev - n) * z * (1 - z)", "da_z = 0 * dh"), BACK,
            "the path through z is missing"),
    Mistake("blind 2: gradients clipped", back("return d_in @ params[\"W_ih\"], dh_prev, dparams",
                                               "dparams = {k: np.clip(v, -1, 1) for k, v in dparams.items()}\n"
                                               "    return np.clip(d_in @ params[\"W_ih\"], -1, 1), "
                                               "np.clip(dh_prev, -1, 1), dparams"), BACK, "clipped to [-1, 1]"),
    Mistake("blind 2: state gradient rolled",
            back('"W_hh": d_state.T @ h_prev', '"W_hh": np.roll(d_state, 1, axis=1).T @ h_prev',
                 '"b_hh": d_state.sum(axis=0)', '"b_hh": np.roll(d_state, 1, axis=1).sum(0)'), BACK, "shifted by one"),
    Mistake("blind 2: float32 inside", back('    r, z, n, hn = cache["r"], cache["z"], cache["n"], cache["hn"]\n',
                                            '    r, z, n, hn = (cache[k].astype(np.float32) for k in ("r", "z", "n", "hn"))\n'
                                            '    dt, dh = dh.dtype, dh.astype(np.float32)\n',
                                            "return d_in @ params[\"W_ih\"], dh_prev, dparams",
                                            "return ((d_in @ params[\"W_ih\"]).astype(dt), dh_prev.astype(dt), "
                                            "{k: v.astype(dt) for k, v in dparams.items()})"),
            BACK, "precision, not a formula mistake"),
    Mistake("blind 2: finite differences", _FD_BACK, BACK, "finite differences"),
    # NFG
    Mistake("blind 2: hand-written tanh overflows", nfg("g = np.tanh(", f"g = {_TANH}("), NFG, "overflows"),
    Mistake("blind 2: float32 inside", nfg("    H = h_prev.shape[1]\n",
                                           "    H = h_prev.shape[1]\n    dt = x_t.dtype\n"
                                           "    x_t, h_prev, c_prev = (v.astype(np.float32) for v in (x_t, h_prev, c_prev))\n"
                                           "    params = {k: v.astype(np.float32) for k, v in params.items()}\n",
                                           "return np.tanh(c) * o, c", "return (np.tanh(c) * o).astype(dt), c.astype(dt)"),
            NFG, "precision, not a formula mistake"),
    Mistake("blind 2: outputs rounded to float32", nfg("return np.tanh(c) * o, c",
                                                       "return ((np.tanh(c) * o).astype(np.float32).astype(x_t.dtype), "
                                                       "c.astype(np.float32).astype(x_t.dtype))"),
            NFG, "float32's precision"),
    Mistake("blind 2: CIFG's memory", nfg("c = g * i + c_prev", "c = g * (1 - i) + c_prev * i"), NFG, "CIFG's memory"),
    Mistake("blind 2: the memory scaled by o", nfg("    return np.tanh(c) * o, c", "    c = c * o\n    return np.tanh(c), c"),
            NFG, "it does not scale the memory"),
    Mistake("blind 2: the memory clipped", nfg("c = g * i + c_prev", "c = np.clip(g * i + c_prev, -1, 1)"), NFG,
            "the memory is not clipped"),
    Mistake("blind 2: the memory squashed", nfg("c = g * i + c_prev", "c = np.tanh(g * i + c_prev)"), NFG,
            "the memory is not squashed"),
    Mistake("blind 2: h_prev as the memory", nfg("c = g * i + c_prev", "c = g * i + h_prev"), NFG,
            "the memory carried over is c_prev"),
    Mistake("blind 2: W_hh h left out", nfg(' + h_prev @ params["W_hh"].T', ""), NFG, "W_hh h_prev is missing"),
    Mistake("blind 2: h and c swapped in the signature", nfg("def nfg_step(x_t, h_prev, c_prev, params):",
                                                             "def nfg_step(x_t, c_prev, h_prev, params):"), NFG,
            "h and c are swapped on the way in"),
    Mistake("blind 2: a forget gate with bias 10", nfg("c = g * i + c_prev", "c = g * i + c_prev * sigmoid(10.0)"),
            NFG, "sigmoid(10) = 0.99995"),
    Mistake("blind 2: h averaged over the batch", nfg("return np.tanh(c) * o, c",
                                                      "return (np.tanh(c) * o).mean(axis=0, keepdims=True), c"),
            NFG, "you averaged over the batch"),
    # prediction
    Mistake("blind 2: typo 'ngi'", said("ngi"), PRED, "did you mean 'nig'"),
    Mistake("blind 2: 'no-input-gate'", said("no-input-gate"), PRED, "write the short name: 'nig'"),
    Mistake("blind 2: two names in one string", said("nig, nfg"), PRED, "one name, one prediction"),
    Mistake("blind 2: reads the results", "from lstm_course.checks.prediction import SUMMARY\n"
                                          "def prediction():\n    s = json.loads(SUMMARY.read_text())\n"
                                          "    return min(s['cells'], key=lambda r: r['solved'])['cell']\n",
            PRED, "predict before looking"),
]


def _measured():
    """(rows, the ablations that failed most) from the committed summary, or (None, ()) without it."""
    if not pred.SUMMARY.is_file():
        return None, ()
    rows = {row["cell"]: row for row in json.loads(pred.SUMMARY.read_text(encoding="utf-8"))["cells"]}
    present = [a for a in pred.ABLATIONS if a in rows]
    fewest = min(int(rows[a]["solved"]) for a in present)
    return rows, tuple(a for a in present if int(rows[a]["solved"]) == fewest)


ROWS, WORST = _measured()
if ROWS is not None and len(WORST) < len([a for a in pred.ABLATIONS if a in ROWS]):
    for name in (a for a in pred.ABLATIONS if a in ROWS and a not in WORST):   # the wrong predictions
        row = ROWS[name]
        seen = f"{family.FAMILY[name].title}, solved {row['solved']} of {row['runs']} runs"
        MISTAKES.append(Mistake(f"predicted {name}", said(name), PRED, seen))
        MISTAKES.append(Mistake(f"predicted {name.upper()}, in capitals", said(name.upper()), PRED, seen))

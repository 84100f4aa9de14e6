"""Natural wrong answers to exercise 5 (backpropagation through time)."""
from . import Mistake

EXERCISE = "05_backprop_through_time"

STEP = "check_step_backward(step_backward)"
SEQ = "check_lstm_backward(lstm_backward, lstm_forward)"
NUM = "check_gradcheck(numerical_gradient)"
CIFG = "check_cifg_backward(cifg_step_backward)"

STEP_CODE = '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc = dc + dh * o * (1 - tanh_c ** 2)
    di, df, dg = dc * g, dc * c_prev, dc * i
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f),
                         dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc * f
'''


def step(old, new):
    assert old in STEP_CODE, old
    return STEP_CODE.replace(old, new)


SEQ_CODE = '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T
    dc = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T
    dx = [None] * T
    for t in range(T - 1, -1, -1):
        dx[t], dh, dc = step_backward(dhs[:, t] + dh, dc, caches[t], grads)
    return np.stack(dx, axis=1), grads, dh, dc
'''


def seq(old, new):
    assert old in SEQ_CODE, old
    return SEQ_CODE.replace(old, new)


NUM_CODE = '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        x[k] = old
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
'''


def num(old, new):
    assert old in NUM_CODE, old
    return NUM_CODE.replace(old, new)


CIFG_CODE = '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc = dc + dh * o * (1 - tanh_c ** 2)
    df = dc * (c_prev - g)
    dg = dc * (1 - f)
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc * f, dparams
'''


def cifg(old, new):
    assert old in CIFG_CODE, old
    return CIFG_CODE.replace(old, new)


MISTAKES = [
    # ---------------------------------------------------------------- task 1: step backward into grads
    Mistake("dc_prev not scaled by f", step("dc * f\n", "dc\n"), STEP, "dc_prev = dc * f"),
    Mistake("dc_prev from the incoming dc", step("    dc = dc + dh * o * (1 - tanh_c ** 2)\n    di, df, dg = dc * g, dc * c_prev, dc * i",
                                                 "    dc_all = dc + dh * o * (1 - tanh_c ** 2)\n    di, df, dg = dc_all * g, dc_all * c_prev, dc_all * i"),
            STEP, "including the path through h"),
    Mistake("missing tanh'", step("dc = dc + dh * o * (1 - tanh_c ** 2)", "dc = dc + dh * o"), STEP,
            "tanh's derivative"),
    Mistake("no path through h", step("dc = dc + dh * o * (1 - tanh_c ** 2)", "dc = dc"), STEP,
            "reaches the loss through h"),
    Mistake("sigmoid' applied twice", step("di, df, dg = dc * g, dc * c_prev, dc * i",
                                           "di, df, dg = dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i")
            .replace("do = dh * tanh_c", "do = dh * tanh_c * o * (1 - o)"), STEP, "applied twice"),
    Mistake("gate blocks in the lecture's order", step("da = np.concatenate([di * i * (1 - i), df * f * (1 - f),\n                         dg * (1 - g ** 2), do * o * (1 - o)], axis=1)",
                                                       "da = np.concatenate([dg * (1 - g ** 2), di * i * (1 - i),\n                         df * f * (1 - f), do * o * (1 - o)], axis=1)"),
            STEP, "order i, f, g, o"),
    Mistake("dW transposed", step('grads["W_ih"] += da.T @ x_t', 'grads["W_ih"] += x_t.T @ da'), STEP,
            "da.T @ x_t"),
    Mistake("dc changed in place", step("dc = dc + dh * o * (1 - tanh_c ** 2)", "dc += dh * o * (1 - tanh_c ** 2)"),
            STEP, "changed its input `dc`"),
    Mistake("grads overwritten", step("+= da.T @ x_t", "= da.T @ x_t").replace("+= da.T @ h_prev", "= da.T @ h_prev")
            .replace('grads["b_ih"] += ', 'grads["b_ih"] = ').replace('grads["b_hh"] += ', 'grads["b_hh"] = '),
            STEP, "you replaced what was there"),
    Mistake("a new grads dict", step('''    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)''', '''    grads = {"W_ih": grads["W_ih"] + da.T @ x_t, "W_hh": grads["W_hh"] + da.T @ h_prev,
             "b_ih": grads["b_ih"] + da.sum(axis=0), "b_hh": grads["b_hh"] + da.sum(axis=0)}'''),
            STEP, "rebinding the name grads"),
    Mistake("bias not summed", step('grads["b_ih"] += da.sum(axis=0)', 'grads["b_ih"] += da'), STEP,
            "da.sum(axis=0)"),
    Mistake("the lesson's 4 return values", step("    return da @ params[\"W_ih\"], da @ params[\"W_hh\"], dc * f",
                                                 "    return da @ params[\"W_ih\"], da @ params[\"W_hh\"], dc * f, grads"),
            STEP, "returns three values"),
    Mistake("sigmoid' for g", step("dg * (1 - g ** 2)", "dg * g * (1 - g)"), STEP, "not the sigmoid's"),
    Mistake("dx through W_ih.T", step('return da @ params["W_ih"]', 'return da @ params["W_ih"].T'), STEP, "no .T"),
    Mistake("dh_prev through W_ih", step('da @ params["W_hh"], dc * f', 'da @ params["W_ih"], dc * f'), STEP,
            "da @ W_hh"),
    Mistake("only one bias", step('    grads["b_hh"] += da.sum(axis=0)\n', ""), STEP, "both biases"),
    # ---------------------------------------------------------------- task 2: BPTT, batch-first, dh_T, dc_T
    Mistake("no dh from the next step", seq("step_backward(dhs[:, t] + dh, dc", "step_backward(dhs[:, t], dc"), SEQ,
            "dh must include the gradient from the next step"),
    Mistake("dc not passed back", seq("dx[t], dh, dc = step_backward(dhs[:, t] + dh, dc, caches[t], grads)",
                                      "dx[t], dh, _ = step_backward(dhs[:, t] + dh, dc, caches[t], grads)"), SEQ,
            "dc must flow back"),
    Mistake("forwards in time", seq("range(T - 1, -1, -1)", "range(T)"), SEQ, "loop backwards in time"),
    Mistake("dh_T ignored", seq("np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T",
                                "np.zeros((B, H), dtype=dhs.dtype)"), SEQ, "dh_T is the gradient of the returned h_T"),
    Mistake("dc_T ignored", seq("np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T",
                                "np.zeros((B, H), dtype=dhs.dtype)"), SEQ, "dc_T is the gradient of the returned c_T"),
    Mistake("dh_T and dc_T swapped", seq("if dh_T is None else dh_T", "if dc_T is None else dc_T")
            .replace("if dc_T is None else dc_T\n    dx", "if dh_T is None else dh_T\n    dx"), SEQ, "swapped them"),
    Mistake("time-major dhs[t]", seq("dhs[:, t]", "dhs[t]"), SEQ, "dhs[:, t]"),
    Mistake("dx stacked time-major", seq("np.stack(dx, axis=1)", "np.stack(dx)"), SEQ, "dx[:, t]"),
    Mistake("dhs written into", seq("dx[t], dh, dc = step_backward(dhs[:, t] + dh, dc, caches[t], grads)",
                                    "dhs[:, t] += dh\n        dx[t], dh, dc = step_backward(dhs[:, t], dc, caches[t], grads)"),
            SEQ, "changed its input `dhs`"),
    Mistake("dh_T changed in place", seq("dx[t], dh, dc = step_backward(dhs[:, t] + dh, dc, caches[t], grads)",
                                         "dh += dhs[:, t]\n        dx[t], dh, dc = step_backward(dh, dc, caches[t], grads)"),
            SEQ, "changed its input `dh_T`"),
    Mistake("grads reset every step", seq("        dx[t], dh, dc = step_backward(",
                                          "        grads = {k: np.zeros_like(v) for k, v in params.items()}\n        dx[t], dh, dc = step_backward("),
            SEQ, "add up their gradients over t"),
    Mistake("dh_T at every step", seq("dx[t], dh, dc = step_backward(dhs[:, t] + dh, dc, caches[t], grads)",
                                      "extra = dh_T if (dh_T is not None and t < T - 1) else 0\n        dx[t], dh, dc = step_backward(dhs[:, t] + dh + extra, dc, caches[t], grads)"),
            SEQ, "You added it at every step"),
    # ---------------------------------------------------------------- task 3: numerical gradient
    Mistake("one-sided difference", num("        x[k] = old - h\n        f_minus = f()\n", "        x[k] = old\n        f_minus = f()\n")
            .replace("(2 * h)", "h"), NUM, "central differences"),
    Mistake("divides by h", num("(2 * h)", "h"), NUM, "divide by 2h"),
    Mistake("not put back", num("        x[k] = old\n", ""), NUM, "put x[k] back"),
    Mistake("nudges a copy", num("    for k in np.ndindex(x.shape):", "    x = x.copy()\n    for k in np.ndindex(x.shape):"),
            NUM, "nudge x itself"),
    Mistake("two nested loops", num("    for k in np.ndindex(x.shape):\n", "    for r in range(x.shape[0]):\n      for s in range(x.shape[1]):\n        k = (r, s)\n"),
            NUM, "np.ndindex"),
    Mistake("divides by h squared", num("(2 * h)", "(2 * h * h)"), NUM, "times the expected value"),
    Mistake("sign flipped", num("(f_plus - f_minus)", "(f_minus - f_plus)"), NUM, "sign flipped"),
    Mistake("one index over x.size", num("    for k in np.ndindex(x.shape):\n", "    for k in range(x.size):\n"),
            NUM, "np.ndindex"),
    Mistake("int grad", num("grad = np.zeros(x.shape)", "grad = np.zeros(x.shape, dtype=int)"), NUM, "integers"),
    # ---------------------------------------------------------------- task 4: CIFG backward
    Mistake("df from c_prev only", cifg("df = dc * (c_prev - g)", "df = dc * c_prev"), CIFG, "you kept only dc * c_prev"),
    Mistake("df sign flipped", cifg("df = dc * (c_prev - g)", "df = dc * (g - c_prev)"), CIFG, "sign is flipped"),
    Mistake("df paths added", cifg("df = dc * (c_prev - g)", "df = dc * (c_prev + g)"), CIFG, "you added the two paths"),
    Mistake("dg with f", cifg("dg = dc * (1 - f)", "dg = dc * f"), CIFG, "not dc * f"),
    Mistake("no h path", cifg("    dc = dc + dh * o * (1 - tanh_c ** 2)\n", ""), CIFG, "through h = tanh(c) * o"),
    Mistake("dc_prev scaled by 1 - f", cifg("dc * f, dparams", "dc * (1 - f), dparams"), CIFG, "not by 1 - f"),
    Mistake("the LSTM's cache layout", cifg("x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache",
                                            "x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache"), CIFG, "8 entries"),
    Mistake("blocks g, f, o", cifg("[df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)]",
                                   "[dg * (1 - g ** 2), df * f * (1 - f), do * o * (1 - o)]"), CIFG, "f, g, o"),
    Mistake("dc changed in place", cifg("dc = dc + dh * o * (1 - tanh_c ** 2)", "dc += dh * o * (1 - tanh_c ** 2)"),
            CIFG, "changed its input `dc`"),
    Mistake("bias not summed", cifg('"b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)', '"b_ih": da, "b_hh": da'),
            CIFG, "summed over the batch"),
]


# The blind newcomer test's wrong answers (issue 10's report, answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind #109: overwrites grads (=) instead of adding', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] = da.T @ x_t
    grads["W_hh"] = da.T @ h_prev
    grads["b_ih"] = da.sum(axis=0)
    grads["b_hh"] = da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', STEP, 'you replaced what was there'),
    Mistake('blind #110: rebinds dict entries: grads[k] = grads[k] + ... (new arrays)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] = grads["W_ih"] + da.T @ x_t
    grads["W_hh"] = grads["W_hh"] + da.T @ h_prev
    grads["b_ih"] = grads["b_ih"] + da.sum(axis=0)
    grads["b_hh"] = grads["b_hh"] + da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', STEP, 'Yours rebinds'),
    Mistake('blind #111: path missing: dc_all = dc (no dh through tanh(c))', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', STEP, 'c also reaches the loss through h'),
    Mistake('blind #112: adds into dc in place (dc += ...)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc += dh * o * (1 - tanh_c ** 2)
    dc_all = dc
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', STEP, 'changed its input `dc` in place'),
    Mistake("blind #113: g's derivative as a sigmoid's: g*(1-g)", '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * g * (1 - g), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', STEP, "not the sigmoid's g (1 - g)"),
    Mistake('blind #114: da in lecture order g, i, f, o', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    da = np.concatenate([dg * (1 - g ** 2), di * i * (1 - i), df * f * (1 - f), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', STEP, 'yours are g, i, f, o'),
    Mistake('blind #116: ignores what comes from later steps: dh = dhs[:, t] only', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = caches[0][0].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t], dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', SEQ, 'dh must include the gradient from the next step'),
    Mistake('blind #117: forgets dc_T (memory gradient starts at zero)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = caches[0][0].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype)
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', SEQ, 'dc_T is the gradient of the returned c_T'),
    Mistake('blind #118: loops forwards in time', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = caches[0][0].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    for t in range(T):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', SEQ, 'loop backwards in time'),
    Mistake('blind #119: time-first indexing dhs[t], dx[t]', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = caches[0][0].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    for t in reversed(range(T)):
        dx[t], dh_next, dc_next = step_backward(dhs[t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', SEQ, 'dhs is batch-first'),
    Mistake('blind #120: adds dh_next into dhs in place (dh = dhs[:, t]; dh += ...)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = caches[0][0].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    for t in reversed(range(T)):
        dh = dhs[:, t]
        dh += dh_next
        dx[:, t], dh_next, dc_next = step_backward(dh, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', SEQ, 'changed its input `dhs` in place'),
    Mistake('blind #121: grads as np.zeros(v.shape): float64 for float32 params', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = caches[0][0].shape[1]
    grads = {k: np.zeros(v.shape) for k, v in params.items()}
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', SEQ, "keep the input's dtype"),
    Mistake('blind #123: forgets to put the old value back', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
''', NUM, 'put x[k] back to its old value'),
    Mistake('blind #124: one-sided difference (f(x+h) - f(x)) / h', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    f0 = f()
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old
        grad[k] = (f_plus - f0) / h
    return grad
''', NUM, 'use central differences'),
    Mistake('blind #125: divides by h instead of 2h', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        x[k] = old
        grad[k] = (f_plus - f_minus) / h
    return grad
''', NUM, 'divide by 2h'),
    Mistake('blind #126: works on a copy of x (f never sees the nudge)', '''
def numerical_gradient(f, x, h=1e-5):
    x = x.copy()
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        x[k] = old
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
''', NUM, 'nudge x itself, in place'),
    Mistake('blind #127: x[k] += h then x[k] -= h: minus side evaluated at x (not x-h)', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        x[k] += h
        f_plus = f()
        x[k] -= h
        f_minus = f()
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
''', NUM, 'your minus side is evaluated at x'),
    Mistake('blind #129: one path only: df = dc*c_prev (forgets f in 1-f)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * c_prev
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', CIFG, 'you kept only dc * c_prev'),
    Mistake('blind #130: sign: df = dc*(g - c_prev)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (g - c_prev)
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', CIFG, 'your sign is flipped'),
    Mistake('blind #131: dg = dc*f (copied i = f)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (c_prev - g)
    dg = dc_all * f
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', CIFG, 'not dc * f'),
    Mistake('blind #132: da in order g, f, o', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (c_prev - g)
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([dg * (1 - g ** 2), df * f * (1 - f), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', CIFG, 'yours: g, f, o'),
    Mistake('blind #133: path missing: dc_all = dc', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc
    df = dc_all * (c_prev - g)
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', CIFG, 'c also reaches the loss through h'),
]


# The second blind newcomer test's wrong answers (issue 10, /tmp/blind2 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind2 #109: assigns grads (=) instead of adding', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    dpre = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] = dpre.T @ x_t
    grads["W_hh"] = dpre.T @ h_prev
    grads["b_ih"] = dpre.sum(axis=0)
    grads["b_hh"] = dpre.sum(axis=0)
    return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)', 'you replaced what was there'),
    Mistake('blind2 #110: grads[k] = grads[k] + ... (new arrays in the dict, BORDERLINE)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    dpre = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] = grads["W_ih"] + dpre.T @ x_t
    grads["W_hh"] = grads["W_hh"] + dpre.T @ h_prev
    grads["b_ih"] = grads["b_ih"] + dpre.sum(axis=0)
    grads["b_hh"] = grads["b_hh"] + dpre.sum(axis=0)
    return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)', 'add into the arrays grads holds, in place'),
    Mistake('blind2 #111: missing path dh -> c (dc_all = dc)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    dpre = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += dpre.T @ x_t
    grads["W_hh"] += dpre.T @ h_prev
    grads["b_ih"] += dpre.sum(axis=0)
    grads["b_hh"] += dpre.sum(axis=0)
    return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)', 'c also reaches the loss through h'),
    Mistake('blind2 #112: updates dc in place (dc += ...)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc += dh * o * (1 - tanh_c ** 2)
    dc_all = dc
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    dpre = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += dpre.T @ x_t
    grads["W_hh"] += dpre.T @ h_prev
    grads["b_ih"] += dpre.sum(axis=0)
    grads["b_hh"] += dpre.sum(axis=0)
    return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)', 'changed its input `dc`'),
    Mistake('blind2 #113: dpre blocks in order i, g, f, o', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    dpre = np.concatenate([di * i * (1 - i), dg * (1 - g ** 2), df * f * (1 - f), do * o * (1 - o)], axis=1)
    grads["W_ih"] += dpre.T @ x_t
    grads["W_hh"] += dpre.T @ h_prev
    grads["b_ih"] += dpre.sum(axis=0)
    grads["b_hh"] += dpre.sum(axis=0)
    return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)', 'yours are i, g, f, o'),
    Mistake("blind2 #114: tanh' of g written (1 - g) instead of (1 - g**2)", '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    dpre = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g), do * o * (1 - o)], axis=1)
    grads["W_ih"] += dpre.T @ x_t
    grads["W_hh"] += dpre.T @ h_prev
    grads["b_ih"] += dpre.sum(axis=0)
    grads["b_hh"] += dpre.sum(axis=0)
    return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)', 'its derivative is 1 - g**2 (g squared), not 1 - g'),
    Mistake('blind2 #116: dh_T ignored (starts from zeros)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = params["W_ih"].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype)
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    for t in reversed(range(T)):
        dx_t, dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
        dx[:, t] = dx_t
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'dh_T is the gradient of the returned h_T'),
    Mistake('blind2 #117: forgot to add the carried dh (passes dhs[:, t] only)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = params["W_ih"].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    for t in reversed(range(T)):
        dx_t, dh_next, dc_next = step_backward(dhs[:, t], dc_next, caches[t], grads)
        dx[:, t] = dx_t
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'dh must include the gradient from the next step'),
    Mistake('blind2 #118: dh_T used without copy and += in place', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = params["W_ih"].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T
    dc = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    for t in reversed(range(T)):
        dh += dhs[:, t]
        dx[:, t], dh, dc = step_backward(dh, dc, caches[t], grads)
    return dx, grads, dh, dc
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'changed its input `dh_T`'),
    Mistake('blind2 #119: loops forward in time', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = params["W_ih"].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    for t in range(T):
        dx_t, dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
        dx[:, t] = dx_t
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'loop backwards in time'),
    Mistake('blind2 #120: dx time-first (T, B, D)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = params["W_ih"].shape[1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dx = np.zeros((T, B, D), dtype=dhs.dtype)
    for t in reversed(range(T)):
        dx_t, dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
        dx[t] = dx_t
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'dx is batch-first'),
    Mistake('blind2 #121: grads start as float64 zeros (dtype slip)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    D = params["W_ih"].shape[1]
    grads = {k: np.zeros(v.shape) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    for t in reversed(range(T)):
        dx_t, dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
        dx[:, t] = dx_t
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'but the inputs are float32'),
    Mistake('blind2 #123: forgets to put the old value back', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
''', 'check_gradcheck(numerical_gradient)', 'put x[k] back to its old value'),
    Mistake('blind2 #124: forward difference (f(x+h) - f(x)) / h', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    f0 = f()
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old
        grad[k] = (f_plus - f0) / h
    return grad
''', 'check_gradcheck(numerical_gradient)', 'use central differences'),
    Mistake('blind2 #125: divides by h instead of 2h', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        x[k] = old
        grad[k] = (f_plus - f_minus) / h
    return grad
''', 'check_gradcheck(numerical_gradient)', 'divide by 2h'),
    Mistake('blind2 #126: nudges a copy of x (f never sees it)', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in np.ndindex(x.shape):
        xp = x.copy(); xp[k] += h
        f_plus = f()
        xm = x.copy(); xm[k] -= h
        f_minus = f()
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
''', 'check_gradcheck(numerical_gradient)', 'nudge x itself, in place'),
    Mistake('blind2 #127: range(len(x)): nudges whole rows of a 2-D x', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in range(len(x)):
        old = x[k].copy()
        x[k] = old + h
        f_plus = f()
        x[k] = old - h
        f_minus = f()
        x[k] = old
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
''', 'check_gradcheck(numerical_gradient)', 'picks whole rows of a 2-d x'),
    Mistake('blind2 #128: restores by arithmetic (+h, -2h, +h): round-off (BORDERLINE)', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for k in np.ndindex(x.shape):
        x[k] += h
        f_plus = f()
        x[k] -= 2 * h
        f_minus = f()
        x[k] += h
        grad[k] = (f_plus - f_minus) / (2 * h)
    return grad
''', 'check_gradcheck(numerical_gradient)', 'store the old value and assign it back'),
    Mistake('blind2 #130: df = dc_all * c_prev (only one path of f)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * c_prev
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'you kept only dc * c_prev'),
    Mistake('blind2 #131: dg = dc_all * f (wrong gate)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (c_prev - g)
    dg = dc_all * f
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'not dc * f'),
    Mistake('blind2 #132: da in order g, f, o', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (c_prev - g)
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([dg * (1 - g ** 2), df * f * (1 - f), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'yours: g, f, o'),
    Mistake('blind2 #133: dparams without b_hh', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (c_prev - g)
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', "'b_hh'"),
    Mistake('blind2 #134: dc_prev = dc_all * (1 - f)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (c_prev - g)
    dg = dc_all * (1 - f)
    dc_prev = dc_all * (1 - f)
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'not by 1 - f'),
    Mistake('blind2 #135: sign of df flipped (g - c_prev)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    df = dc_all * (g - c_prev)
    dg = dc_all * (1 - f)
    dc_prev = dc_all * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'your sign is flipped'),
    Mistake('blind2 #222: dh_prev computed with W_ih (dx and dh_prev swapped)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dc_all = dc + dh * o * (1 - tanh_c ** 2)
    di, dg, df = dc_all * g, dc_all * i, dc_all * c_prev
    dc_prev = dc_all * f
    dpre = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += dpre.T @ x_t
    grads["W_hh"] += dpre.T @ h_prev
    grads["b_ih"] += dpre.sum(axis=0)
    grads["b_hh"] += dpre.sum(axis=0)
    return dpre @ params["W_hh"], dpre @ params["W_ih"], dc_prev
''', 'check_step_backward(step_backward)', 'dx_t and dh_prev are swapped'),
]


# The third blind newcomer test's wrong answers (issue 10, /tmp/blind3 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind3 #108: overwrites grads (=) instead of adding', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    di = dct * g
    df = dct * c_prev
    dg = dct * i
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] = da.T @ x_t
    grads["W_hh"] = da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    dx_t = da @ params["W_ih"]
    dh_prev = da @ params["W_hh"]
    return dx_t, dh_prev, dc_prev
''', 'check_step_backward(step_backward)', 'you replaced what was there'),
    Mistake('blind3 #109: bias gradient summed over axis 1', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    di = dct * g
    df = dct * c_prev
    dg = dct * i
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=1)
    grads["b_hh"] += da.sum(axis=0)
    dx_t = da @ params["W_ih"]
    dh_prev = da @ params["W_hh"]
    return dx_t, dh_prev, dc_prev
''', 'check_step_backward(step_backward)', 'summed over the batch'),
    Mistake('blind3 #110: memory gradient without the path through h (dct = dc)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc
    di = dct * g
    df = dct * c_prev
    dg = dct * i
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    dx_t = da @ params["W_ih"]
    dh_prev = da @ params["W_hh"]
    return dx_t, dh_prev, dc_prev
''', 'check_step_backward(step_backward)', 'c also reaches the loss through h = tanh'),
    Mistake('blind3 #111: tanh applied again to the cached g in its derivative', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    di = dct * g
    df = dct * c_prev
    dg = dct * i
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - np.tanh(g) ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    dx_t = da @ params["W_ih"]
    dh_prev = da @ params["W_hh"]
    return dx_t, dh_prev, dc_prev
''', 'check_step_backward(step_backward)', 'yours applies tanh again'),
    Mistake('blind3 #112: b_hh gets no gradient (only one bias updated)', '''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    di = dct * g
    df = dct * c_prev
    dg = dct * i
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    dx_t = da @ params["W_ih"]
    dh_prev = da @ params["W_hh"]
    return dx_t, dh_prev, dc_prev
''', 'check_step_backward(step_backward)', 'both biases get the same gradient'),
    Mistake('blind3 #114: dh_T added at every step', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    D = params["W_ih"].shape[1]
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    extra = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T
    dh_next = np.zeros((B, H), dtype=dhs.dtype)
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next + extra, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'dh_T enters once, at the last step'),
    Mistake('blind3 #115: loop goes forwards in time', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    D = params["W_ih"].shape[1]
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    for t in range(T):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'loop backwards in time, from t = T-1 down to 0'),
    Mistake('blind3 #116: dc_T ignored (memory gradient starts at zero)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    D = params["W_ih"].shape[1]
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) 
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'dc_T is the gradient of the returned c_T'),
    Mistake('blind3 #117: dx collected and stacked on axis 0: (T, B, D)', '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dxs = []
    for t in reversed(range(T)):
        dx_t, dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
        dxs.append(dx_t)
    return np.stack(dxs[::-1], axis=0), grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'dx is batch-first, (B, T, D)'),
    Mistake("blind3 #118: dh_T used without a copy, then += (mutates the caller's dh_T)", '''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    D = params["W_ih"].shape[1]
    dx = np.zeros((B, T, D), dtype=dhs.dtype)
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T
    for t in reversed(range(T)):
        dh_next += dhs[:, t]
        dx[:, t], dh_next, dc_next = step_backward(dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)', 'your function changed its input `dh_T` in place, so the'),
    Mistake('blind3 #120: forward difference (f(x+h) - f(x)) / h', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        f0 = f()
        x[idx] = old + h
        fp = f()
        x[idx] = old
        grad[idx] = (fp - f0) / h
    return grad
''', 'check_gradcheck(numerical_gradient)', 'use central differences,'),
    Mistake('blind3 #121: divides by h instead of 2h', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = f()
        x[idx] = old - h
        fm = f()
        x[idx] = old
        grad[idx] = (fp - fm) / h
    return grad
''', 'check_gradcheck(numerical_gradient)', 'divide by 2h'),
    Mistake('blind3 #122: undoes the nudges by arithmetic (+h, -2h, +h)', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        fp = f()
        x[idx] -= 2 * h
        fm = f()
        x[idx] += h
        grad[idx] = (fp - fm) / (2 * h)
    return grad
''', 'check_gradcheck(numerical_gradient)', 'store the old value and assign it back'),
    Mistake('blind3 #123: loops over range(len(x)): nudges whole rows of a matrix', '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for k in range(len(x)):
        old = x[k].copy()
        x[k] = old + h
        fp = f()
        x[k] = old - h
        fm = f()
        x[k] = old
        grad[k] = (fp - fm) / (2 * h)
    return grad
''', 'check_gradcheck(numerical_gradient)', 'nudge one element at a time'),
    Mistake("blind3 #124: 'saves' x with x_orig = x (an alias), restores from it", '''
def numerical_gradient(f, x, h=1e-5):
    x_orig = x
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        x[idx] = x_orig[idx] + h
        fp = f()
        x[idx] = x_orig[idx] - 2 * h
        fm = f()
        grad[idx] = (fp - fm) / (2 * h)
        x[idx] = x_orig[idx] + h
    return grad
''', 'check_gradcheck(numerical_gradient)', 'it is an alias'),
    Mistake("blind3 #126: f's second path (through 1 - f) forgotten: df = dct * c_prev", '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    df = dct * c_prev
    dg = dct * (1 - f)
    dc_prev = dct * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'f reaches c twice'),
    Mistake('blind3 #127: sign backwards: df = dct * (g - c_prev)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    df = dct * (g - c_prev)
    dg = dct * (1 - f)
    dc_prev = dct * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'f reaches c twice'),
    Mistake('blind3 #128: dg = dct * f (input gate mixed up with f)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    df = dct * (c_prev - g)
    dg = dct * f
    dc_prev = dct * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'g is written with i = 1 - f'),
    Mistake('blind3 #129: dc_prev = dct * (1 - f)', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    df = dct * (c_prev - g)
    dg = dct * (1 - f)
    dc_prev = dct * (1 - f)
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', 'dc_prev = dc * f'),
    Mistake('blind3 #130: b_hh gradient left at zeros', '''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tanh_c, params = cache
    do = dh * tanh_c
    dct = dc + dh * o * (1 - tanh_c ** 2)
    df = dct * (c_prev - g)
    dg = dct * (1 - f)
    dc_prev = dct * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": np.zeros(da.shape[1], dtype=da.dtype)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)', "dparams['b_hh'] is all zeros where the expected values are"),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #74: assigns grads instead of adding', r'''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tc, params = cache
    do = dh * tc
    dct = dc + dh * o * (1 - tc ** 2)
    di = dct * g; dg = dct * i; df = dct * c_prev
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] = da.T @ x_t
    grads["W_hh"] = da.T @ h_prev
    grads["b_ih"] = da.sum(axis=0)
    grads["b_hh"] = da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)',
            "add this step's gradients into grads (grads[k] += ...)"),
    Mistake('blind4 #75: ignores incoming dc', r'''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tc, params = cache
    do = dh * tc
    dct = dh * o * (1 - tc ** 2)
    di = dct * g; dg = dct * i; df = dct * c_prev
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)',
            "add the incoming dc: the memory's gradient from the next step"),
    Mistake('blind4 #76: updates dc in place', r'''
def step_backward(dh, dc, cache, grads):
    x_t, h_prev, c_prev, i, f, g, o, tc, params = cache
    do = dh * tc
    dc += dh * o * (1 - tc ** 2)
    dct = dc
    di = dct * g; dg = dct * i; df = dct * c_prev
    dc_prev = dct * f
    da = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    grads["W_ih"] += da.T @ x_t
    grads["W_hh"] += da.T @ h_prev
    grads["b_ih"] += da.sum(axis=0)
    grads["b_hh"] += da.sum(axis=0)
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev
''', 'check_step_backward(step_backward)',
            "your function changed its input `dc` in place, so the caller's value"),
    Mistake('blind4 #78: no gradient from later steps (dh_next dropped)', r'''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    x0 = caches[0][0]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dx = np.zeros((B, T, x0.shape[1]), dtype=x0.dtype)
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t], dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)',
            'dh must include the gradient from the next step'),
    Mistake('blind4 #79: loops forward in time', r'''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    x0 = caches[0][0]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) if dc_T is None else dc_T.copy()
    dx = np.zeros((B, T, x0.shape[1]), dtype=x0.dtype)
    for t in range(T):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)',
            'loop backwards in time, from t = T-1 down to 0'),
    Mistake('blind4 #80: ignores dc_T', r'''
def lstm_backward(dhs, caches, dh_T=None, dc_T=None):
    B, T, H = dhs.shape
    params = caches[0][-1]
    x0 = caches[0][0]
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dh_next = np.zeros((B, H), dtype=dhs.dtype) if dh_T is None else dh_T.copy()
    dc_next = np.zeros((B, H), dtype=dhs.dtype) 
    dx = np.zeros((B, T, x0.shape[1]), dtype=x0.dtype)
    for t in reversed(range(T)):
        dx[:, t], dh_next, dc_next = step_backward(dhs[:, t] + dh_next, dc_next, caches[t], grads)
    return dx, grads, dh_next, dc_next
''', 'check_lstm_backward(lstm_backward, lstm_forward)',
            'dc_T is the gradient of the returned c_T'),
    Mistake('blind4 #82: restores by arithmetic', r'''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        x[k] += h
        fp = f()
        x[k] -= 2 * h
        fm = f()
        x[k] += h
        grad[k] = (fp - fm) / (2 * h)
    return grad
''', 'check_gradcheck(numerical_gradient)',
            'store the old value and assign it back (`old = x[k]` before the'),
    Mistake('blind4 #83: one-sided difference', r'''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    f0 = f()
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        fp = f()
        x[k] = old
        grad[k] = (fp - f0) / h
    return grad
''', 'check_gradcheck(numerical_gradient)',
            'use central differences, (f(x + h) - f(x - h)) / (2h)'),
    Mistake('blind4 #84: divides by h not 2h', r'''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + h
        fp = f()
        x[k] = old - h
        fm = f()
        x[k] = old
        grad[k] = (fp - fm) / h
    return grad
''', 'check_gradcheck(numerical_gradient)',
            'divide by 2h: the two points x + h and x - h are 2h apart'),
    Mistake('blind4 #86: f reaches c along one path only', r'''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tc, params = cache
    do = dh * tc
    dct = dc + dh * o * (1 - tc ** 2)
    df = dct * c_prev; dg = dct * (1 - f)
    dc_prev = dct * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)',
            'f reaches c twice: through c_prev * f and through g * (1 - f)'),
    Mistake('blind4 #87: sign flipped (g - c_prev)', r'''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tc, params = cache
    do = dh * tc
    dct = dc + dh * o * (1 - tc ** 2)
    df = dct * (g - c_prev); dg = dct * (1 - f)
    dc_prev = dct * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)',
            'f reaches c twice: through c_prev * f (+) and through g * (1 - f) (-)'),
    Mistake('blind4 #88: forgets incoming dc', r'''
def cifg_step_backward(dh, dc, cache):
    x_t, h_prev, c_prev, f, g, o, tc, params = cache
    do = dh * tc
    dct = dh * o * (1 - tc ** 2)
    df = dct * (c_prev - g); dg = dct * (1 - f)
    dc_prev = dct * f
    da = np.concatenate([df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1)
    dparams = {"W_ih": da.T @ x_t, "W_hh": da.T @ h_prev, "b_ih": da.sum(axis=0), "b_hh": da.sum(axis=0)}
    return da @ params["W_ih"], da @ params["W_hh"], dc_prev, dparams
''', 'check_cifg_backward(cifg_step_backward)',
            "add the incoming dc: the memory's gradient from the next step"),
]

"""Natural wrong answers to exercise 4 (from cell to network)."""
from . import Mistake

EXERCISE = "04_from_cell_to_network"

COUNT = "check_param_count(lstm_param_count)"
STEP = "check_step_forward(step_forward)"
SEQ = "check_lstm_forward(lstm_forward)"
TORCH = "check_torch_mapping(to_torch_lstm)"
CIFG = "check_cifg_step(cifg_step)"


def count(body):
    return f"def lstm_param_count(D, H, num_layers):\n    return {body}\n"


STEP_CODE = '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, 0:H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:4 * H])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
'''


def step(old, new):
    assert old in STEP_CODE, old
    return STEP_CODE.replace(old, new)


SEQ_CODE = '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, _ = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=h.dtype)
    return hs, (h, c), caches
'''


def seq(old, new):
    assert old in SEQ_CODE, old
    return SEQ_CODE.replace(old, new)


TORCH_CODE = '''
def to_torch_lstm(lect):
    H, D = lect["U"].shape[1], lect["W"].shape[1]
    blocks = lambda a: [a[k * H:(k + 1) * H] for k in range(4)]
    to_ifgo = lambda a: np.concatenate([blocks(a)[k] for k in (1, 2, 0, 3)])
    module = torch.nn.LSTM(D, H).double()
    with torch.no_grad():
        module.weight_ih_l0.copy_(torch.from_numpy(to_ifgo(lect["W"])))
        module.weight_hh_l0.copy_(torch.from_numpy(to_ifgo(lect["U"])))
        module.bias_ih_l0.copy_(torch.from_numpy(to_ifgo(lect["b"])))
        module.bias_hh_l0.zero_()
    return module
'''


def tor(old, new):
    assert old in TORCH_CODE, old
    return TORCH_CODE.replace(old, new)


CIFG_CODE = '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, 0:H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:3 * H])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
'''


def cifg(old, new):
    assert old in CIFG_CODE, old
    return CIFG_CODE.replace(old, new)


MISTAKES = [
    # ---------------------------------------------------------------- task 1: count
    Mistake("one layer only", count("4 * H * D + 4 * H * H + 8 * H"), COUNT, "count every layer"),
    Mistake("every layer reads D", count("num_layers * (4 * H * D + 4 * H * H + 8 * H)"), COUNT,
            "not the input x"),
    Mistake("one bias", count("4 * H * D + 4 * H * H + 4 * H + (num_layers - 1) * (8 * H * H + 4 * H)"), COUNT,
            "two bias vectors"),
    Mistake("no biases", count("4 * H * D + 4 * H * H + (num_layers - 1) * 8 * H * H"), COUNT,
            "count the biases too"),
    Mistake("a plain RNN's count", count("H * D + H * H + 2 * H + (num_layers - 1) * (2 * H * H + 2 * H)"), COUNT,
            "four blocks"),
    Mistake("W_hh as (4H, D)", count("(8 * H * D + 8 * H) + (num_layers - 1) * (8 * H * H + 8 * H)"), COUNT,
            "not (4H, D)"),
    Mistake("num_layers + 1 layers", count("4 * H * D + 4 * H * H + 8 * H + num_layers * (8 * H * H + 8 * H)"),
            COUNT, "not num_layers + 1"),
    Mistake("range off by one", '''
def lstm_param_count(D, H, num_layers):
    total = 4 * H * D + 4 * H * H + 8 * H
    for k in range(2, num_layers):
        total += 8 * H * H + 8 * H
    return total
''', COUNT, "not num_layers + 1"),
    Mistake("forgot the layers argument", count("4 * H * (D + H) + 8 * H").replace(", num_layers", ""), COUNT,
            "three arguments"),
    Mistake("a float from a division", count("(4 * H * (D + H) + 8 * H) * num_layers / 1"), COUNT,
            "not the input x"),
    # ---------------------------------------------------------------- task 2: step with a dict cache
    Mistake("the lesson's tuple cache", step('''    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}''',
                                              "    cache = (x_t, h_prev, c_prev, i, f, g, o, tanh_c, params)"),
            STEP, "cache is a dict"),
    Mistake("no cache returned", step("    return h, c, cache", "    return h, c"), STEP, "returns 3 values"),
    Mistake("cache without c_prev", step('"c_prev": c_prev, ', ""), STEP, "has no 'c_prev'"),
    Mistake("cache without params", step(', "params": params', ""), STEP, "has no 'params'"),
    Mistake("cache stores c as tanh_c", step('"tanh_c": tanh_c}', '"tanh_c": c}'), STEP,
            "holds the new memory c (before tanh)"),
    Mistake("cache stores pre-activations", step('"i": i, "f": f, "g": g, "o": o',
                                                 '"i": a[:, :H], "f": a[:, H:2*H], "g": a[:, 2*H:3*H], "o": a[:, 3*H:]'),
            STEP, "pre-activation"),
    Mistake("cache gates in another order", step('"i": i, "f": f', '"i": f, "f": i'), STEP,
            "holds the forget gate's opening f"),
    Mistake("c_prev updated in place", step("    c = g * i + c_prev * f\n", "    c_prev *= f\n    c = g * i + c_prev\n"),
            STEP, "changed its input `c_prev`"),
    Mistake("h_prev overwritten with the result", step("    return h, c, cache", "    h_prev[...] = h\n    return h, c, cache"),
            STEP, "changed its input `h_prev`"),
    Mistake("lecture's block order", step('''    i = sigmoid(a[:, 0:H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])''', '''    g = np.tanh(a[:, 0:H])
    i = sigmoid(a[:, H:2 * H])
    f = sigmoid(a[:, 2 * H:3 * H])'''), STEP, "gate order is i, f, g, o"),
    Mistake("W and U swapped", step('x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T',
                                    'x_t @ params["W_hh"].T + params["b_ih"] + h_prev @ params["W_ih"].T'),
            STEP, "swap"),
    Mistake("float64 zeros promote float32", step("    c = g * i + c_prev * f\n",
                                                  "    c = np.zeros(c_prev.shape)\n    c += g * i + c_prev * f\n"),
            STEP, "float32"),
    Mistake("batch squeezed", step("    return h, c, cache", "    return h.squeeze(), c.squeeze(), cache"), STEP,
            "batch of one"),
    Mistake("h from c_prev", step("    h = tanh_c * o", "    h = np.tanh(c_prev) * o"), STEP, "not c_prev"),
    # ---------------------------------------------------------------- task 3: batch-first sequence
    Mistake("time-major indexing x[t]", seq("step_forward(x[:, t], h, c, params)", "step_forward(x[t], h, c, params)"),
            SEQ, "x[:, t]"),
    Mistake("time-major stacking", seq("np.stack(hs, axis=1)", "np.stack(hs)"), SEQ, "stack the steps along axis 1"),
    Mistake("only the last cache", seq("    return hs, (h, c), caches", "    return hs, (h, c), [cache]"), SEQ,
            "keep every step's cache"),
    Mistake("caches reversed", seq("caches.append(cache)", "caches.insert(0, cache)"), SEQ, "reversed"),
    Mistake("no T = 0 case", seq("np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=h.dtype)",
                                 "np.stack(hs, axis=1)"), SEQ, "no time steps"),
    Mistake("h not carried", seq("h, c, cache = step_forward(x[:, t], h, c, params)\n        hs.append(h)",
                                 "h_t, c, cache = step_forward(x[:, t], h, c, params)\n        hs.append(h_t)")
            .replace("return hs, (h, c), caches", "return hs, (hs[:, -1] if T > 0 else h, c), caches"), SEQ,
            "pass each step's h on"),
    Mistake("zeros without x's dtype", seq("np.zeros((B, H), dtype=x.dtype) if h0 is None",
                                           "np.zeros((B, H)) if h0 is None"), SEQ, "float32"),
    Mistake("h0 written into", seq("        hs.append(h)\n", "        hs.append(h.copy())\n")
            .replace("h, c, cache = step_forward(x[:, t], h, c, params)",
                     "h_new, c, cache = step_forward(x[:, t], h, c, params)\n        h[...] = h_new"), SEQ,
            "changed its input `h0`"),
    Mistake("hs keeps h0", seq("    hs, caches = [], []", "    hs, caches = [h], []").replace(
        "if T > 0 else", "if True else"), SEQ, "initial state kept"),
    Mistake("a list for hs", seq("    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=h.dtype)\n",
                                 "    hs = [[hs[t][b] for t in range(T)] for b in range(B)]\n"), SEQ, "Python list"),
    Mistake("ignores h0 and c0", seq("np.zeros((B, H), dtype=x.dtype) if h0 is None else h0",
                                     "np.zeros((B, H), dtype=x.dtype)").replace(
        "np.zeros((B, H), dtype=x.dtype) if c0 is None else c0", "np.zeros((B, H), dtype=x.dtype)"), SEQ,
            "start from h0 and c0"),
    # ---------------------------------------------------------------- task 4: torch mapping
    Mistake("lecture order", tor("(1, 2, 0, 3)", "(0, 1, 2, 3)"), TORCH, "gate order is i, f, g, o"),
    Mistake("i, f, o, g", tor("(1, 2, 0, 3)", "(1, 2, 3, 0)"), TORCH, "gate order is i, f, g, o"),
    Mistake("bias in both", tor("module.bias_hh_l0.zero_()", 'module.bias_hh_l0.copy_(torch.from_numpy(to_ifgo(lect["b"])))'),
            TORCH, "bias is added twice"),
    Mistake("W and U swapped", tor('module.weight_ih_l0.copy_(torch.from_numpy(to_ifgo(lect["W"])))\n        module.weight_hh_l0.copy_(torch.from_numpy(to_ifgo(lect["U"])))',
                                   'module.weight_ih_l0.copy_(torch.from_numpy(to_ifgo(lect["U"])))\n        module.weight_hh_l0.copy_(torch.from_numpy(to_ifgo(lect["W"])))'),
            TORCH, "swap"),
    Mistake("W transposed", tor('to_ifgo(lect["W"])))', 'to_ifgo(lect["W"]).T.copy()))'), TORCH, "no .T"),
    Mistake("returns the state dict", tor("    return module", "    return module.state_dict()"), TORCH,
            "return the torch.nn.LSTM itself"),
    Mistake("two layers", tor("torch.nn.LSTM(D, H)", "torch.nn.LSTM(D, H, num_layers=2)"), TORCH,
            "plain one-layer"),
    Mistake("i and f swapped", tor("(1, 2, 0, 3)", "(2, 1, 0, 3)"), TORCH, "swapped the input and forget gates"),
    Mistake("bias not copied", tor('        module.bias_ih_l0.copy_(torch.from_numpy(to_ifgo(lect["b"])))\n', ""),
            TORCH, "bias"),
    # ---------------------------------------------------------------- task 5: CIFG step
    Mistake("i = f", cifg("c = g * (1 - f) + c_prev * f", "c = g * f + c_prev * f"), CIFG, "i = 1 - f"),
    Mistake("coupling on the wrong side", cifg("c = g * (1 - f) + c_prev * f", "c = g * f + c_prev * (1 - f)"),
            CIFG, "other way round"),
    Mistake("lesson's four blocks", cifg('''    f = sigmoid(a[:, 0:H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:3 * H])''', '''    i, f, g, o = np.split(a, 4, axis=1)
    f, g, o = sigmoid(f), np.tanh(g), sigmoid(o)'''), CIFG, "3H columns"),
    Mistake("blocks read as g, f, o", cifg('''    f = sigmoid(a[:, 0:H])
    g = np.tanh(a[:, H:2 * H])''', '''    g = np.tanh(a[:, 0:H])
    f = sigmoid(a[:, H:2 * H])'''), CIFG, "the three blocks are f, g, o"),
    Mistake("H from W_hh rows", cifg("    H = h_prev.shape[1]", '    H = params["W_hh"].shape[0] // 4'), CIFG,
            "3H columns"),
    Mistake("1 - of the pre-activation", cifg("c = g * (1 - f) + c_prev * f", "c = g * (1 - sigmoid(f)) + c_prev * f"),
            CIFG, "the opening itself"),
    Mistake("g with the sigmoid", cifg("g = np.tanh(a[:, H:2 * H])", "g = sigmoid(a[:, H:2 * H])"), CIFG,
            "uses tanh"),
    Mistake("c_prev in place", cifg("    c = g * (1 - f) + c_prev * f\n", "    c_prev *= f\n    c = g * (1 - f) + c_prev\n"),
            CIFG, "changed its input `c_prev`"),
    Mistake("float64 ones", cifg("(1 - f)", "(np.ones(f.shape) - f)"), CIFG, "float32"),
    Mistake("no tanh on c", cifg("h = np.tanh(c) * o", "h = c * o"), CIFG, "squash the new memory"),
]


# ---------------------------------------------------------------- the blind newcomer test (issue 10)
# Every wrong answer a tester wrote from the lessons and the exercise notebook alone (/tmp/blind, answers
# #N), as written; the hint each must now get.
MISTAKES += [
    Mistake('blind #77: every layer reads D inputs', '''
def lstm_param_count(D, H, num_layers):
    return num_layers * (4 * H * D + 4 * H * H + 8 * H)
''', COUNT, 'layer k > 0 reads the outputs of the layer below'),
    Mistake('blind #78: one bias per layer (4H, not 8H)', '''
def lstm_param_count(D, H, num_layers):
    total = 0
    for layer in range(num_layers):
        d_in = D if layer == 0 else H
        total += 4 * H * (d_in + H) + 4 * H
    return total
''', COUNT, 'two bias vectors'),
    Mistake('blind #79: forgets the factor 4 (one gate)', '''
def lstm_param_count(D, H, num_layers):
    total = 0
    for layer in range(num_layers):
        d_in = D if layer == 0 else H
        total += H * (d_in + H) + 2 * H
    return total
''', COUNT, 'four blocks of weights'),
    Mistake('blind #80: ignores num_layers', '''
def lstm_param_count(D, H, num_layers):
    return 4 * H * (D + H) + 8 * H
''', COUNT, 'count every layer'),
    Mistake('blind #81: upper layers without W_ih', '''
def lstm_param_count(D, H, num_layers):
    return 4 * H * D + num_layers * (4 * H * H + 8 * H)
''', COUNT, 'yours counts W_ih for layer 0 only'),
    Mistake('blind #83: lecture gate order z, i, f, o', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    g = np.tanh(a[:, :H])
    i = sigmoid(a[:, H:2 * H])
    f = sigmoid(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, "You read them in the lecture's order"),
    Mistake('blind #84: forgets b_hh', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, 'add both biases'),
    Mistake('blind #85: weights not transposed (x_t @ W_ih)', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"] + params["b_ih"] + h_prev @ params["W_hh"] + params["b_hh"]
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, 'keep the .T'),
    Mistake("blind #86: cache 'g' holds the pre-activation, not tanh of it", '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": a[:, 2 * H:3 * H], "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, "cache['g'] holds the cell input's pre-activation"),
    Mistake('blind #87: updates c_prev in place', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c_prev *= f
    c = c_prev + g * i
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, 'changed its input `c_prev` in place'),
    Mistake('blind #88: output gate inside the tanh: h = tanh(c*o)', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = np.tanh(c * o)
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, 'it does not go inside the tanh'),
    Mistake("blind #222: cache 'c_prev' holds the new c", '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    h = np.tanh(c) * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c, "params": params}
    return h, c, cache
''', STEP, "cache['c_prev'] holds the new memory c"),
    Mistake('blind #90: time-first indexing x[t] (loops over the batch)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'x[t] is example t'),
    Mistake('blind #91: np.stack(hs) without axis=1: (T, B, H)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'stack the steps along axis 1'),
    Mistake('blind #92: forgets T = 0: np.stack of an empty list', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1)
    return hs, (h, c), caches
''', SEQ, 'no time steps (T = 0)'),
    Mistake('blind #93: start state np.zeros without dtype', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H)) if h0 is None else h0
    c = np.zeros((B, H)) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, "keep the input's dtype"),
    Mistake('blind #94: h0 = h0 or zeros (truth value of an array)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = h0 or np.zeros((B, H), dtype=x.dtype)
    c = c0 or np.zeros((B, H), dtype=x.dtype)
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'h0 if h0 is not None'),
    Mistake('blind #95: does not carry c (h, _, cache = ...)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, _, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'carry the memory'),
    Mistake('blind #97: no reordering of the blocks', '''
import torch


def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(M):
        return M
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
        m.bias_hh_l0.zero_()
    return m
''', TORCH, "You copied them in the lecture's order"),
    Mistake('blind #98: b copied into both biases (doubled)', '''
import torch


def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(M):
        return np.concatenate([M[H:2 * H], M[2 * H:3 * H], M[:H], M[3 * H:]])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
        m.bias_hh_l0.copy_(torch.from_numpy(reorder(b)))
    return m
''', TORCH, 'the bias is added twice'),
    Mistake('blind #99: bias_hh left at its random init', '''
import torch


def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(M):
        return np.concatenate([M[H:2 * H], M[2 * H:3 * H], M[:H], M[3 * H:]])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
    return m
''', TORCH, 'b into one bias and zeros into the other'),
    Mistake('blind #100: wrong order: [z_i, z_f, z_o, z] (o and g mixed)', '''
import torch


def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(M):
        return np.concatenate([M[H:2 * H], M[2 * H:3 * H], M[3 * H:], M[:H]])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
        m.bias_hh_l0.zero_()
    return m
''', TORCH, 'You put the output gate before the cell input'),
    Mistake('blind #101: reorders W only, U and b copied as they are', '''
import torch


def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(M):
        return np.concatenate([M[H:2 * H], M[2 * H:3 * H], M[:H], M[3 * H:]])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(U))
        m.bias_ih_l0.copy_(torch.from_numpy(b))
        m.bias_hh_l0.zero_()
    return m
''', TORCH, 'each reordered to i, f, g, o'),
    Mistake('blind #103: block order g, f, o', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    g = np.tanh(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', CIFG, 'you read them as g, f, o'),
    Mistake('blind #104: coupling swapped: g*f + c_prev*(1-f)', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * f + c_prev * (1 - f)
    h = np.tanh(c) * o
    return h, c
''', CIFG, 'you put them the other way round'),
    Mistake('blind #105: H from W_ih.shape[0] // 4 (copied from the 4-block step)', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = params["W_ih"].shape[0] // 4
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', CIFG, '3H columns (blocks f, g, o), not 4H'),
    Mistake('blind #106: forgets b_hh', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', CIFG, 'add both biases'),
    Mistake('blind #107: forgets tanh on the output: h = c*o', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = c * o
    return h, c
''', CIFG, 'squash the new memory with tanh'),
]


# ---------------------------------------------------------------- the second blind newcomer test (issue 10)
# Every wrong answer a second tester wrote from the lessons and the exercise notebook alone (/tmp/blind2,
# answers #N), as written
MISTAKES += [
    Mistake('blind2 #77: one bias per layer', '''
def lstm_param_count(D, H, num_layers):
    return 4 * H * (D + H + 1) + (num_layers - 1) * 4 * H * (2 * H + 1)
''', 'check_param_count(lstm_param_count)', 'PyTorch keeps two bias vectors, b_ih and b_hh'),
    Mistake('blind2 #78: every layer reads D', '''
def lstm_param_count(D, H, num_layers):
    return num_layers * 4 * H * (D + H + 2)
''', 'check_param_count(lstm_param_count)', 'layer k > 0 reads the outputs of the layer'),
    Mistake('blind2 #79: forgot the 4 gates', '''
def lstm_param_count(D, H, num_layers):
    return H * (D + H + 2) + (num_layers - 1) * H * (2 * H + 2)
''', 'check_param_count(lstm_param_count)', 'an LSTM has four blocks of weights (i, f, g, o)'),
    Mistake('blind2 #80: off-by-one loop over upper layers (range(2, L))', '''
def lstm_param_count(D, H, num_layers):
    total = 4 * H * (D + H + 2)
    for layer in range(2, num_layers):
        total += 4 * H * (2 * H + 2)
    return total
''', 'check_param_count(lstm_param_count)', 'there are num_layers layers, not num_layers + 1'),
    Mistake('blind2 #81: float result (4.0 * H ...)', '''
def lstm_param_count(D, H, num_layers):
    return 4.0 * H * (D + H + 2) + (num_layers - 1) * 4.0 * H * (2 * H + 2)
''', 'check_param_count(lstm_param_count)', 'return the count as an integer (an int): yours'),
    Mistake('blind2 #83: lecture gate order g, i, f, o instead of i, f, g, o', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    g = np.tanh(pre[:, :H])
    i = sigmoid(pre[:, H:2 * H])
    f = sigmoid(pre[:, 2 * H:3 * H])
    o = sigmoid(pre[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', 'check_step_forward(step_forward)', "PyTorch's gate order is i, f, g, o: rows 0:H of"),
    Mistake('blind2 #84: tanh for the output gate', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(pre[:, :H])
    f = sigmoid(pre[:, H:2 * H])
    g = np.tanh(pre[:, 2 * H:3 * H])
    o = np.tanh(pre[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', 'check_step_forward(step_forward)', 'the output gate o (block 3H:4H) is a gate'),
    Mistake('blind2 #85: forgot b_hh', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T
    i = sigmoid(pre[:, :H])
    f = sigmoid(pre[:, H:2 * H])
    g = np.tanh(pre[:, 2 * H:3 * H])
    o = sigmoid(pre[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', 'check_step_forward(step_forward)', 'add both biases, b_ih and b_hh (PyTorch keeps'),
    Mistake("blind2 #86: cache 'tanh_c' holds c (not tanh(c))", '''
def step_forward(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(pre[:, :H])
    f = sigmoid(pre[:, H:2 * H])
    g = np.tanh(pre[:, 2 * H:3 * H])
    o = sigmoid(pre[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": c}
    return h, c, cache
''', 'check_step_forward(step_forward)', "cache['tanh_c'] holds the new memory c (before"),
    Mistake("blind2 #87: cache without 'params'", '''
def step_forward(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(pre[:, :H])
    f = sigmoid(pre[:, H:2 * H])
    g = np.tanh(pre[:, 2 * H:3 * H])
    o = sigmoid(pre[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, 
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', 'check_step_forward(step_forward)', "cache has no 'params': the backward needs it for"),
    Mistake('blind2 #88: casts inputs to float64', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    x_t, h_prev, c_prev = (np.asarray(a, dtype=np.float64) for a in (x_t, h_prev, c_prev))
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(pre[:, :H])
    f = sigmoid(pre[:, H:2 * H])
    g = np.tanh(pre[:, 2 * H:3 * H])
    o = sigmoid(pre[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', 'check_step_forward(step_forward)', 'h is float64 but the inputs are float32: keep'),
    Mistake('blind2 #90: hs stacked time-first (T, B, H)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', 'check_lstm_forward(lstm_forward)', 'hs is batch-first, (B, T, H): stack the steps'),
    Mistake('blind2 #91: T = 0 forgotten: np.stack of an empty list', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1)
    return hs, (h, c), caches
''', 'check_lstm_forward(lstm_forward)', 'no time steps (T = 0)'),
    Mistake("blind2 #92: default zeros float64 whatever x's dtype", '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H)) if h0 is None else h0
    c = np.zeros((B, H)) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', 'check_lstm_forward(lstm_forward)', 'hs is float64 but the inputs are float32: keep'),
    Mistake('blind2 #93: state never carried (h_t, c_t new names)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h_t, c_t, cache = step_forward(x[:, t], h, c, params)
        hs.append(h_t)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h_t, c_t), caches
''', 'check_lstm_forward(lstm_forward)', 'with no inputs (T = 0)'),
    Mistake('blind2 #94: caches.append outside the loop (only the last cache)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    cache = None
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
    if cache is not None:
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', 'check_lstm_forward(lstm_forward)', 'caches holds 1 cache for T = 5 steps: keep every'),
    Mistake("blind2 #96: no reordering (lecture's z, i, f, o copied straight)", '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(a):   # z, z_i, z_f, z_o  ->  i, f, g, o
        return a
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
        m.bias_hh_l0.zero_()
    return m
''', 'check_torch_mapping(to_torch_lstm)', "PyTorch's gate order is i, f, g, o: take the"),
    Mistake("blind2 #97: the lecture's bias copied into both biases", '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(a):   # z, z_i, z_f, z_o  ->  i, f, g, o
        return np.concatenate([a[H:2 * H], a[2 * H:3 * H], a[:H], a[3 * H:]], axis=0)
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
        m.bias_hh_l0.copy_(torch.from_numpy(reorder(b)))
    return m
''', 'check_torch_mapping(to_torch_lstm)', 'the bias is added twice: PyTorch adds bias_ih_l0'),
    Mistake('blind2 #98: reordered to i, f, o, g', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(a):   # z, z_i, z_f, z_o  ->  i, f, g, o
        return np.concatenate([a[H:2 * H], a[2 * H:3 * H], a[3 * H:], a[:H]], axis=0)
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
        m.bias_hh_l0.zero_()
    return m
''', 'check_torch_mapping(to_torch_lstm)', "PyTorch's gate order is i, f, g, o: take the"),
    Mistake('blind2 #99: only W reordered, U and b copied as they are', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(a):   # z, z_i, z_f, z_o  ->  i, f, g, o
        return np.concatenate([a[H:2 * H], a[2 * H:3 * H], a[:H], a[3 * H:]], axis=0)
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(U))
        m.bias_ih_l0.copy_(torch.from_numpy(b))
        m.bias_hh_l0.zero_()
    return m
''', 'check_torch_mapping(to_torch_lstm)', 'copy W into weight_ih_l0, U into weight_hh_l0, b'),
    Mistake('blind2 #100: bias_hh left at its random init', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(a):   # z, z_i, z_f, z_o  ->  i, f, g, o
        return np.concatenate([a[H:2 * H], a[2 * H:3 * H], a[:H], a[3 * H:]], axis=0)
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
        m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
        m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
    return m
''', 'check_torch_mapping(to_torch_lstm)', 'copy W into weight_ih_l0, U into weight_hh_l0, b'),
    Mistake('blind2 #101: copy without torch.no_grad()', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H, D = U.shape[1], W.shape[1]
    def reorder(a):
        return np.concatenate([a[H:2 * H], a[2 * H:3 * H], a[:H], a[3 * H:]], axis=0)
    m = torch.nn.LSTM(D, H)
    m.weight_ih_l0.copy_(torch.from_numpy(reorder(W)))
    m.weight_hh_l0.copy_(torch.from_numpy(reorder(U)))
    m.bias_ih_l0.copy_(torch.from_numpy(reorder(b)))
    m.bias_hh_l0.zero_()
    return m
''', 'check_torch_mapping(to_torch_lstm)', 'with torch.no_grad():'),
    Mistake('blind2 #103: 1 - f on the memory instead of on g', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(pre[:, :H])
    g = np.tanh(pre[:, H:2 * H])
    o = sigmoid(pre[:, 2 * H:])
    c = g * f + c_prev * (1 - f)
    h = np.tanh(c) * o
    return h, c
''', 'check_cifg_step(cifg_step)', 'the new input is written with i = 1 - f and the'),
    Mistake('blind2 #104: block order g, f, o', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    g = np.tanh(pre[:, :H])
    f = sigmoid(pre[:, H:2 * H])
    o = sigmoid(pre[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', 'check_cifg_step(cifg_step)', 'the three blocks are f, g, o: rows 0:H forget'),
    Mistake("blind2 #105: kept step_forward's 4-block slices (i dropped: f at H:2H, g 2H:3H, o 3H:)", '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(pre[:, H:2 * H])
    g = np.tanh(pre[:, 2 * H:3 * H])
    o = sigmoid(pre[:, 3 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', 'check_cifg_step(cifg_step)', '3H columns (blocks f, g, o)'),
    Mistake('blind2 #106: H from W_ih.shape[0] // 4 (copied from the 4-gate step)', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = params["W_ih"].shape[0] // 4
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(pre[:, :H])
    g = np.tanh(pre[:, H:2 * H])
    o = sigmoid(pre[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', 'check_cifg_step(cifg_step)', '3H columns (blocks f, g, o)'),
    Mistake('blind2 #107: sigmoid for g', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = params["W_hh"].shape[1]
    pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(pre[:, :H])
    g = sigmoid(pre[:, H:2 * H])
    o = sigmoid(pre[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', 'check_cifg_step(cifg_step)', 'g, the cell input, uses tanh, not the sigmoid'),
    Mistake('blind2 #219: state never carried (h_t, c_t), no T = 0 crash', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    h_t, c_t = h, c
    hs, caches = [], []
    for t in range(T):
        h_t, c_t, cache = step_forward(x[:, t], h, c, params)
        hs.append(h_t)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h_t, c_t), caches
''', 'check_lstm_forward(lstm_forward)', "carry the state from step to step: step t's"),
]

# Every wrong answer a third tester wrote from the lessons and the exercise notebook alone (/tmp/blind3,
# round 3): each must be rejected with the hint that names it.
MISTAKES += [
    Mistake('blind3 #78: every layer reads the input x (size D)', '''
def lstm_param_count(D, H, num_layers):
    return num_layers * 4 * H * (D + H + 2)
''', COUNT, 'not the input x: its W_ih is (4H, H)'),
    Mistake('blind3 #79: one bias vector per layer', '''
def lstm_param_count(D, H, num_layers):
    return 4 * H * (D + H + 1) + (num_layers - 1) * 4 * H * (2 * H + 1)
''', COUNT, 'PyTorch keeps two bias vectors'),
    Mistake('blind3 #80: loop runs num_layers times on top of layer 0 (one layer too many)', '''
def lstm_param_count(D, H, num_layers):
    total = 4 * H * (D + H + 2)
    for _ in range(num_layers):
        total += 4 * H * (2 * H + 2)
    return total
''', COUNT, 'there are num_layers layers'),
    Mistake('blind3 #81: W_hh counted as (H, H)', '''
def lstm_param_count(D, H, num_layers):
    first = 4 * H * D + H * H + 8 * H
    above = 4 * H * H + H * H + 8 * H
    return first + (num_layers - 1) * above
''', COUNT, 'You counted it as (H, H)'),
    Mistake('blind3 #82: layers above read D + H (input and the layer below)', '''
def lstm_param_count(D, H, num_layers):
    first = 4 * H * (D + H + 2)
    above = 4 * H * (D + H + H + 2)
    return first + (num_layers - 1) * above
''', COUNT, 'not the input x as well'),
    Mistake("blind3 #84: cache 'tanh_c' holds tanh of the OLD memory", '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": np.tanh(c_prev)}
    return h, c, cache
''', STEP, "cache['tanh_c'] should be tanh(c)"),
    Mistake('blind3 #85: reuses the name c_prev for the new memory (cache gets the new one)', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i, f, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 3 * H:])
    g = np.tanh(a[:, 2 * H:3 * H])
    c_prev = g * i + c_prev * f
    h = np.tanh(c_prev) * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params}
    return h, c_prev, cache
''', STEP, "cache['c_prev'] holds the new memory c"),
    Mistake('blind3 #86: only b_ih added (forgot b_hh)', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, 'add both biases'),
    Mistake('blind3 #87: output gate inside tanh: h = tanh(c * o)', '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H])
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = sigmoid(a[:, 3 * H:])
    c = g * i + c_prev * f
    tanh_c = np.tanh(c)
    h = np.tanh(c * o)
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, 'it does not go inside the tanh'),
    Mistake("blind3 #88: cache 'g' holds the pre-activation (before tanh)", '''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i, f, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 3 * H:])
    g = a[:, 2 * H:3 * H]
    c = np.tanh(g) * i + c_prev * f
    tanh_c = np.tanh(c)
    h = tanh_c * o
    cache = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
             "i": i, "f": f, "g": g, "o": o, "tanh_c": tanh_c}
    return h, c, cache
''', STEP, "cache['g'] holds the cell input's pre-activation"),
    Mistake('blind3 #90: np.stack on axis 0: hs is (T, B, H)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=0) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'stack the steps along axis 1'),
    Mistake('blind3 #91: np.stack of an empty list for T = 0', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1)
    return hs, (h, c), caches
''', SEQ, 'np.stack of an empty list fails'),
    Mistake('blind3 #92: copy-paste: c starts from h0', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else h0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'your memory starts from h0'),
    Mistake('blind3 #93: time-first indexing x[t]', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[t], h, c, params)
        hs.append(h)
        caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'step t reads x[:, t]'),
    Mistake('blind3 #94: caches.append outside the loop (only the last cache)', '''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h)
    caches.append(cache)
    hs = np.stack(hs, axis=1) if T > 0 else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', SEQ, 'append it inside the loop'),
    Mistake("blind3 #96: no reordering (lecture's z, z_i, z_f, z_o order kept)", '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]
    D = W.shape[1]
    perm = np.concatenate([np.arange(H, 2 * H), np.arange(2 * H, 3 * H), np.arange(0, H), np.arange(3 * H, 4 * H)])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W))
        m.weight_hh_l0.copy_(torch.from_numpy(U))
        m.bias_ih_l0.copy_(torch.from_numpy(b))
        m.bias_hh_l0.zero_()
    return m
''', TORCH, "You copied them in the lecture's order"),
    Mistake('blind3 #97: the bias copied into both bias_ih and bias_hh', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]
    D = W.shape[1]
    perm = np.concatenate([np.arange(H, 2 * H), np.arange(2 * H, 3 * H), np.arange(0, H), np.arange(3 * H, 4 * H)])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W[perm]))
        m.weight_hh_l0.copy_(torch.from_numpy(U[perm]))
        m.bias_ih_l0.copy_(torch.from_numpy(b[perm]))
        m.bias_hh_l0.copy_(torch.from_numpy(b[perm]))
    return m
''', TORCH, 'the bias is added twice'),
    Mistake('blind3 #98: bias_hh left at its random initial value', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]
    D = W.shape[1]
    perm = np.concatenate([np.arange(H, 2 * H), np.arange(2 * H, 3 * H), np.arange(0, H), np.arange(3 * H, 4 * H)])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W[perm]))
        m.weight_hh_l0.copy_(torch.from_numpy(U[perm]))
        m.bias_ih_l0.copy_(torch.from_numpy(b[perm]))
    return m
''', TORCH, 'zeros into the other'),
    Mistake('blind3 #99: sizes hard-coded from the example (D = 3, H = 2)', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = 2
    D = 3
    perm = np.concatenate([np.arange(H, 2 * H), np.arange(2 * H, 3 * H), np.arange(0, H), np.arange(3 * H, 4 * H)])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W[perm]))
        m.weight_hh_l0.copy_(torch.from_numpy(U[perm]))
        m.bias_ih_l0.copy_(torch.from_numpy(b[perm]))
        m.bias_hh_l0.zero_()
    return m
''', TORCH, 'not numbers fixed from the example'),
    Mistake('blind3 #100: torch.nn.LSTM(H, D): arguments swapped', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]
    D = W.shape[1]
    perm = np.concatenate([np.arange(H, 2 * H), np.arange(2 * H, 3 * H), np.arange(0, H), np.arange(3 * H, 4 * H)])
    m = torch.nn.LSTM(H, D)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W[perm]))
        m.weight_hh_l0.copy_(torch.from_numpy(U[perm]))
        m.bias_ih_l0.copy_(torch.from_numpy(b[perm]))
        m.bias_hh_l0.zero_()
    return m
''', TORCH, 'the two arguments are swapped'),
    Mistake('blind3 #102: H from W_ih.shape[0] // 4 (copied from the 4-block step)', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = params["W_ih"].shape[0] // 4
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', CIFG, '3H columns (blocks f, g, o)'),
    Mistake('blind3 #103: H from x_t.shape[1] (that is D)', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = x_t.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', CIFG, 'x_t.shape[1] is D'),
    Mistake('blind3 #104: coupling backwards: c = g f + c_prev (1 - f)', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * f + c_prev * (1 - f)
    h = np.tanh(c) * o
    return h, c
''', CIFG, 'you put them the other way round'),
    Mistake('blind3 #105: 1 - f taken on the pre-activation: i = sigmoid(1 - a_f)', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H])
    g = np.tanh(a[:, H:2 * H])
    o = sigmoid(a[:, 2 * H:])
    c = g * sigmoid(1 - a[:, :H]) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', CIFG, 'yours is sigmoid(1 - a_f)'),
    Mistake('blind3 #106: blocks read as g, f, o', '''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, H:2 * H])
    g = np.tanh(a[:, :H])
    o = sigmoid(a[:, 2 * H:])
    c = g * (1 - f) + c_prev * f
    h = np.tanh(c) * o
    return h, c
''', CIFG, 'you read them as g, f, o'),
    Mistake('blind3 #95: torch.nn.LSTM left float32 (right under the old text, which named no dtype)', '''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]
    D = W.shape[1]
    perm = np.concatenate([np.arange(H, 2 * H), np.arange(2 * H, 3 * H), np.arange(0, H), np.arange(3 * H, 4 * H)])
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W[perm]))
        m.weight_hh_l0.copy_(torch.from_numpy(U[perm]))
        m.bias_ih_l0.copy_(torch.from_numpy(b[perm]))
        m.bias_hh_l0.zero_()
    return m
''', TORCH, 'Make it float64, as the task says'),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #54: every layer reads D', r'''
def lstm_param_count(D, H, num_layers):
    return num_layers * (4*H*D + 4*H*H + 8*H)
''', 'check_param_count(lstm_param_count)',
            'layer k > 0 reads the outputs of the layer below, H numbers, not the input x'),
    Mistake('blind4 #55: one bias only', r'''
def lstm_param_count(D, H, num_layers):
    total = 4*H*D + 4*H*H + 4*H
    total += (num_layers - 1) * (4*H*H + 4*H*H + 4*H)
    return int(total)
''', 'check_param_count(lstm_param_count)',
            'PyTorch keeps two bias vectors, b_ih and b_hh, 4H numbers each'),
    Mistake('blind4 #56: biases without factor 4', r'''
def lstm_param_count(D, H, num_layers):
    total = 4*H*D + 4*H*H + 2*H
    total += (num_layers - 1) * (4*H*H + 4*H*H + 2*H)
    return int(total)
''', 'check_param_count(lstm_param_count)',
            'two biases of 4H each'),
    Mistake('blind4 #58: lecture order z,i,f,o', r'''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    g = np.tanh(a[:, :H]); i = sigmoid(a[:, H:2*H]); f = sigmoid(a[:, 2*H:3*H]); o = sigmoid(a[:, 3*H:])
    c = g * i + c_prev * f
    tc = np.tanh(c)
    h = tc * o
    return h, c, {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
                  "i": i, "f": f, "g": g, "o": o, "tanh_c": tc}
''', 'check_step_forward(step_forward)',
            "PyTorch's gate order is i, f, g, o"),
    Mistake('blind4 #59: cache g is pre-activation', r'''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    i = sigmoid(a[:, :H]); f = sigmoid(a[:, H:2*H]); g = np.tanh(a[:, 2*H:3*H]); o = sigmoid(a[:, 3*H:])
    c = g * i + c_prev * f
    tc = np.tanh(c)
    h = tc * o
    return h, c, {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
                  "i": i, "f": f, "g": a[:, 2*H:3*H], "o": o, "tanh_c": tc}
''', 'check_step_forward(step_forward)',
            "cache['g'] holds the cell input's pre-activation (before tanh), not the cell input g"),
    Mistake('blind4 #60: forgets b_hh', r'''
def step_forward(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T
    i = sigmoid(a[:, :H]); f = sigmoid(a[:, H:2*H]); g = np.tanh(a[:, 2*H:3*H]); o = sigmoid(a[:, 3*H:])
    c = g * i + c_prev * f
    tc = np.tanh(c)
    h = tc * o
    return h, c, {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "params": params,
                  "i": i, "f": f, "g": g, "o": o, "tanh_c": tc}
''', 'check_step_forward(step_forward)',
            'add both biases, b_ih and b_hh (PyTorch keeps two'),
    Mistake('blind4 #62: hs stacked time-first', r'''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h); caches.append(cache)
    hs = np.stack(hs, axis=0) if T else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', 'check_lstm_forward(lstm_forward)',
            'hs is batch-first, (B, T, H)'),
    Mistake('blind4 #63: x[t] instead of x[:, t]', r'''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[t], h, c, params)
        hs.append(h); caches.append(cache)
    hs = np.stack(hs, axis=1) if T else np.zeros((B, 0, H), dtype=x.dtype)
    return hs, (h, c), caches
''', 'check_lstm_forward(lstm_forward)',
            'step t reads x[:, t]'),
    Mistake('blind4 #64: T=0 not handled', r'''
def lstm_forward(x, params, h0=None, c0=None):
    B, T, D = x.shape
    H = params["W_hh"].shape[1]
    h = np.zeros((B, H), dtype=x.dtype) if h0 is None else h0
    c = np.zeros((B, H), dtype=x.dtype) if c0 is None else c0
    hs, caches = [], []
    for t in range(T):
        h, c, cache = step_forward(x[:, t], h, c, params)
        hs.append(h); caches.append(cache)
    hs = np.stack(hs, axis=1)
    return hs, (h, c), caches
''', 'check_lstm_forward(lstm_forward)',
            'no time steps (T = 0)'),
    Mistake('blind4 #66: no block reordering', r'''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]; D = W.shape[1]
    perm = np.r_[H:2*H, 2*H:3*H, 0:H, 3*H:4*H]
    m = torch.nn.LSTM(D, H).double()
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W))
        m.weight_hh_l0.copy_(torch.from_numpy(U))
        m.bias_ih_l0.copy_(torch.from_numpy(b))
        m.bias_hh_l0.zero_()
    return m
''', 'check_torch_mapping(to_torch_lstm)',
            "PyTorch's gate order is i, f, g, o"),
    Mistake('blind4 #67: bias copied into both', r'''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]; D = W.shape[1]
    perm = np.r_[H:2*H, 2*H:3*H, 0:H, 3*H:4*H]
    m = torch.nn.LSTM(D, H).double()
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W[perm]))
        m.weight_hh_l0.copy_(torch.from_numpy(U[perm]))
        m.bias_ih_l0.copy_(torch.from_numpy(b[perm]))
        m.bias_hh_l0.copy_(torch.from_numpy(b[perm]))
    return m
''', 'check_torch_mapping(to_torch_lstm)',
            'the bias is added twice: PyTorch adds bias_ih_l0 and bias_hh_l0, so'),
    Mistake('blind4 #68: float32 module', r'''
def to_torch_lstm(lect):
    W, U, b = lect["W"], lect["U"], lect["b"]
    H = U.shape[1]; D = W.shape[1]
    perm = np.r_[H:2*H, 2*H:3*H, 0:H, 3*H:4*H]
    m = torch.nn.LSTM(D, H)
    with torch.no_grad():
        m.weight_ih_l0.copy_(torch.from_numpy(W[perm]))
        m.weight_hh_l0.copy_(torch.from_numpy(U[perm]))
        m.bias_ih_l0.copy_(torch.from_numpy(b[perm]))
        m.bias_hh_l0.zero_()
    return m
''', 'check_torch_mapping(to_torch_lstm)',
            "your module is float32, torch.nn.LSTM's default, so copy_ rounded the"),
    Mistake('blind4 #70: 1-f on old memory', r'''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H]); g = np.tanh(a[:, H:2*H]); o = sigmoid(a[:, 2*H:])
    c = g * f + c_prev * (1 - f)
    return np.tanh(c) * o, c
''', 'check_cifg_step(cifg_step)',
            'the new input is written with i = 1 - f and the old memory kept with f'),
    Mistake('blind4 #71: blocks read as g,f,o', r'''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    g = np.tanh(a[:, :H]); f = sigmoid(a[:, H:2*H]); o = sigmoid(a[:, 2*H:])
    c = g * (1 - f) + c_prev * f
    return np.tanh(c) * o, c
''', 'check_cifg_step(cifg_step)',
            'the three blocks are f, g, o'),
    Mistake('blind4 #72: sigmoid on g', r'''
def cifg_step(x_t, h_prev, c_prev, params):
    H = h_prev.shape[1]
    a = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
    f = sigmoid(a[:, :H]); g = sigmoid(a[:, H:2*H]); o = sigmoid(a[:, 2*H:])
    c = g * (1 - f) + c_prev * f
    return np.tanh(c) * o, c
''', 'check_cifg_step(cifg_step)',
            'g, the cell input, uses tanh, not the sigmoid'),
]

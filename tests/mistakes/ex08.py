"""Natural wrong answers for exercise 8 (a fused LSTM step and a layer in torch, a grouped timer,
a peephole step)."""
from . import Mistake

EXERCISE = "08_pytorch_and_gpu"

STEP = "check_torch_step(lstm_step)"
LAYER = "check_torch_forward(lstm_forward)"
TIMER = "check_median_time(median_time)"
PEEP = "check_peephole_step(peephole_step)"


def _step(a="torch.cat([x_t, h_prev], dim=1) @ W.T + b", chunks="z_i, z_f, z, z_o = a.chunk(4, dim=1)",
          c="torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)",
          h="torch.tanh(c) * torch.sigmoid(z_o)", pre=""):
    return f'''
def lstm_step(x_t, h_prev, c_prev, W, b):
{pre}    a = {a}
    {chunks}
    c = {c}
    h = {h}
    return h, c
'''


def _layer(body_loop="h, c = lstm_step(x[t], h, c, W, b)\n        hs.append(h)",
           zeros="h = c = x.new_zeros((B, H))", W="torch.cat([params['W_ih'], params['W_hh']], dim=1)",
           b="params['b_ih'] + params['b_hh']", ret="torch.stack(hs), (h, c)", loop="range(T)", hs0="[]"):
    return f'''
def lstm_forward(x, params):
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    W = {W}
    b = {b}
    {zeros}
    hs = {hs0}
    for t in {loop}:
        {body_loop}
    return {ret}
'''


def _timer(body):
    return "\ndef median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):\n" + body


def _peep(i="torch.sigmoid(z_i + p[0] * c_prev)", f="torch.sigmoid(z_f + p[1] * c_prev)",
          c="torch.tanh(z) * i + c_prev * f", o="torch.sigmoid(z_o + p[2] * c)", ret="torch.tanh(c) * o, c", pre=""):
    return f'''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
{pre}    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = {i}
    f = {f}
    c = {c}
    o = {o}
    return {ret}
'''


MISTAKES = [
    # ---------------------------------------------------------------- Task 1: fused step
    Mistake("forget gate on the input", _step(chunks="z_f, z_i, z, z_o = a.chunk(4, dim=1)"), STEP,
            "multiplies the new input instead of the old memory"),
    Mistake("lecture's order", _step(chunks="z, z_i, z_f, z_o = a.chunk(4, dim=1)"), STEP, "lecture's order"),
    Mistake("i, f, o, g", _step(chunks="z_i, z_f, z_o, z = a.chunk(4, dim=1)"), STEP, "as i, f, o, g"),
    Mistake("sigmoid for g", _step(c="torch.sigmoid(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)"), STEP,
            "the cell input g uses tanh"),
    Mistake("no tanh on the memory", _step(h="c * torch.sigmoid(z_o)"), STEP, "tanh(c') times the output gate"),
    Mistake("forgets the bias", _step(a="torch.cat([x_t, h_prev], dim=1) @ W.T"), STEP, "add the bias b"),
    Mistake("h_prev first", _step(a="torch.cat([h_prev, x_t], dim=1) @ W.T + b"), STEP, "torch.cat([x_t, h_prev]"),
    Mistake("no transpose", _step(a="torch.cat([x_t, h_prev], dim=1) @ W + b"), STEP, "transpose"),
    Mistake("concatenates along the batch", _step(a="torch.cat([x_t, h_prev], dim=0) @ W.T + b"), STEP, "dim=1"),
    Mistake("numpy's sigmoid", _step(c="torch.tanh(z) * sigmoid(z_i) + c_prev * sigmoid(z_f)",
                                     pre="    from lstm_course.activations import sigmoid\n"), STEP, "torch.sigmoid"),
    Mistake("detaches the state", _step(a="torch.cat([x_t, h_prev.detach()], dim=1) @ W.T + b"), STEP,
            "no gradient reaches `h_prev`"),
    Mistake("forgets in place", _step(c="c_prev.mul_(torch.sigmoid(z_f)).add_(torch.tanh(z) * torch.sigmoid(z_i))"),
            STEP, "changed its input `c_prev`"),
    Mistake("memory through numpy", _step(h="torch.tensor(np.tanh(c.detach().numpy())) * torch.sigmoid(z_o)"), STEP,
            "the gradient with respect to"),
    # ---------------------------------------------------------------- Task 2: the layer
    Mistake("memory not carried", _layer(body_loop="h_t, c_t = lstm_step(x[t], h, c, W, b)\n        hs.append(h_t)",
                                         ret="torch.stack(hs), (h_t, c_t)"), LAYER, "carry the memory"),
    Mistake("only b_hh", _layer(b="params['b_hh']"), LAYER, "b = b_ih + b_hh"),
    Mistake("only b_ih", _layer(b="params['b_ih']"), LAYER, "b = b_ih + b_hh"),
    Mistake("h_0 kept in hs", _layer(hs0="[h]"), LAYER, "not the starting state h_0"),
    Mistake("returns a list", _layer(ret="hs, (h, c)"), LAYER, "torch.stack"),
    Mistake("float64 zeros", _layer(zeros="h = c = torch.zeros(B, H, dtype=torch.float64)"), LAYER,
            "keep the inputs' dtype"),
    Mistake("detaches between steps",
            _layer(body_loop="h, c = lstm_step(x[t], h.detach(), c.detach(), W, b)\n        hs.append(h)"), LAYER,
            "the gradient with respect to"),
    Mistake("time reversed", _layer(loop="range(T - 1, -1, -1)"), LAYER, "forwards"),
    Mistake("stacks W the wrong way", _layer(W="torch.cat([params['W_ih'], params['W_hh']], dim=0)"), LAYER,
            "torch.cat([W_ih, W_hh], dim=1)"),
    # ---------------------------------------------------------------- Task 3: grouped timer
    Mistake("no warm-up", _timer('''
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return float(np.median(times))
'''), TIMER, "warm up first"),
    Mistake("group time not divided", _timer('''
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append(clock() - t0)
    return float(np.median(times))
'''), TIMER, "divide each group's time by number"),
    Mistake("every call timed alone", _timer('''
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats * number):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return float(np.median(times))
'''), TIMER, "time each group"),
    Mistake("divides by repeats", _timer('''
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / repeats)
    return float(np.median(times))
'''), TIMER, "not by repeats"),
    Mistake("the mean", _timer('''
    for _ in range(warmup):
        fn()
    t0 = clock()
    for _ in range(repeats * number):
        fn()
    return (clock() - t0) / (repeats * number)
'''), TIMER, "the mean, which one slow group"),
    Mistake("number ignored", _timer('''
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return float(np.median(times))
'''), TIMER, "call fn number times"),
    Mistake("time.perf_counter instead of clock", _timer('''
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return float(np.median(times))
'''), TIMER, "the clock you are given"),
    Mistake("upper middle for an even count", _timer('''
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return sorted(times)[len(times) // 2]
'''), TIMER, "mean of the two middle times"),
    Mistake("warm-up timed too", _timer('''
    times = []
    for _ in range(warmup + repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return float(np.median(times))
'''), TIMER, "don't time the warm-up calls"),
    Mistake("the total", _timer('''
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return float(np.sum(times))
'''), TIMER, "not the total"),
    # ---------------------------------------------------------------- Task 4: peephole step
    Mistake("output gate peeks at the old memory", _peep(o="torch.sigmoid(z_o + p[2] * c_prev)"), PEEP,
            "the output gate looks at the new memory"),
    Mistake("i and f peepholes swapped", _peep(i="torch.sigmoid(z_i + p[1] * c_prev)",
                                               f="torch.sigmoid(z_f + p[0] * c_prev)"), PEEP, "swapped them"),
    Mistake("f and o peepholes swapped", _peep(f="torch.sigmoid(z_f + p[2] * c_prev)",
                                               o="torch.sigmoid(z_o + p[1] * c)"), PEEP, "p[2] belongs to the output gate"),
    Mistake("no peephole on the forget gate", _peep(f="torch.sigmoid(z_f)"), PEEP, "the forget gate adds p[1]"),
    Mistake("no peephole on the output gate", _peep(o="torch.sigmoid(z_o)"), PEEP, "the output gate adds p[2]"),
    Mistake("no peepholes at all", _peep(i="torch.sigmoid(z_i)", f="torch.sigmoid(z_f)", o="torch.sigmoid(z_o)"),
            PEEP, "without them"),
    Mistake("numpy's sigmoid", _peep(o="sigmoid(z_o + p[2] * c)",
                                     pre="    from lstm_course.activations import sigmoid\n"), PEEP, "torch.sigmoid"),
    Mistake("peephole term detached", _peep(i="torch.sigmoid(z_i + p[0] * c_prev.detach())",
                                            f="torch.sigmoid(z_f + p[1] * c_prev.detach())"), PEEP,
            "the gradient with respect to `c_prev`"),
    Mistake("memory updated in place", _peep(c="c_prev.mul_(f).add_(torch.tanh(z) * i)"), PEEP,
            "changed its input `c_prev`"),
    Mistake("returns (c, h)", _peep(ret="c, torch.tanh(c) * o"), PEEP, "(h, c) in that order"),
]


# The blind newcomer test's wrong answers (issue 10's report, answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind #195: concatenates [h_prev, x_t]', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([h_prev, x_t], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', STEP, 'yours puts h_prev first'),
    Mistake('blind #196: chunks along dim 0', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=0)
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', STEP, 'split the 4H gate axis'),
    Mistake('blind #197: lecture order z, i, f, o', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z, z_i, z_f, z_o = a.chunk(4, dim=1)
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', STEP, "the lecture's order z, z_i, z_f, z_o"),
    Mistake('blind #198: updates c_prev in place with mul_ / add_', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = c_prev.mul_(torch.sigmoid(z_f)).add_(torch.tanh(z) * torch.sigmoid(z_i))
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', STEP, 'changed its input `c_prev` in place'),
    Mistake('blind #199: np.tanh on a tensor', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = np.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', STEP, 'a numpy function met a tensor'),
    Mistake('blind #200: forgets the bias b', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', STEP, 'add the bias b'),
    Mistake('blind #202: bare torch.zeros(B, H) (float32) for the start state', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h, c = torch.zeros(B, H), torch.zeros(B, H)
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', LAYER, 'make the start state from x'),
    Mistake('blind #203: W concatenated along dim 0', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=0)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', LAYER, 'concatenate along the feature axis'),
    Mistake('blind #204: b = b_ih only', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', LAYER, 'yours has only b_ih'),
    Mistake('blind #205: hs includes h0 (T+1 entries)', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = [h]
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', LAYER, 'not the starting state h_0'),
    Mistake('blind #206: does not carry h and c (h_t, c_t = ...)', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h_t, c_t = lstm_step(x[t], h, c, W, b)
        hs.append(h_t)
    return torch.stack(hs), (h_t, c_t)
''', LAYER, 'carry the memory'),
    Mistake('blind #207: returns the list hs (forgot torch.stack)', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return hs, (h, c)
''', LAYER, 'hs is a Python list of tensors'),
    Mistake('blind #209: no warm-up calls', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return float(np.median(times))
''', TIMER, 'warm up first'),
    Mistake('blind #210: mean instead of median', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return float(np.mean(times))
''', TIMER, 'the mean, which one slow group'),
    Mistake('blind #211: forgets to divide by number', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append(clock() - t0)
    return float(np.median(times))
''', TIMER, "divide each group's time by number"),
    Mistake('blind #212: time.perf_counter() instead of the given clock', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return float(np.median(times))
''', TIMER, 'read the time with the clock you are given'),
    Mistake("blind #213: min instead of median (timeit's advice)", '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return float(np.min(times))
''', TIMER, 'not the minimum'),
    Mistake('blind #215: output gate peeks at the old memory', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f + p[1] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c_prev)
    h = torch.tanh(c) * o
    return h, c
''', PEEP, 'yours uses c_prev'),
    Mistake('blind #216: rows of p swapped for i and f', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[1] * c_prev)
    f = torch.sigmoid(z_f + p[0] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    h = torch.tanh(c) * o
    return h, c
''', PEEP, 'yours swapped them'),
    Mistake('blind #217: peephole added after the sigmoid', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i) + p[0] * c_prev
    f = torch.sigmoid(z_f) + p[1] * c_prev
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o) + p[2] * c
    h = torch.tanh(c) * o
    return h, c
''', PEEP, 'the peephole goes inside the sigmoid'),
    Mistake("blind #218: forgets the forget gate's peephole", '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    h = torch.tanh(c) * o
    return h, c
''', PEEP, 'the forget gate adds p[1] * c_prev'),
    Mistake('blind #219: indexes p by columns: p[:, 0] etc.', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[:, 0] * c_prev)
    f = torch.sigmoid(z_f + p[:, 1] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[:, 2] * c)
    h = torch.tanh(c) * o
    return h, c
''', PEEP, 'p[:, k] takes a column'),
]


# The second blind newcomer test's wrong answers (issue 10, /tmp/blind2 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind2 #193: lecture order z, i, f, o in the chunk', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_g, z_i, z_f, z_o = z.chunk(4, dim=1)
    c = torch.tanh(z_g) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)', "the lecture's order z, z_i, z_f, z_o"),
    Mistake('blind2 #194: concatenates [h, x] instead of [x, h]', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    z = torch.cat([h_prev, x_t], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    c = torch.tanh(z_g) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)', 'yours puts h_prev first'),
    Mistake('blind2 #195: np.tanh on the new memory (mixing numpy and torch)', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    c = torch.tanh(z_g) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.as_tensor(np.tanh(c.detach().numpy())) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)', 'hidden from autograd'),
    Mistake('blind2 #196: c_prev updated in place (mul_/add_)', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    c = c_prev.mul_(torch.sigmoid(z_f)).add_(torch.tanh(z_g) * torch.sigmoid(z_i))
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)', 'changed its input `c_prev`'),
    Mistake('blind2 #197: forgot the bias', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    c = torch.tanh(z_g) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)', 'add the bias b'),
    Mistake('blind2 #198: sigmoid for g', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    c = torch.sigmoid(z_g) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)', 'the cell input g uses tanh'),
    Mistake('blind2 #200: bare torch.zeros(B, H) start state', '''
def lstm_forward(x, params):
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    h, c = torch.zeros(B, H), torch.zeros(B, H)
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', 'check_torch_forward(lstm_forward)', 'x.new_zeros((B, H))'),
    Mistake('blind2 #201: W fused as [W_hh | W_ih]', '''
def lstm_forward(x, params):
    W = torch.cat([params["W_hh"], params["W_ih"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', 'check_torch_forward(lstm_forward)', 'yours puts W_hh first'),
    Mistake('blind2 #202: b = b_ih only', '''
def lstm_forward(x, params):
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"]
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', 'check_torch_forward(lstm_forward)', 'yours has only b_ih'),
    Mistake('blind2 #203: hs returned as a list', '''
def lstm_forward(x, params):
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return hs, (h, c)
''', 'check_torch_forward(lstm_forward)', 'hs is a Python list of tensors'),
    Mistake('blind2 #204: hs includes h0 (T+1 steps)', '''
def lstm_forward(x, params):
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = [h]
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', 'check_torch_forward(lstm_forward)', 'not the starting state h_0'),
    Mistake('blind2 #205: state built from numpy zeros', '''
def lstm_forward(x, params):
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    T, B, _ = x.shape
    H = params["W_hh"].shape[1]
    h, c = torch.from_numpy(np.zeros((B, H))), torch.from_numpy(np.zeros((B, H)))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', 'check_torch_forward(lstm_forward)', "keep the inputs' dtype"),
    Mistake('blind2 #207: mean instead of median', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        t1 = clock()
        times.append((t1 - t0) / number)
    return float(np.mean(times))
''', 'check_median_time(median_time)', 'the mean, which one slow group'),
    Mistake('blind2 #208: forgot to divide by number', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        t1 = clock()
        times.append(t1 - t0)
    return float(np.median(times))
''', 'check_median_time(median_time)', "divide each group's time by number"),
    Mistake('blind2 #209: no warm-up', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        t1 = clock()
        times.append((t1 - t0) / number)
    return float(np.median(times))
''', 'check_median_time(median_time)', 'warm up first'),
    Mistake('blind2 #210: uses time.perf_counter instead of the given clock', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        t1 = time.perf_counter()
        times.append((t1 - t0) / number)
    return float(np.median(times))
''', 'check_median_time(median_time)', 'the clock you are given'),
    Mistake('blind2 #211: times each call alone inside a group, median over calls', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        for _ in range(number):
            t0 = clock()
            fn()
            times.append(clock() - t0)
    return float(np.median(times))
''', 'check_median_time(median_time)', 'time each group of `number` calls as a whole'),
    Mistake('blind2 #212: warm-up calls included in the timing (clock read before warm-up)', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    times = []
    t0 = clock()
    for _ in range(warmup):
        fn()
    for _ in range(repeats):
        for _ in range(number):
            fn()
        t1 = clock()
        times.append((t1 - t0) / number)
        t0 = t1
    return float(np.median(times))
''', 'check_median_time(median_time)', "the first group's time includes them"),
    Mistake('blind2 #214: output gate peeps at the old memory', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f + p[1] * c_prev)
    c = torch.tanh(z_g) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c_prev)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'the output gate looks at the new memory'),
    Mistake('blind2 #215: rows of p swapped for i and f', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[1] * c_prev)
    f = torch.sigmoid(z_f + p[0] * c_prev)
    c = torch.tanh(z_g) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'yours swapped them'),
    Mistake("blind2 #216: c.detach() in the output gate's peephole", '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f + p[1] * c_prev)
    c = torch.tanh(z_g) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c.detach())
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'hidden from autograd'),
    Mistake('blind2 #217: peepholes on h_prev instead of c_prev', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * h_prev)
    f = torch.sigmoid(z_f + p[1] * h_prev)
    c = torch.tanh(z_g) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'yours multiplies p by h_prev'),
    Mistake("blind2 #218: p applied to the pre-activation's columns via matmul (c_prev @ p.T)", '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)
    pc = c_prev @ p.T          # (B, 3)
    i = torch.sigmoid(z_i + pc[:, :1])
    f = torch.sigmoid(z_f + pc[:, 1:2])
    c = torch.tanh(z_g) * i + c_prev * f
    o = torch.sigmoid(z_o + (c @ p.T)[:, 2:3])
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'a matrix product c_prev @ p.T'),
    Mistake('blind2 #220: chunk along dim 0 (default) instead of dim 1', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    z = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z_g, z_o = z.chunk(4)
    c = torch.tanh(z_g) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)', 'dim=0 would cut the batch'),
]


# The third blind newcomer test's wrong answers (issue 10, /tmp/blind3 answers #N), as the tester wrote them.
MISTAKES += [
    Mistake('blind3 #186: concatenation order [h_prev, x_t]', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([h_prev, x_t], dim=1) @ W.T + b
    i, f, g, o = a.chunk(4, dim=1)
    c = torch.tanh(g) * torch.sigmoid(i) + c_prev * torch.sigmoid(f)
    h = torch.tanh(c) * torch.sigmoid(o)
    return h, c
''', 'check_torch_step(lstm_step)', "W's first D columns belong to x_t, the last H to h_prev"),
    Mistake('blind3 #187: torch.cat on dim 0', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=0) @ W.T + b
    i, f, g, o = a.chunk(4, dim=1)
    c = torch.tanh(g) * torch.sigmoid(i) + c_prev * torch.sigmoid(f)
    h = torch.tanh(c) * torch.sigmoid(o)
    return h, c
''', 'check_torch_step(lstm_step)', 'concatenate along the feature axis, dim=1'),
    Mistake('blind3 #188: chunk on dim 0', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    i, f, g, o = a.chunk(4, dim=0)
    c = torch.tanh(g) * torch.sigmoid(i) + c_prev * torch.sigmoid(f)
    h = torch.tanh(c) * torch.sigmoid(o)
    return h, c
''', 'check_torch_step(lstm_step)', 'split the 4H gate axis'),
    Mistake('blind3 #189: np.tanh on a tensor (numpy/torch mix)', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    i, f, g, o = a.chunk(4, dim=1)
    c = torch.tanh(g) * torch.sigmoid(i) + c_prev * torch.sigmoid(f)
    h = np.tanh(c) * torch.sigmoid(o)
    return h, c
''', 'check_torch_step(lstm_step)', 'a numpy function met a tensor that requires grad'),
    Mistake('blind3 #190: h from the old memory: tanh(c_prev)', '''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    i, f, g, o = a.chunk(4, dim=1)
    c = torch.tanh(g) * torch.sigmoid(i) + c_prev * torch.sigmoid(f)
    h = torch.tanh(c_prev) * torch.sigmoid(o)
    return h, c
''', 'check_torch_step(lstm_step)', 'yours uses tanh(c_prev)'),
    Mistake('blind3 #192: torch.stack on dim 1: (B, T, H)', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs, dim=1), (h, c)
''', 'check_torch_forward(lstm_forward)', 'the axes in another order'),
    Mistake('blind3 #193: only b_ih as the fused bias', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs, dim=0), (h, c)
''', 'check_torch_forward(lstm_forward)', 'the fused bias holds both biases'),
    Mistake('blind3 #194: torch.cat(hs) instead of stack: (T*B, H)', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.cat(hs, dim=0), (h, c)
''', 'check_torch_forward(lstm_forward)', 'torch.cat(hs) joins them'),
    Mistake('blind3 #195: H taken from x.shape[2] (that is D)', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = x.shape[2]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs, dim=0), (h, c)
''', 'check_torch_forward(lstm_forward)', 'x.shape[2] is D'),
    Mistake('blind3 #196: fused W built in numpy, then torch.tensor (detached from the weights)', '''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.tensor(np.concatenate([params["W_ih"].detach().numpy(), params["W_hh"].detach().numpy()], axis=1), dtype=x.dtype, device=x.device)
    b = params["b_ih"] + params["b_hh"]
    h, c = x.new_zeros((B, H)), x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs, dim=0), (h, c)
''', 'check_torch_forward(lstm_forward)', 'your values are right, but no gradient reaches `W_ih`'),
    Mistake('blind3 #198: mean instead of median', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        t1 = clock()
        times.append((t1 - t0) / number)
    return float(np.mean(times))
''', 'check_median_time(median_time)', 'return the median of the group times'),
    Mistake('blind3 #199: group time not divided by number', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        t1 = clock()
        times.append((t1 - t0))
    return float(np.median(times))
''', 'check_median_time(median_time)', "divide each group's time by number"),
    Mistake('blind3 #200: each call timed alone inside the group', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        for _ in range(number):
            t0 = clock()
            fn()
            times.append(clock() - t0)
    return float(np.median(times))
''', 'check_median_time(median_time)', 'time each group of `number` calls as a whole'),
    Mistake('blind3 #201: time.perf_counter used instead of the given clock', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        t1 = time.perf_counter()
        times.append((t1 - t0) / number)
    return float(np.median(times))
''', 'check_median_time(median_time)', 'read the time with the clock you are given, clock'),
    Mistake('blind3 #202: integer division // number', '''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        t1 = clock()
        times.append((t1 - t0) // number)
    return float(np.median(times))
''', 'check_median_time(median_time)', 'not `//`'),
    Mistake('blind3 #204: output gate peeks at the old memory', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f + p[1] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c_prev)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'the output gate looks at the new memory'),
    Mistake('blind3 #205: p indexed by columns p[:, k]', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[:, 0] * c_prev)
    f = torch.sigmoid(z_f + p[:, 1] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[:, 2] * c)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'p[:, k] takes a column'),
    Mistake('blind3 #206: peephole added outside the sigmoid', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i) + p[0] * c_prev
    f = torch.sigmoid(z_f) + p[1] * c_prev
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'the peephole goes inside the sigmoid'),
    Mistake('blind3 #207: copy-paste: p[1] used for the input gate too', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[1] * c_prev)
    f = torch.sigmoid(z_f + p[1] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'yours uses p[1] for both the input and the forget gate'),
    Mistake('blind3 #208: p rebuilt with torch.tensor(p) (detached: no gradient for p)', '''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    p = torch.tensor(p.tolist(), dtype=x_t.dtype)
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f + p[1] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    h = torch.tanh(c) * o
    return h, c
''', 'check_peephole_step(peephole_step)', 'your values are right, but no gradient reaches `p`'),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #126: lecture order z,z_i,z_f,z_o', r'''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z, z_i, z_f, z_o = a.chunk(4, dim=1)
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)',
            "PyTorch's gate order is i, f, g, o"),
    Mistake('blind4 #127: concatenates h first', r'''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([h_prev, x_t], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = torch.tanh(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)',
            "W's first D columns belong to x_t, the last H to h_prev"),
    Mistake('blind4 #128: sigmoid for g', r'''
def lstm_step(x_t, h_prev, c_prev, W, b):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    c = torch.sigmoid(z) * torch.sigmoid(z_i) + c_prev * torch.sigmoid(z_f)
    h = torch.tanh(c) * torch.sigmoid(z_o)
    return h, c
''', 'check_torch_step(lstm_step)',
            'the cell input g uses tanh (values in -1..1, so the memory can go down)'),
    Mistake('blind4 #130: torch.zeros (default dtype/device)', r'''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h = torch.zeros((B, H)); c = torch.zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', 'check_torch_forward(lstm_forward)',
            'make the start state from x'),
    Mistake('blind4 #131: only b_ih as bias', r'''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"]
    h = x.new_zeros((B, H)); c = x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs), (h, c)
''', 'check_torch_forward(lstm_forward)',
            'the fused bias holds both biases'),
    Mistake('blind4 #132: hs stacked batch-first', r'''
def lstm_forward(x, params):
    T, B, D = x.shape
    H = params["W_hh"].shape[1]
    W = torch.cat([params["W_ih"], params["W_hh"]], dim=1)
    b = params["b_ih"] + params["b_hh"]
    h = x.new_zeros((B, H)); c = x.new_zeros((B, H))
    hs = []
    for t in range(T):
        h, c = lstm_step(x[t], h, c, W, b)
        hs.append(h)
    return torch.stack(hs, dim=1), (h, c)
''', 'check_torch_forward(lstm_forward)',
            'the course is time-major'),
    Mistake('blind4 #134: no division by number', r'''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append(clock() - t0)
    return float(np.median(times))
''', 'check_median_time(median_time)',
            "divide each group's time by number"),
    Mistake('blind4 #135: mean instead of median', r'''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        times.append((clock() - t0) / number)
    return float(np.mean(times))
''', 'check_median_time(median_time)',
            'return the median of the group times'),
    Mistake('blind4 #136: uses time.perf_counter, not clock', r'''
def median_time(fn, *, warmup=2, repeats=5, number=1, clock=time.perf_counter):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return float(np.median(times))
''', 'check_median_time(median_time)',
            'read the time with the clock you are given, clock(), not'),
    Mistake('blind4 #138: output gate peeks at c_prev', r'''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f + p[1] * c_prev)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c_prev)
    return torch.tanh(c) * o, c
''', 'check_peephole_step(peephole_step)',
            'the output gate looks at the new memory'),
    Mistake('blind4 #139: peephole added after sigmoid', r'''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i) + p[0] * c_prev
    f = torch.sigmoid(z_f) + p[1] * c_prev
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o) + p[2] * c
    return torch.tanh(c) * o, c
''', 'check_peephole_step(peephole_step)',
            'the peephole goes inside the sigmoid'),
    Mistake('blind4 #140: forget-gate peephole omitted', r'''
def peephole_step(x_t, h_prev, c_prev, W, b, p):
    a = torch.cat([x_t, h_prev], dim=1) @ W.T + b
    z_i, z_f, z, z_o = a.chunk(4, dim=1)
    i = torch.sigmoid(z_i + p[0] * c_prev)
    f = torch.sigmoid(z_f)
    c = torch.tanh(z) * i + c_prev * f
    o = torch.sigmoid(z_o + p[2] * c)
    return torch.tanh(c) * o, c
''', 'check_peephole_step(peephole_step)',
            'every gate has its peephole'),
]

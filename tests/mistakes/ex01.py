"""Natural wrong answers for exercise 1 (a kept value, its gradients, a tanh neuron, when it fades)."""
from . import Mistake

EXERCISE = "01_why_memory_needs_gates"

KEEP = "check_keep_by_multiplying(keep_by_multiplying)"
GRAD = "check_memory_gradient(memory_gradient)"
TANH = "check_tanh_neuron(tanh_neuron)"
STEPS = "check_steps_until_below(steps_until_below)"

MISTAKES = [
    # ------------------------------------------------------------------ task 1: c_t = w c_{t-1} + x_t
    Mistake("the lesson's cell, copied (T instead of xs)", '''
def keep_by_multiplying(c0, w, T):
    values = [c0]
    for _ in range(T):
        values.append(w * values[-1])
    return np.array(values)
''', KEEP, "not a number of steps"),
    Mistake("inputs ignored", '''
def keep_by_multiplying(c0, w, xs):
    values = [c0]
    for x in xs:
        values.append(w * values[-1])
    return np.array(values, dtype=float)
''', KEEP, "add each step's input"),
    Mistake("input added before multiplying", '''
def keep_by_multiplying(c0, w, xs):
    values = [c0]
    for x in xs:
        values.append(w * (values[-1] + x))
    return np.array(values, dtype=float)
''', KEEP, "multiplied the input by w too"),
    Mistake("np.full with an int c0 truncates", '''
def keep_by_multiplying(c0, w, xs):
    values = np.full(len(xs) + 1, c0)
    for t, x in enumerate(xs, start=1):
        values[t] = w * values[t - 1] + x
    return values
''', KEEP, "truncates"),
    Mistake("an array built from c0 and the int inputs", '''
def keep_by_multiplying(c0, w, xs):
    values = np.array([c0, *xs])           # the right length; overwrite from step 1 on
    for t in range(1, len(values)):
        values[t] = w * values[t - 1] + xs[t - 1]
    return values
''', KEEP, "truncates"),
    Mistake("a Python list", '''
def keep_by_multiplying(c0, w, xs):
    values = [float(c0)]
    for x in xs:
        values.append(w * values[-1] + x)
    return values
''', KEEP, "numpy array"),
    Mistake("c_0 left out", '''
def keep_by_multiplying(c0, w, xs):
    c, values = float(c0), []
    for x in xs:
        c = w * c + x
        values.append(c)
    return np.array(values)
''', KEEP, "c_0 first"),
    Mistake("only the last value", '''
def keep_by_multiplying(c0, w, xs):
    c = float(c0)
    for x in xs:
        c = w * c + x
    return c
''', KEEP, "not only the last one"),
    Mistake("accumulates into the caller's xs", '''
def keep_by_multiplying(c0, w, xs):
    xs = np.asarray(xs, dtype=float)
    for t in range(len(xs)):
        xs[t] += w * (xs[t - 1] if t > 0 else c0)
    return np.concatenate([[c0], xs]).astype(float)
''', KEEP, "changed its input `xs`"),
    Mistake("closed form that forgets to fade the inputs", '''
def keep_by_multiplying(c0, w, xs):
    T = len(xs)
    return c0 * w ** np.arange(T + 1) + np.concatenate([[0.0], np.cumsum(xs)])
''', KEEP, "multiplied by w at every later step"),
    Mistake("a float32 buffer", '''
def keep_by_multiplying(c0, w, xs):
    values = np.zeros(len(xs) + 1, dtype=np.float32)
    values[0] = c0
    for t, x in enumerate(xs, start=1):
        values[t] = w * values[t - 1] + x
    return values
''', KEEP, "float32 but the inputs are float64"),
    Mistake("the input of the previous step", '''
def keep_by_multiplying(c0, w, xs):
    values = [float(c0)]
    for t in range(len(xs)):
        values.append(w * values[-1] + (xs[t - 1] if t > 0 else 0.0))
    return np.array(values)
''', KEEP, "c_1 = w c_0 + x_1"),

    # ------------------------------------------------------------------ task 2: dc_T/d(c_0, x_1 .. x_T)
    Mistake("reversed", '''
def memory_gradient(w, T):
    return w ** np.arange(T + 1)
''', GRAD, "reversed"),
    Mistake("only dc_T/dc_0, the lesson's answer", '''
def memory_gradient(w, T):
    return w ** T
''', GRAD, "all T + 1 gradients"),
    Mistake("x_T left out", '''
def memory_gradient(w, T):
    return w ** np.arange(T, 0, -1)
''', GRAD, "x_T"),
    Mistake("one factor too many", '''
def memory_gradient(w, T):
    return np.array([w ** (T - t + 1) for t in range(T + 1)])
''', GRAD, "T - t factors"),
    Mistake("one factor too few", '''
def memory_gradient(w, T):
    return np.array([w ** (T - t - 1) for t in range(T + 1)])
''', GRAD, "T - t factors"),
    Mistake("derivative with respect to w", '''
def memory_gradient(w, T):
    k = np.arange(T, -1, -1)
    return k * w ** (k - 1.0)
''', GRAD, "with respect to w"),
    Mistake("factors added", '''
def memory_gradient(w, T):
    return np.array([w * (T - t) for t in range(T + 1)], dtype=float)
''', GRAD, "they do not add"),
    Mistake("a list", '''
def memory_gradient(w, T):
    return [w ** (T - t) for t in range(T + 1)]
''', GRAD, "numpy array"),
    Mistake("every input counts the same", '''
def memory_gradient(w, T):
    return np.ones(T + 1)
''', GRAD, "multiplied by w"),
    Mistake("through the log (nan for a negative w)", '''
def memory_gradient(w, T):
    k = np.arange(T, -1, -1)
    return np.exp(k * np.log(w))
''', GRAD, "negative w"),
    Mistake("filled into np.arange (ints)", '''
def memory_gradient(w, T):
    grads = np.arange(T + 1)
    for t in range(T + 1):
        grads[t] = w ** (T - t)
    return grads
''', GRAD, "truncates"),

    # ------------------------------------------------------------------ task 3: tanh(w h + u x)
    Mistake("the lesson's cell, copied", '''
def tanh_neuron(h0, w, T):
    hs, grad = [h0], 1.0
    for _ in range(T):
        hs.append(np.tanh(w * hs[-1]))
        grad *= w * (1 - hs[-1] ** 2)
    return np.array(hs), grad
''', TANH, "four arguments"),
    Mistake("derivative without the input", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        grad *= w * (1 - np.tanh(w * hs[-1]) ** 2)
        hs.append(np.tanh(w * hs[-1] + u * x))
    return np.array(hs), grad
''', TANH, "input included"),
    Mistake("derivative at the old h", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        grad *= w * (1 - hs[-1] ** 2)
        hs.append(np.tanh(w * hs[-1] + u * x))
    return np.array(hs), grad
''', TANH, "not the previous one"),
    Mistake("no tanh derivative", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        hs.append(np.tanh(w * hs[-1] + u * x))
        grad *= w
    return np.array(hs), grad
''', TANH, "include tanh's derivative"),
    Mistake("input added outside the tanh", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        hs.append(np.tanh(w * hs[-1]) + u * x)
        grad *= w * (1 - np.tanh(w * hs[-2]) ** 2)
    return np.array(hs), grad
''', TANH, "inside the tanh"),
    Mistake("u in the gradient", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        hs.append(np.tanh(w * hs[-1] + u * x))
        grad *= u * (1 - hs[-1] ** 2)
    return np.array(hs), grad
''', TANH, "the recurrent weight w, not u"),
    Mistake("w and u swapped", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        hs.append(np.tanh(u * hs[-1] + w * x))
        grad *= u * (1 - hs[-1] ** 2)
    return np.array(hs), grad
''', TANH, "w multiplies h_{t-1}"),
    Mistake("h_0 left out", '''
def tanh_neuron(h0, w, u, xs):
    h, hs, grad = float(h0), [], 1.0
    for x in xs:
        h = np.tanh(w * h + u * x)
        hs.append(h)
        grad *= w * (1 - h ** 2)
    return np.array(hs), grad
''', TANH, "h_0 first"),
    Mistake("u counted in each factor", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = [float(h0)], 1.0
    for x in xs:
        hs.append(np.tanh(w * hs[-1] + u * x))
        grad *= w * u * (1 - hs[-1] ** 2)
    return np.array(hs), grad
''', TANH, "u only scales the input"),
    Mistake("scales the caller's xs in place", '''
def tanh_neuron(h0, w, u, xs):
    xs = np.asarray(xs, dtype=float)
    xs *= u                                # the input term, computed once
    hs, grad = [float(h0)], 1.0
    for ux in xs:
        hs.append(np.tanh(w * hs[-1] + ux))
        grad *= w * (1 - hs[-1] ** 2)
    return np.array(hs), grad
''', TANH, "changed its input `xs`"),
    Mistake("np.full with an int h0", '''
def tanh_neuron(h0, w, u, xs):
    hs, grad = np.full(len(xs) + 1, h0), 1.0
    for t, x in enumerate(xs, start=1):
        hs[t] = np.tanh(w * hs[t - 1] + u * x)
        grad *= w * (1 - hs[t] ** 2)
    return hs, grad
''', TANH, "truncates"),

    # ------------------------------------------------------------------ task 4: when does it fade?
    Mistake("<= instead of <", '''
def steps_until_below(c0, w, threshold):
    if abs(w) >= 1 and abs(c0) >= threshold:
        return None
    c, t = abs(c0), 0
    while c > threshold:
        c *= abs(w)
        t += 1
    return t
''', STEPS, "strictly"),
    Mistake("floor of the log: one step short", '''
import math
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return math.floor(math.log(threshold / abs(c0)) / math.log(abs(w)))
''', STEPS, "one step too few"),
    Mistake("a while loop that never ends for w >= 1", '''
def steps_until_below(c0, w, threshold):
    c, t = abs(c0), 0
    while c >= threshold:
        c *= abs(w)
        t += 1
    return t
''', STEPS, "never"),
    Mistake("no abs on c0", '''
def steps_until_below(c0, w, threshold):
    if abs(w) >= 1 and abs(c0) >= threshold:
        return None
    c, t = c0, 0
    while c >= threshold:
        c *= w
        t += 1
    return t
''', STEPS, "abs("),
    Mistake("log of a negative w", '''
import math
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return math.floor(math.log(threshold / abs(c0)) / math.log(w)) + 1
''', STEPS, "abs(w)"),
    Mistake("np.ceil returns a float", '''
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return np.floor(np.log(threshold / abs(c0)) / np.log(abs(w))) + 1
''', STEPS, "an int"),
    Mistake("counts from 1", '''
def steps_until_below(c0, w, threshold):
    if abs(w) >= 1 and abs(c0) >= threshold:
        return None
    c, t = abs(c0), 1
    while c >= threshold:
        c *= abs(w)
        t += 1
    return t
''', STEPS, "one step too many"),
    Mistake("returns the value, not the step", '''
def steps_until_below(c0, w, threshold):
    if abs(w) >= 1 and abs(c0) >= threshold:
        return None
    c = abs(c0)
    while c >= threshold:
        c *= abs(w)
    return c
''', STEPS, "number of steps"),
    Mistake("-1 for never", '''
def steps_until_below(c0, w, threshold):
    if abs(w) >= 1 and abs(c0) >= threshold:
        return -1
    c, t = abs(c0), 0
    while c >= threshold:
        c *= abs(w)
        t += 1
    return t
''', STEPS, "None"),
    Mistake("c0 forgotten", '''
def steps_until_below(c0, w, threshold):
    if abs(w) >= 1 and abs(c0) >= threshold:
        return None
    t = 0
    while abs(w) ** t >= threshold:
        t += 1
    return t
''', STEPS, "c0"),
]


# ---------------------------------------------------------------- the blind newcomer test (issue 10)
# Every wrong answer a tester wrote from the lessons and the exercise notebook alone (/tmp/blind, answers
# #N), as written; the hint each must now get.
MISTAKES += [
    Mistake('blind #1: array built from c0 repeated: int dtype when c0 is int', '''
def keep_by_multiplying(c0, w, xs):
    out = np.array([c0] * (len(xs) + 1))
    for t in range(len(xs)):
        out[t + 1] = w * out[t] + xs[t]
    return out
''', KEEP, 'holds integers (int64)'),
    Mistake('blind #2: returns a python list', '''
def keep_by_multiplying(c0, w, xs):
    cs = [float(c0)]
    for x in xs:
        cs.append(w * cs[-1] + x)
    return cs
''', KEEP, 'return a numpy array'),
    Mistake('blind #3: forgets c0: returns c_1..c_T only', '''
def keep_by_multiplying(c0, w, xs):
    c = float(c0)
    out = []
    for x in xs:
        c = w * c + x
        out.append(c)
    return np.array(out, dtype=float)
''', KEEP, 'return T + 1 values'),
    Mistake('blind #4: adds the input before multiplying: c = w*(c + x)', '''
def keep_by_multiplying(c0, w, xs):
    c = float(c0)
    out = [c]
    for x in xs:
        c = w * (c + x)
        out.append(c)
    return np.array(out, dtype=float)
''', KEEP, 'you multiplied the input by w too'),
    Mistake('blind #5: accumulates in place in xs (np.asarray does not copy a float array)', '''
def keep_by_multiplying(c0, w, xs):
    xs = np.asarray(xs, dtype=float)
    prev = float(c0)
    for t in range(len(xs)):
        xs[t] += w * prev
        prev = xs[t]
    return np.concatenate([[float(c0)], xs])
''', KEEP, 'changed its input `xs` in place'),
    Mistake('blind #7: one step off: input t goes through T-t+1 multiplications', '''
def memory_gradient(w, T):
    return np.array([w ** T] + [w ** (T - t + 1) for t in range(1, T + 1)], dtype=np.float64)
''', GRAD, '(you have one too many)'),
    Mistake('blind #8: reversed: first input counts 1, last w^(T-1)', '''
def memory_gradient(w, T):
    return np.array([w ** T] + [w ** (t - 1) for t in range(1, T + 1)], dtype=np.float64)
''', GRAD, 'in reverse order'),
    Mistake('blind #9: forgets entry 0 (dc_T/dc_0): only T entries', '''
def memory_gradient(w, T):
    return np.array([w ** (T - t) for t in range(1, T + 1)], dtype=np.float64)
''', GRAD, 'you left out entry 0'),
    Mistake('blind #10: uses |w| (thinks of the size of the gradient)', '''
def memory_gradient(w, T):
    return np.array([abs(w) ** (T - t) for t in range(0, T + 1)], dtype=np.float64)
''', GRAD, 'with a negative w the sign alternates'),
    Mistake('blind #11: np.power with an int arange: ints when w is a whole number', '''
def memory_gradient(w, T):
    return np.power(w, np.arange(T, -1, -1))
''', GRAD, 'holds integers (int64)'),
    Mistake('blind #13: forgets the factor w in dh_t/dh_{t-1}', '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * h + u * x)
        grad *= 1 - h ** 2
        hs.append(h)
    return np.array(hs, dtype=np.float64), grad
''', TANH, 'you left out the recurrent weight w'),
    Mistake("blind #14: tanh' taken at the old h (1 - h_{t-1}^2)", '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        grad *= w * (1 - h ** 2)
        h = np.tanh(w * h + u * x)
        hs.append(h)
    return np.array(hs, dtype=np.float64), grad
''', TANH, 'with the new value h_t, not the previous one'),
    Mistake("blind #15: misreads tanh'(v) as 1 - v^2", '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        v = w * h + u * x
        h = np.tanh(v)
        grad *= w * (1 - v ** 2)
        hs.append(h)
    return np.array(hs, dtype=np.float64), grad
''', TANH, "square tanh's output h_t, not its argument"),
    Mistake('blind #16: forgets the input weight u', '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * h + x)
        grad *= w * (1 - h ** 2)
        hs.append(h)
    return np.array(hs, dtype=np.float64), grad
''', TANH, 'yours adds x_t without u'),
    Mistake('blind #17: gradient as in the linear neuron: w**T', '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    for x in xs:
        h = np.tanh(w * h + u * x)
        hs.append(h)
    return np.array(hs, dtype=np.float64), w ** len(xs)
''', TANH, "include tanh's derivative"),
    Mistake('blind #19: <= instead of strict <: stops at exactly the threshold', '''
def steps_until_below(c0, w, threshold):
    c, w = abs(c0), abs(w)
    if c <= threshold:
        return 0
    if w >= 1:
        return None
    t = 0
    while c > threshold:
        c *= w
        t += 1
    return t
''', STEPS, 'strictly less than the threshold'),
    Mistake('blind #20: formula with ceil of the log ratio (ties not strict)', '''
import math
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return math.ceil(math.log(threshold / abs(c0)) / math.log(abs(w)))
''', STEPS, 'strictly less than the threshold'),
    Mistake('blind #21: abs on c0 but not on w (negative w)', '''
def steps_until_below(c0, w, threshold):
    c = abs(c0)
    if c < threshold:
        return 0
    if abs(w) >= 1:
        return None
    t = 0
    while c >= threshold:
        c *= w
        t += 1
    return t
''', STEPS, 'a value that turns negative has not fallen below'),
    Mistake('blind #22: numpy formula returns a float (np.ceil)', '''
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return np.ceil(np.log(threshold / abs(c0)) / np.log(abs(w)) + 1e-12)
''', STEPS, 'as an int'),
    Mistake('blind #23: None only for |w| > 1: w = 1 divides by log(1) = 0', '''
import math
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) > 1:
        return None
    t = math.log(threshold / abs(c0)) / math.log(abs(w))
    return int(t) + 1
''', STEPS, 'return None before dividing by log(abs(w))'),
    Mistake('blind #24: do-while: always takes at least one step (forgets the 0 case)', '''
def steps_until_below(c0, w, threshold):
    c, w = abs(c0), abs(w)
    if w >= 1 and c >= threshold:
        return None
    t = 0
    while True:
        c *= w
        t += 1
        if c < threshold:
            return t
''', STEPS, 'the answer is 0 steps: test before taking a step'),
]


# ---------------------------------------------------------------- the second blind newcomer test (issue 10)
# Every wrong answer a second tester wrote from the lessons and the exercise notebook alone (/tmp/blind2,
# answers #N), as written
MISTAKES += [
    Mistake('blind2 #1: returns a python list instead of an array', '''
def keep_by_multiplying(c0, w, xs):
    cs = [c0]
    for x in xs:
        cs.append(w * cs[-1] + x)
    return cs
''', 'check_keep_by_multiplying(keep_by_multiplying)', 'values is a Python list; return a numpy array'),
    Mistake('blind2 #2: np.array of the list: int dtype when c0, w, xs all ints', '''
def keep_by_multiplying(c0, w, xs):
    cs = [c0]
    for x in xs:
        cs.append(w * cs[-1] + x)
    return np.array(cs)
''', 'check_keep_by_multiplying(keep_by_multiplying)', 'holds integers (int64) where floats (float64)'),
    Mistake('blind2 #3: writes the running values into xs in place', '''
def keep_by_multiplying(c0, w, xs):
    xs = np.asarray(xs, dtype=float)
    prev = c0
    for t in range(len(xs)):
        xs[t] += w * prev
        prev = xs[t]
    return np.concatenate([[float(c0)], xs])
''', 'check_keep_by_multiplying(keep_by_multiplying)', 'your function changed its input `xs` in place'),
    Mistake('blind2 #4: forgets c0 in the output (returns c_1..c_T)', '''
def keep_by_multiplying(c0, w, xs):
    out = np.zeros(len(xs), dtype=float)
    c = float(c0)
    for t, x in enumerate(xs):
        c = w * c + x
        out[t] = c
    return out
''', 'check_keep_by_multiplying(keep_by_multiplying)', 'return T + 1 values (T = len(xs)): c_0 first'),
    Mistake('blind2 #5: misread formula: w * (c + x) instead of w*c + x', '''
def keep_by_multiplying(c0, w, xs):
    out = [float(c0)]
    for x in xs:
        out.append(w * (out[-1] + x))
    return np.array(out, dtype=float)
''', 'check_keep_by_multiplying(keep_by_multiplying)', 'multiply what is kept first, then add the new'),
    Mistake('blind2 #7: exponents reversed: dc_T/dx_k = w**k', '''
def memory_gradient(w, T):
    return np.array([w ** T] + [w ** k for k in range(1, T + 1)], dtype=float)
''', 'check_memory_gradient(memory_gradient)', "the inputs' exponents are reversed: x_t (entry"),
    Mistake('blind2 #8: int dtype: w ** np.arange with an int w', '''
def memory_gradient(w, T):
    return w ** np.arange(T, -1, -1)
''', 'check_memory_gradient(memory_gradient)', 'holds integers (int64) where floats (float64)'),
    Mistake('blind2 #9: off by one: w**(T-k+1) for the inputs', '''
def memory_gradient(w, T):
    return np.array([w ** T] + [w ** (T - k + 1) for k in range(1, T + 1)], dtype=np.float64)
''', 'check_memory_gradient(memory_gradient)', 'x_t arrives at step t and is multiplied by w at'),
    Mistake('blind2 #10: float32 instead of float64', '''
def memory_gradient(w, T):
    return np.array([w ** (T - k) for k in range(T + 1)], dtype=np.float32)
''', 'check_memory_gradient(memory_gradient)', 'gradients is float32 but the inputs are float64'),
    Mistake('blind2 #11: abs(w) (thinking of size), wrong for negative w', '''
def memory_gradient(w, T):
    w = abs(float(w))
    return np.array([w ** (T - k) for k in range(T + 1)])
''', 'check_memory_gradient(memory_gradient)', 'with a negative w the sign alternates ((-0.9)**3'),
    Mistake('blind2 #13: derivative taken at the old h (1 - h_prev**2)', '''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    grad = 1.0
    for x in xs:
        grad *= w * (1 - hs[-1] ** 2)
        hs.append(np.tanh(w * hs[-1] + u * x))
    return np.array(hs), grad
''', 'check_tanh_neuron(tanh_neuron)', "tanh's derivative at step t is 1 - h_t**2 with"),
    Mistake('blind2 #14: forgets the factor w in the gradient', '''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * hs[-1] + u * x)
        grad *= 1 - h ** 2
        hs.append(h)
    return np.array(hs), grad
''', 'check_tanh_neuron(tanh_neuron)', "each step's factor dh_t/dh_{t-1} is w (1 -"),
    Mistake('blind2 #15: forgets the input weight u (tanh(w h + x))', '''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * hs[-1] + x)
        grad *= w * (1 - h ** 2)
        hs.append(h)
    return np.array(hs), grad
''', 'check_tanh_neuron(tanh_neuron)', 'the input enters multiplied by its weight u: h_t'),
    Mistake('blind2 #16: T = 0 forgotten: grad only defined inside the loop', '''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    for t, x in enumerate(xs):
        h = np.tanh(w * hs[-1] + u * x)
        grad = w * (1 - h ** 2) if t == 0 else grad * w * (1 - h ** 2)
        hs.append(h)
    return np.array(hs), grad
''', 'check_tanh_neuron(tanh_neuron)', 'with no inputs (T = 0)'),
    Mistake('blind2 #17: grad summed instead of multiplied', '''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    grad = 0.0
    for x in xs:
        h = np.tanh(w * hs[-1] + u * x)
        grad += w * (1 - h ** 2)
        hs.append(h)
    return np.array(hs), grad
''', 'check_tanh_neuron(tanh_neuron)', "the chain rule multiplies the steps' factors"),
    Mistake('blind2 #19: <= instead of strictly below (loop while c > threshold)', '''
def steps_until_below(c0, w, threshold):
    c, w = abs(c0), abs(w)
    if c <= threshold:
        return 0
    if w >= 1:
        return None
    t = 0
    while c > threshold:
        c *= w
        t += 1
    return t
''', 'check_steps_until_below(steps_until_below)', "'below' means strictly less than the threshold"),
    Mistake('blind2 #20: log formula with ceil (exact threshold / w = 0)', '''
import math
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return math.ceil(math.log(threshold / abs(c0)) / math.log(abs(w)))
''', 'check_steps_until_below(steps_until_below)', "'below' means strictly less than the threshold"),
    Mistake('blind2 #21: forgot abs() on c0 (negative c0 counted as already below)', '''
def steps_until_below(c0, w, threshold):
    w = abs(w)
    if c0 < threshold:
        return 0
    if w >= 1:
        return None
    t, c = 0, c0
    while c >= threshold:
        c *= w
        t += 1
    return t
''', 'check_steps_until_below(steps_until_below)', 'a negative c0 is not below the threshold: its'),
    Mistake('blind2 #22: never-below test without abs(w): w = -1 loops forever', '''
def steps_until_below(c0, w, threshold):
    c, t = float(c0), 0
    if w >= 1 and abs(c) >= threshold:
        return None
    while abs(c) >= threshold:
        c *= w
        t += 1
    return t
''', 'check_steps_until_below(steps_until_below)', 'your function did not return within 2 seconds on'),
]

# Every wrong answer a third tester wrote from the lessons and the exercise notebook alone (/tmp/blind3,
# round 3): each must be rejected with the hint that names it.
MISTAKES += [
    Mistake('blind3 #1: formula mix-up: w*(c + x) (input multiplied too)', '''
def keep_by_multiplying(c0, w, xs):
    out = [float(c0)]
    for x in xs:
        out.append(w * (out[-1] + x))
    return np.array(out)
''', KEEP, 'you multiplied the input by w too'),
    Mistake('blind3 #2: misread what to return: c_1..c_T without c_0, shape (T,)', '''
def keep_by_multiplying(c0, w, xs):
    out = []
    c = float(c0)
    for x in xs:
        c = w * c + x
        out.append(c)
    return np.array(out, dtype=np.float64)
''', KEEP, 'return T + 1 values'),
    Mistake('blind3 #3: np.asarray(xs, float) aliases a float array, then written into', '''
def keep_by_multiplying(c0, w, xs):
    xs = np.asarray(xs, dtype=float)
    c = float(c0)
    for t in range(len(xs)):
        c = w * c + xs[t]
        xs[t] = c
    return np.concatenate([[float(c0)], xs])
''', KEEP, 'changed its input `xs` in place'),
    Mistake('blind3 #4: first step hard-coded (crashes for T = 0)', '''
def keep_by_multiplying(c0, w, xs):
    out = np.zeros(len(xs) + 1)
    out[0] = c0
    out[1] = w * c0 + xs[0]
    for t in range(1, len(xs)):
        out[t + 1] = w * out[t] + xs[t]
    return out
''', KEEP, 'xs[0] is x_1'),
    Mistake('blind3 #5: np.array of python ints keeps int dtype', '''
def keep_by_multiplying(c0, w, xs):
    out = [c0]
    for x in xs:
        out.append(w * out[-1] + x)
    return np.array(out)
''', KEEP, 'values holds integers (int64)'),
    Mistake('blind3 #7: order reversed: w^0 first', '''
def memory_gradient(w, T):
    return float(w) ** np.arange(T + 1, dtype=np.float64)
''', GRAD, 'your array is reversed'),
    Mistake('blind3 #8: off by one: x_t also counted through T-t+1 multiplications', '''
def memory_gradient(w, T):
    return float(w) ** np.arange(T + 1, 0, -1, dtype=np.float64)
''', GRAD, '(you have one too many)'),
    Mistake('blind3 #9: abs(w): sign of a negative w lost', '''
def memory_gradient(w, T):
    return abs(float(w)) ** np.arange(T, -1, -1, dtype=np.float64)
''', GRAD, 'with a negative w the sign alternates'),
    Mistake('blind3 #10: misread: only the T input gradients (no dc_T/dc_0)', '''
def memory_gradient(w, T):
    return float(w) ** np.arange(T - 1, -1, -1, dtype=np.float64)
''', GRAD, 'you left out entry 0'),
    Mistake('blind3 #11: int w to an int power array stays int', '''
def memory_gradient(w, T):
    return np.array([w ** (T - k) for k in range(T + 1)])
''', GRAD, 'gradients holds integers (int64)'),
    Mistake('blind3 #13: factor without w: grad *= 1 - h^2', '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * h + u * x)
        grad *= (1 - h ** 2)
        hs.append(h)
    return np.array(hs, dtype=np.float64), float(grad)
''', TANH, 'you left out the recurrent weight w'),
    Mistake("blind3 #14: tanh' taken at the argument v: 1 - v^2 instead of 1 - tanh(v)^2", '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        v = w * h + u * x
        h = np.tanh(v)
        grad *= w * (1 - v ** 2)
        hs.append(h)
    return np.array(hs, dtype=np.float64), float(grad)
''', TANH, 'not its argument'),
    Mistake('blind3 #15: derivative at the previous h (1 - h_{t-1}^2)', '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        grad *= w * (1 - h ** 2)
        h = np.tanh(w * h + u * x)
        hs.append(h)
    return np.array(hs, dtype=np.float64), float(grad)
''', TANH, 'not the previous one'),
    Mistake('blind3 #16: grad starts at 0', '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 0.0
    for x in xs:
        h = np.tanh(w * h + u * x)
        grad *= w * (1 - h ** 2)
        hs.append(h)
    return np.array(hs, dtype=np.float64), float(grad)
''', TANH, 'grad is all zeros'),
    Mistake('blind3 #17: early return inside the loop', '''
def tanh_neuron(h0, w, u, xs):
    h = float(h0)
    hs = [h]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * h + u * x)
        grad *= w * (1 - h ** 2)
        hs.append(h)
        return np.array(hs, dtype=np.float64), float(grad)
    return np.array(hs, dtype=np.float64), float(grad)
''', TANH, 'a `return` indented inside the `for` loop'),
    Mistake('blind3 #19: <= instead of strict <', '''
def steps_until_below(c0, w, threshold):
    c, w = abs(c0), abs(w)
    if c <= threshold:
        return 0
    if w >= 1:
        return None
    t = 0
    while c > threshold:
        c = c * w
        t += 1
    return t
''', STEPS, "'below' means strictly less than the threshold"),
    Mistake('blind3 #20: formula with int() (floor) instead of ceil', '''
import math
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return int(math.log(threshold / abs(c0)) / math.log(abs(w)))
''', STEPS, 'you return one step too few'),
    Mistake('blind3 #21: forgot |c0|: negative c0 counted as already below', '''
def steps_until_below(c0, w, threshold):
    c = c0
    if c < threshold:
        return 0
    if abs(w) >= 1:
        return None
    t = 0
    while abs(c) >= threshold:
        c = c * w
        t += 1
    return t
''', STEPS, 'a negative c0 is not below the threshold'),
    Mistake('blind3 #22: checks the never-case before the already-below case', '''
def steps_until_below(c0, w, threshold):
    c, w = abs(c0), abs(w)
    if w >= 1:
        return None
    t = 0
    while c >= threshold:
        c = c * w
        t += 1
    return t
''', STEPS, 'return None only when |w| >= 1 and |c0| >= threshold'),
    Mistake('blind3 #23: never-condition |w| > 1 (w = 1 falls into a capped loop)', '''
def steps_until_below(c0, w, threshold):
    c, w = abs(c0), abs(w)
    if w > 1:
        return None
    t = 0
    while c >= threshold and t < 100000:
        c = c * w
        t += 1
    return t
''', STEPS, 'return None only when |w| >= 1 and |c0| >= threshold'),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #2: skips c0 (returns c1..cT)', r'''
def keep_by_multiplying(c0, w, xs):
    out = []
    c = float(c0)
    for x in xs:
        c = w * c + x
        out.append(c)
    return np.array(out, dtype=float)
''', 'check_keep_by_multiplying(keep_by_multiplying)',
            'return T + 1 values (T = len(xs))'),
    Mistake('blind4 #3: int dtype (no float conversion)', r'''
def keep_by_multiplying(c0, w, xs):
    out = [c0]
    for x in xs:
        out.append(w * out[-1] + x)
    return np.array(out)
''', 'check_keep_by_multiplying(keep_by_multiplying)',
            'holds integers (int64)'),
    Mistake('blind4 #4: adds input before multiplying', r'''
def keep_by_multiplying(c0, w, xs):
    out = [float(c0)]
    for x in xs:
        out.append(w * (out[-1] + x))
    return np.array(out, dtype=float)
''', 'check_keep_by_multiplying(keep_by_multiplying)',
            'multiply what is kept first, then add the new input'),
    Mistake('blind4 #6: off by one exponent (T-t+1)', r'''
def memory_gradient(w, T):
    return np.array([w ** T] + [float(w) ** (T - t + 1) for t in range(1, T + 1)], dtype=np.float64)
''', 'check_memory_gradient(memory_gradient)',
            'x_t arrives at step t and is multiplied by w at steps t + 1 ..'),
    Mistake('blind4 #7: reversed order (w^t)', r'''
def memory_gradient(w, T):
    return np.array([float(w) ** t for t in range(T + 1)], dtype=np.float64)
''', 'check_memory_gradient(memory_gradient)',
            'your array is reversed: entry t belongs to what entered at step t, so'),
    Mistake('blind4 #8: int dtype for int w', r'''
def memory_gradient(w, T):
    return np.array([w ** (T - t) for t in range(T + 1)])
''', 'check_memory_gradient(memory_gradient)',
            'holds integers (int64)'),
    Mistake('blind4 #10: gradient factor forgets w', r'''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * hs[-1] + u * x)
        grad *= (1 - h ** 2)
        hs.append(float(h))
    return np.array(hs, dtype=float), grad
''', 'check_tanh_neuron(tanh_neuron)',
            "each step's factor dh_t/dh_{t-1} is w (1 - h_t**2)"),
    Mistake('blind4 #11: derivative at the previous h', r'''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    grad = 1.0
    for x in xs:
        grad *= w * (1 - hs[-1] ** 2)
        h = np.tanh(w * hs[-1] + u * x)
        hs.append(float(h))
    return np.array(hs, dtype=float), grad
''', 'check_tanh_neuron(tanh_neuron)',
            "tanh's derivative at step t is 1 - h_t**2 with the new value h_t, not the previous one"),
    Mistake('blind4 #12: forgets input weight u', r'''
def tanh_neuron(h0, w, u, xs):
    hs = [float(h0)]
    grad = 1.0
    for x in xs:
        h = np.tanh(w * hs[-1] + x)
        grad *= w * (1 - h ** 2)
        hs.append(float(h))
    return np.array(hs, dtype=float), grad
''', 'check_tanh_neuron(tanh_neuron)',
            'the input enters multiplied by its weight u'),
    Mistake('blind4 #14: not strict (<= threshold counts as gone)', r'''
def steps_until_below(c0, w, threshold):
    c = float(c0)
    t = 0
    if abs(c) > threshold and abs(w) >= 1:
        return None
    while abs(c) > threshold:
        c *= w
        t += 1
    return t
''', 'check_steps_until_below(steps_until_below)',
            "'below' means strictly less than the threshold"),
    Mistake('blind4 #15: log formula with ceil', r'''
import math
def steps_until_below(c0, w, threshold):
    if abs(c0) < threshold:
        return 0
    if abs(w) >= 1:
        return None
    return math.ceil(math.log(threshold / abs(c0)) / math.log(abs(w)))
''', 'check_steps_until_below(steps_until_below)',
            "'below' means strictly less than the threshold"),
    Mistake('blind4 #16: no abs (negative values)', r'''
def steps_until_below(c0, w, threshold):
    c = float(c0)
    t = 0
    if c >= threshold and abs(w) >= 1:
        return None
    while c >= threshold:
        c *= w
        t += 1
    return t
''', 'check_steps_until_below(steps_until_below)',
            'a value falls below the threshold when its size does'),
]

"""Natural wrong answers for exercise 2 (the sigmoid, its derivative, the memory cell, a CIFG cell)."""
from . import Mistake

EXERCISE = "02_memory_cell_and_gates"

SIG = "check_sigmoid(sigmoid)"
GRAD = "check_sigmoid_grad(sigmoid_grad)"
CELL = "check_memory_cell(memory_cell)"
CIFG = "check_cifg_cell(cifg_cell)"

MISTAKES = [
    # ------------------------------------------------------------------ task 1: sigmoid
    Mistake("exponent sign", '''
def sigmoid(z):
    return 1 / (1 + np.exp(z))
''', SIG, "sign of the exponent"),
    Mistake("math.exp", '''
import math
def sigmoid(z):
    return 1 / (1 + math.exp(-z))
''', SIG, "np.exp"),
    Mistake("float64 forced", '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 1 / (1 + np.exp(-z))
''', SIG, "float32"),
    Mistake("overflowing form", '''
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
''', SIG, "inf / inf is nan"),
    Mistake("minus in the denominator", '''
def sigmoid(z):
    return 1 / (1 - np.exp(-z))
''', SIG, "1 + exp(-z)"),
    Mistake("tanh", '''
def sigmoid(z):
    return np.tanh(z)
''', SIG, "that is tanh"),
    Mistake("negates the caller's z in place", '''
def sigmoid(z):
    z = np.asarray(z)
    z *= -1
    return 1 / (1 + np.exp(z))
''', SIG, "changed its input `z`"),
    Mistake("tanh shifted, without the half", '''
def sigmoid(z):
    return (1 + np.tanh(z)) / 2
''', SIG, "sigmoid(2z)"),
    Mistake("always float32", '''
def sigmoid(z):
    return (1 / (1 + np.exp(-np.asarray(z)))).astype(np.float32)
''', SIG, "float32 but the inputs are float64"),
    Mistake("a loop over the elements", '''
import math
def sigmoid(z):
    return np.array([1 / (1 + math.exp(-v)) for v in z])
''', SIG, "whole arrays"),
    Mistake("missing brackets", '''
def sigmoid(z):
    return 1 / 1 + np.exp(-z)
''', SIG, "brackets"),

    # ------------------------------------------------------------------ task 2: sigmoid_grad
    Mistake("z instead of s", '''
def sigmoid_grad(z):
    return z * (1 - z)
''', GRAD, "you used z itself"),
    Mistake("tanh's formula with s", '''
def sigmoid_grad(z):
    return 1 - sigmoid(z) ** 2
''', GRAD, "derivative of tanh"),
    Mistake("the sigmoid itself", '''
def sigmoid_grad(z):
    return sigmoid(z)
''', GRAD, "that is the sigmoid itself"),
    Mistake("sign", '''
def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (s - 1)
''', GRAD, "check the sign"),
    Mistake("tanh's derivative", '''
def sigmoid_grad(z):
    return 1 - np.tanh(z) ** 2
''', GRAD, "derivative of tanh"),
    Mistake("1 + s", '''
def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 + s)
''', GRAD, "(1 - s)"),
    Mistake("overwrites the caller's z with s", '''
def sigmoid_grad(z):
    z = np.asarray(z)
    if z.ndim:
        z[...] = sigmoid(z)
        return z * (1 - z)
    s = sigmoid(z)
    return s * (1 - s)
''', GRAD, "changed its input `z`"),
    Mistake("float64 forced", '''
def sigmoid_grad(z):
    s = sigmoid(np.asarray(z, dtype=float))
    return s * (1 - s)
''', GRAD, "float32"),
    Mistake("the paper formula that overflows", '''
def sigmoid_grad(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2
''', GRAD, "s (1 - s)"),

    # ------------------------------------------------------------------ task 3: memory_cell
    Mistake("no g and h parameters", '''
def memory_cell(s, c):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, np.tanh(c_new) * sigmoid(z_o)
''', CELL, "g and h"),
    Mistake("g and h without defaults", '''
def memory_cell(s, c, g, h):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "default"),
    Mistake("identity defaults (lesson 3's)", '''
def memory_cell(s, c, g=identity, h=identity):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "defaults must be tanh"),
    Mistake("updates the caller's c in place", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c *= sigmoid(z_f)
    c += g(z) * sigmoid(z_i)
    return c, h(c) * sigmoid(z_o)
''', CELL, "changed its input `c`"),
    Mistake("gates swapped", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_f) + c * sigmoid(z_i)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "forget gate multiplies the new input"),
    Mistake("reads the old memory", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c) * sigmoid(z_o)
''', CELL, "not the old c"),
    Mistake("h ignored (tanh always)", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, np.tanh(c_new) * sigmoid(z_o)
''', CELL, "the h you are given"),
    Mistake("g ignored (tanh always)", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "the g you are given"),
    Mistake("float64 forced", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    z, z_i, z_f, z_o, c = (np.asarray(v, dtype=float) for v in (z, z_i, z_f, z_o, c))
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "float32"),
    Mistake("no sigmoid on the gates", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * z_i + c * z_f
    return c_new, h(c_new) * z_o
''', CELL, "must pass through the sigmoid"),
    Mistake("outputs in the wrong order", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return h(c_new) * sigmoid(z_o), c_new
''', CELL, "return (c_new, a)"),
    Mistake("math.tanh as the default", '''
import math
def memory_cell(s, c, g=math.tanh, h=math.tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "numpy"),
    Mistake("forget gate on both terms", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = (g(z) * sigmoid(z_i) + c) * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "only the old memory"),

    # ------------------------------------------------------------------ task 4: cifg_cell
    Mistake("coupled the wrong way round", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * f + c * (1 - f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CIFG, "1 - f(z_f)"),
    Mistake("1 - z_f before the sigmoid", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(1 - z_f) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CIFG, "after the sigmoid"),
    Mistake("still takes z_i", '''
def cifg_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * (1 - sigmoid(z_f)) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CIFG, "no input-gate signal"),
    Mistake("updates the caller's c in place", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c *= f
    c += g(z) * (1 - f)
    return c, h(c) * sigmoid(z_o)
''', CIFG, "changed its input `c`"),
    Mistake("one gate used for both", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * f + c * f
    return c_new, h(c_new) * sigmoid(z_o)
''', CIFG, "1 - f(z_f)"),
    Mistake("g left out", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = z * (1 - f) + c * f
    return c_new, h(c_new) * sigmoid(z_o)
''', CIFG, "apply g"),
    Mistake("reads the old memory", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * (1 - f) + c * f
    return c_new, h(c) * sigmoid(z_o)
''', CIFG, "not the old c"),
    Mistake("no g and h parameters", '''
def cifg_cell(z, z_f, z_o, c):
    f = sigmoid(z_f)
    c_new = np.tanh(z) * (1 - f) + c * f
    return c_new, np.tanh(c_new) * sigmoid(z_o)
''', CIFG, "g and h"),
    Mistake("the output gate coupled too", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * (1 - f) + c * f
    return c_new, h(c_new) * (1 - sigmoid(z_o))
''', CIFG, "output gate"),
    Mistake("float64 forced", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(np.asarray(z_f, dtype=float))
    c_new = g(z) * (1 - f) + c * f
    return c_new, h(c_new) * sigmoid(z_o)
''', CIFG, "float32"),
    Mistake("via memory_cell with the gate signal negated wrongly", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(np.stack([z, 1 - z_f, z_f, z_o], axis=-1), c, g=g, h=h)
''', CIFG, "after the sigmoid"),
]


# ---------------------------------------------------------------- the blind newcomer test (issue 10)
# Every wrong answer a tester wrote from the lessons and the exercise notebook alone (/tmp/blind, answers
# #N), as written; the hint each must now get.
MISTAKES += [
    Mistake('blind #26: sign error: exp(+z)', '''
def sigmoid(z):
    return 1 / (1 + np.exp(z))
''', SIG, 'the sign of the exponent'),
    Mistake('blind #27: converts to float64 with np.asarray(z, dtype=float)', '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 1 / (1 + np.exp(-z))
''', SIG, "keep the input's dtype"),
    Mistake('blind #28: math.exp (works on one number only)', '''
import math
def sigmoid(z):
    return 1 / (1 + math.exp(-z))
''', SIG, 'math.exp only takes one number'),
    Mistake('blind #29: exp(z)/(1+exp(z)): inf/inf = nan at +1000', '''
def sigmoid(z):
    e = np.exp(z)
    return e / (1 + e)
''', SIG, 'inf / inf is nan'),
    Mistake('blind #30: negates the input in place', '''
def sigmoid(z):
    z = np.asarray(z)
    z *= -1
    return 1 / (1 + np.exp(z))
''', SIG, 'changed its input `z` in place'),
    Mistake('blind #32: mixes z and s: s*(1 - z)', '''
def sigmoid_grad(z):
    return sigmoid(z) * (1 - z)
''', GRAD, 'your second factor is 1 - z'),
    Mistake('blind #33: sign: s*(1 + s)', '''
def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 + s)
''', GRAD, 'with a minus'),
    Mistake('blind #34: textbook formula exp(-z)/(1+exp(-z))^2: nan at -1000', '''
def sigmoid_grad(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2
''', GRAD, 'compute s = sigmoid(z) first'),
    Mistake("blind #35: tanh's derivative instead: 1 - tanh(z)^2", '''
def sigmoid_grad(z):
    return 1 - np.tanh(z) ** 2
''', GRAD, 'is the derivative of tanh'),
    Mistake('blind #36: float64 conversion first', '''
def sigmoid_grad(z):
    s = sigmoid(np.asarray(z, dtype=np.float64))
    return s * (1 - s)
''', GRAD, "keep the input's dtype"),
    Mistake('blind #38: input and forget gate swapped', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_f) + c * sigmoid(z_i)
    a = h(c_new) * sigmoid(z_o)
    return c_new, a
''', CELL, 'your forget gate multiplies the new input'),
    Mistake('blind #39: np.tanh hard-coded instead of g and h', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = np.tanh(c_new) * sigmoid(z_o)
    return c_new, a
''', CELL, 'use the g and h you are given'),
    Mistake('blind #40: updates c in place (c *= f; c += ...)', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c *= sigmoid(z_f)
    c += g(z) * sigmoid(z_i)
    a = h(c) * sigmoid(z_o)
    return c, a
''', CELL, 'changed its input `c` in place'),
    Mistake('blind #41: output read from the old memory c', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c) * sigmoid(z_o)
    return c_new, a
''', CELL, "reads the new memory c', not the old c"),
    Mistake("blind #42: h applied after the output gate: h(c' * f(z_o))", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c_new * sigmoid(z_o))
    return c_new, a
''', CELL, 'it does not go inside h'),
    Mistake('blind #44: z_i = 1 - z_f (confuses signal and gate)', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(np.stack([z, 1 - z_f, z_f, z_o], axis=-1), c, g=g, h=h)
''', CIFG, 'take 1 - ... after the sigmoid'),
    Mistake('blind #45: does not pass g and h on', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(np.stack([z, -z_f, z_f, z_o], axis=-1), c)
''', CIFG, 'use the g and h you are given'),
    Mistake('blind #46: coupling the wrong way round: c(1-f) + g f', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * f + c * (1 - f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CIFG, 'Yours has them the other way round'),
    Mistake('blind #47: np.asarray(z_f, dtype=float) to negate: float32 -> float64', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    z_i = -np.asarray(z_f, dtype=float)
    return memory_cell(np.stack([z, z_i, z_f, z_o], axis=-1), c, g=g, h=h)
''', CIFG, "keep the input's dtype"),
    Mistake('blind #48: negates the wrong argument: forget gate gets -z_f', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(np.stack([z, z_f, -z_f, z_o], axis=-1), c, g=g, h=h)
''', CIFG, 'Yours has them the other way round'),
]


# ---------------------------------------------------------------- the second blind newcomer test (issue 10)
# Every wrong answer a second tester wrote from the lessons and the exercise notebook alone (/tmp/blind2,
# answers #N), as written; the memory cell's answers (and the CIFG answers that call it) moved to
# Task 3's stacked signature, memory_cell(s, c, g, h), each keeping its mistake
MISTAKES += [
    Mistake('blind2 #25: naive exp(z)/(1+exp(z)): nan at +1000', '''
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
''', 'check_sigmoid(sigmoid)', 'for large z, exp(z) overflows to inf and inf /'),
    Mistake('blind2 #26: np.asarray(z, dtype=float): float32 becomes float64', '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 0.5 * (1 + np.tanh(0.5 * z))
''', 'check_sigmoid(sigmoid)', 'sigmoid(z) is float64 but the inputs are'),
    Mistake('blind2 #27: clips the input in place to avoid overflow', '''
def sigmoid(z):
    z = np.asarray(z)
    np.clip(z, -500, 500, out=z)
    return 1 / (1 + np.exp(-z))
''', 'check_sigmoid(sigmoid)', 'your function changed its input `z` in place, so'),
    Mistake('blind2 #28: math.exp: works for a number only', '''
import math
def sigmoid(z):
    return 1 / (1 + math.exp(-z))
''', 'check_sigmoid(sigmoid)', 'math.exp only takes one number'),
    Mistake('blind2 #29: sign slip: 1/(1+exp(z))', '''
def sigmoid(z):
    return 1 / (1 + np.exp(z))
''', 'check_sigmoid(sigmoid)', 'the sign of the exponent: the sigmoid is 1 / (1'),
    Mistake('blind2 #31: misread: sigmoid(z) * (1 - z)', '''
def sigmoid_grad(z):
    return sigmoid(z) * (1 - z)
''', 'check_sigmoid_grad(sigmoid_grad)', 's (1 - s) uses s = sigmoid(z) in both factors'),
    Mistake('blind2 #32: naive exp(-z)/(1+exp(-z))**2: nan at -1000', '''
def sigmoid_grad(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2
''', 'check_sigmoid_grad(sigmoid_grad)', 'exp(-z) / (1 + exp(-z))**2 is right on paper'),
    Mistake("blind2 #33: tanh' confusion: 1 - sigmoid(z)**2", '''
def sigmoid_grad(z):
    return 1 - sigmoid(z) ** 2
''', 'check_sigmoid_grad(sigmoid_grad)', '1 - s**2 is the derivative of tanh (written with'),
    Mistake('blind2 #34: casts to float64 first', '''
def sigmoid_grad(z):
    s = sigmoid(np.float64(z))
    return s * (1 - s)
''', 'check_sigmoid_grad(sigmoid_grad)', 'sigmoid_grad(z) is float64 but the inputs are'),
    Mistake('blind2 #35: s * (1 - sigmoid(-z)) = s*s sign slip', '''
def sigmoid_grad(z):
    return sigmoid(z) * (1 - sigmoid(-z))
''', 'check_sigmoid_grad(sigmoid_grad)', 'your second factor is s again, not 1 - s: 1 -'),
    Mistake('blind2 #37: np.tanh hard-coded instead of g and h', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = np.tanh(c_new) * sigmoid(z_o)
    return c_new, a
''', 'check_memory_cell(memory_cell)', 'use the g and h you are given: with g=identity'),
    Mistake('blind2 #38: updates c in place (c *= f; c += ...)', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c *= sigmoid(z_f)
    c += g(z) * sigmoid(z_i)
    a = h(c) * sigmoid(z_o)
    return c, a
''', 'check_memory_cell(memory_cell)', 'your function changed its input `c` in place, so'),
    Mistake('blind2 #39: input and forget gates swapped', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_f) + c * sigmoid(z_i)
    a = h(c_new) * sigmoid(z_o)
    return c_new, a
''', 'check_memory_cell(memory_cell)', 'your forget gate multiplies the new input'),
    Mistake('blind2 #40: output read from the old memory c', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c) * sigmoid(z_o)
    return c_new, a
''', 'check_memory_cell(memory_cell)', "the output reads the new memory c', not the old"),
    Mistake('blind2 #41: forgot h on the output (a = c_new * o)', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = c_new * sigmoid(z_o)
    return c_new, a
''', 'check_memory_cell(memory_cell)', 'apply h to the new memory before the output'),
    Mistake('blind2 #42: converts c with np.asarray(c, dtype=float)', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c = np.asarray(c, dtype=float)
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c_new) * sigmoid(z_o)
    return c_new, a
''', 'check_memory_cell(memory_cell)', 'c_new is float64 but the inputs are float32'),
    Mistake('blind2 #44: passes z_f as z_i too', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(np.stack([z, z_f, z_f, z_o], axis=-1), c, g=g, h=h)
''', 'check_cifg_cell(cifg_cell)', 'one gate for both terms is not coupling: the'),
    Mistake('blind2 #45: does not pass g and h on', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(np.stack([z, -z_f, z_f, z_o], axis=-1), c)
''', 'check_cifg_cell(cifg_cell)', 'use the g and h you are given: with g=identity'),
    Mistake('blind2 #46: 1 - f on the memory instead of the input', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * f + c * (1 - f)
    return c_new, h(c_new) * sigmoid(z_o)
''', 'check_cifg_cell(cifg_cell)', 'the forget gate f(z_f) keeps the old memory and'),
    Mistake('blind2 #47: z_i = 1 - z_f (1 - applied to the signal)', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(np.stack([z, 1 - z_f, z_f, z_o], axis=-1), c, g=g, h=h)
''', 'check_cifg_cell(cifg_cell)', 'take 1 - ... after the sigmoid: the input gate'),
    Mistake('blind2 #48: direct formula, c updated in place', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c *= f
    c += g(z) * (1 - f)
    return c, h(c) * sigmoid(z_o)
''', 'check_cifg_cell(cifg_cell)', 'your function changed its input `c` in place, so'),
]


# ---------------------------------------------------------------- Task 3's stacked signals: the slips of the layout
MISTAKES += [
    Mistake("the four signals still taken one by one", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "stacked in ONE array s"),
    Mistake("gates first: z_i, z_f, z_o, z", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z_i, z_f, z_o, z = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "you read the gates first"),
    Mistake("unpacks the first axis: z, z_i, z_f, z_o = s", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "read the FIRST axis"),
    Mistake("s[0], s[1], s[2], s[3] (the first axis)", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[0], s[1], s[2], s[3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "index the first axis"),
    Mistake("off by one: s[..., 1] ... s[..., 4]", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 1], s[..., 2], s[..., 3], s[..., 4]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "indices 0 to 3"),
    Mistake("off by one, wrapped round: z = s[..., 1], ..., z_o = s[..., 0]", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 1], s[..., 2], s[..., 3], s[..., 0]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "your indices are off by one"),
    Mistake("np.split on the last axis keeps a length-1 axis", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = np.split(s, 4, axis=-1)
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "keep a last axis of length 1"),
    Mistake("s[:, k]: the second axis", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = (s[:, k] for k in range(4))
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "s[..., k], which works for every shape"),
    Mistake("z_o and z_f swapped in the layout", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_o, z_f = (s[..., k] for k in range(4))
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "the four signals lie on the LAST axis of s"),
    Mistake("writes the signals' sigmoids back into s", '''
def memory_cell(s, c, g=tanh, h=tanh):
    s[..., 1:] = sigmoid(s[..., 1:])
    c_new = g(s[..., 0]) * s[..., 1] + c * s[..., 2]
    return c_new, h(c_new) * s[..., 3]
''', CELL, "changed its input `s`"),
    Mistake("CIFG: calls memory_cell with the signals one by one", '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(z, -z_f, z_f, z_o, c, g=g, h=h)
''', CIFG, "takes (s, c): stack the four signals"),
]

# Every wrong answer a third tester wrote from the lessons and the exercise notebook alone (/tmp/blind3,
# round 3): each must be rejected with the hint that names it.
MISTAKES += [
    Mistake('blind3 #25: exp(z)/(1+exp(z)): inf/inf = nan at +1000', '''
def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))
''', SIG, 'inf / inf is nan'),
    Mistake('blind3 #26: sign slip: 1/(1+exp(z))', '''
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(np.asarray(z) >= 0, e / (1 + e), 1 / (1 + e))
''', SIG, 'the sign of the exponent'),
    Mistake('blind3 #27: precedence: 1 / 1 + exp(-z)', '''
def sigmoid(z):
    return 1 / 1 + np.exp(-np.clip(z, -500, 500))
''', SIG, 'check the brackets'),
    Mistake('blind3 #28: math.exp (numpy/math mix)', '''
import math
def sigmoid(z):
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    return math.exp(z) / (1 + math.exp(z))
''', SIG, '`if x:` and `not x` do not work on an array'),
    Mistake('blind3 #29: converts with np.asarray(z, dtype=float) (float32 in, float64 out)', '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
''', SIG, "keep the input's dtype (float32 in, float32 out)"),
    Mistake('blind3 #31: s*(1-z): mixing s and z', '''
def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 - z)
''', GRAD, 'your second factor is 1 - z'),
    Mistake("blind3 #32: tanh's derivative: 1 - s^2", '''
def sigmoid_grad(z):
    s = sigmoid(z)
    return 1 - s ** 2
''', GRAD, '1 - s**2 is the derivative of tanh'),
    Mistake('blind3 #33: calculus form exp(-z)/(1+exp(-z))^2 (nan at -1000)', '''
def sigmoid_grad(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2
''', GRAD, 'exp overflows and inf / inf is nan'),
    Mistake('blind3 #34: formula applied to z, not to sigmoid(z)', '''
def sigmoid_grad(z):
    return z * (1 - z)
''', GRAD, 'you used z itself'),
    Mistake('blind3 #36: output reads the old memory: a = h(c) f(z_o)', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c) * sigmoid(z_o)
    return c_new, a
''', CELL, 'not the old c'),
    Mistake("blind3 #37: output gate inside h: a = h(c' f(z_o))", '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c_new * sigmoid(z_o))
    return c_new, a
''', CELL, 'it does not go inside h'),
    Mistake('blind3 #38: np.tanh used directly, g and h ignored', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = np.tanh(c_new) * sigmoid(z_o)
    return c_new, a
''', CELL, 'use the g and h you are given'),
    Mistake('blind3 #39: signals unpacked along the first axis', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c_new) * sigmoid(z_o)
    return c_new, a
''', CELL, 'the four signals lie on the LAST axis'),
    Mistake('blind3 #40: input gate inside g: g(z f(z_i))', '''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z * sigmoid(z_i)) + c * sigmoid(z_f)
    a = h(c_new) * sigmoid(z_o)
    return c_new, a
''', CELL, 'yours puts it inside g'),
    Mistake('blind3 #42: coupling on the signal: z_i = 1 - z_f', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    s = np.stack([z, 1 - np.asarray(z_f), z_f, z_o], axis=-1)
    return memory_cell(s, c, g=g, h=h)
''', CIFG, 'f(1 - z_f) is a different number'),
    Mistake('blind3 #43: g and h not passed on to memory_cell', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    s = np.stack([z, np.negative(z_f), z_f, z_o], axis=-1)
    return memory_cell(s, c)
''', CIFG, 'use the g and h you are given'),
    Mistake('blind3 #44: np.stack on axis 0', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    s = np.stack([z, np.negative(z_f), z_f, z_o], axis=0)
    return memory_cell(s, c, g=g, h=h)
''', CIFG, 'np.stack(...) without axis=-1 (axis=0)'),
    Mistake('blind3 #45: coupling backwards: 1 - f on the memory', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * f + c * (1 - f)
    a = h(c_new) * sigmoid(z_o)
    return c_new, a
''', CIFG, 'Yours has them the other way round'),
    Mistake('blind3 #46: z_i = z_f (same gate, not its complement)', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    s = np.stack([z, z_f, z_f, z_o], axis=-1)
    return memory_cell(s, c, g=g, h=h)
''', CIFG, 'one gate for both terms is not coupling'),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #18: sign error exp(z)', r'''
def sigmoid(z):
    return 1 / (1 + np.exp(z))
''', 'check_sigmoid(sigmoid)',
            'the sign of the exponent: the sigmoid is 1 / (1 + exp(-z))'),
    Mistake('blind4 #19: asarray float breaks float32', r'''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0, -z))
''', 'check_sigmoid(sigmoid)',
            "keep the input's dtype"),
    Mistake('blind4 #20: tanh identity without halving z', r'''
def sigmoid(z):
    return 0.5 * (1 + np.tanh(z))
''', 'check_sigmoid(sigmoid)',
            '(1 + tanh(z)) / 2 is sigmoid(2z)'),
    Mistake('blind4 #22: s*(1-z)', r'''
def sigmoid_grad(z):
    return sigmoid(z) * (1 - z)
''', 'check_sigmoid_grad(sigmoid_grad)',
            's (1 - s) uses s = sigmoid(z) in both factors'),
    Mistake('blind4 #23: exp formula, nan at large |z|', r'''
def sigmoid_grad(z):
    return np.exp(-z) / (1 + np.exp(-z)) ** 2
''', 'check_sigmoid_grad(sigmoid_grad)',
            'exp(-z) / (1 + exp(-z))**2 is right on paper, but for large |z| exp'),
    Mistake('blind4 #24: tanh derivative 1-s^2', r'''
def sigmoid_grad(z):
    return 1 - sigmoid(z) ** 2
''', 'check_sigmoid_grad(sigmoid_grad)',
            "1 - s**2 is the derivative of tanh (written with tanh's output)"),
    Mistake('blind4 #26: unpacks first axis', r'''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', 'check_memory_cell(memory_cell)',
            'the four signals lie on the LAST axis of s'),
    Mistake('blind4 #27: np.tanh instead of g,h', r'''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, np.tanh(c_new) * sigmoid(z_o)
''', 'check_memory_cell(memory_cell)',
            'use the g and h you are given'),
    Mistake('blind4 #28: input/forget gates swapped', r'''
def memory_cell(s, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o = s[..., 0], s[..., 1], s[..., 2], s[..., 3]
    c_new = g(z) * sigmoid(z_f) + c * sigmoid(z_i)
    return c_new, h(c_new) * sigmoid(z_o)
''', 'check_memory_cell(memory_cell)',
            'your forget gate multiplies the new input instead of the old memory'),
    Mistake('blind4 #30: input gate = f (not 1-f)', r'''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * f + c * f
    return c_new, h(c_new) * sigmoid(z_o)
''', 'check_cifg_cell(cifg_cell)',
            'one gate for both terms is not coupling'),
    Mistake('blind4 #31: z_i = 1 - z_f', r'''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    s = np.stack([z, 1 - z_f, z_f, z_o], axis=-1)
    return memory_cell(s, c, g=g, h=h)
''', 'check_cifg_cell(cifg_cell)',
            'take 1 - ... after the sigmoid'),
    Mistake('blind4 #32: 1-f on the old memory', r'''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    f = sigmoid(z_f)
    c_new = g(z) * f + c * (1 - f)
    return c_new, h(c_new) * sigmoid(z_o)
''', 'check_cifg_cell(cifg_cell)',
            'the forget gate f(z_f) keeps the old memory and the input gate is'),
]

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
def memory_cell(z, z_i, z_f, z_o, c):
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, np.tanh(c_new) * sigmoid(z_o)
''', CELL, "g and h"),
    Mistake("g and h without defaults", '''
def memory_cell(z, z_i, z_f, z_o, c, g, h):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "default"),
    Mistake("identity defaults (lesson 3's)", '''
def memory_cell(z, z_i, z_f, z_o, c, g=identity, h=identity):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "defaults must be tanh"),
    Mistake("updates the caller's c in place", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c *= sigmoid(z_f)
    c += g(z) * sigmoid(z_i)
    return c, h(c) * sigmoid(z_o)
''', CELL, "changed its input `c`"),
    Mistake("gates swapped", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_f) + c * sigmoid(z_i)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "forget gate multiplies the new input"),
    Mistake("reads the old memory", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c) * sigmoid(z_o)
''', CELL, "not the old c"),
    Mistake("h ignored (tanh always)", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, np.tanh(c_new) * sigmoid(z_o)
''', CELL, "the h you are given"),
    Mistake("g ignored (tanh always)", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "the g you are given"),
    Mistake("float64 forced", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    z, z_i, z_f, z_o, c = (np.asarray(v, dtype=float) for v in (z, z_i, z_f, z_o, c))
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "float32"),
    Mistake("no sigmoid on the gates", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * z_i + c * z_f
    return c_new, h(c_new) * z_o
''', CELL, "must pass through the sigmoid"),
    Mistake("outputs in the wrong order", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return h(c_new) * sigmoid(z_o), c_new
''', CELL, "return (c_new, a)"),
    Mistake("math.tanh as the default", '''
import math
def memory_cell(z, z_i, z_f, z_o, c, g=math.tanh, h=math.tanh):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    return c_new, h(c_new) * sigmoid(z_o)
''', CELL, "numpy"),
    Mistake("forget gate on both terms", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
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
    return memory_cell(z, 1 - z_f, z_f, z_o, c, g=g, h=h)
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
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_f) + c * sigmoid(z_i)
    a = h(c_new) * sigmoid(z_o)
    return c_new, a
''', CELL, 'your forget gate multiplies the new input'),
    Mistake('blind #39: np.tanh hard-coded instead of g and h', '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = np.tanh(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = np.tanh(c_new) * sigmoid(z_o)
    return c_new, a
''', CELL, 'use the g and h you are given'),
    Mistake('blind #40: updates c in place (c *= f; c += ...)', '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c *= sigmoid(z_f)
    c += g(z) * sigmoid(z_i)
    a = h(c) * sigmoid(z_o)
    return c, a
''', CELL, 'changed its input `c` in place'),
    Mistake('blind #41: output read from the old memory c', '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c) * sigmoid(z_o)
    return c_new, a
''', CELL, "reads the new memory c', not the old c"),
    Mistake("blind #42: h applied after the output gate: h(c' * f(z_o))", '''
def memory_cell(z, z_i, z_f, z_o, c, g=tanh, h=tanh):
    c_new = g(z) * sigmoid(z_i) + c * sigmoid(z_f)
    a = h(c_new * sigmoid(z_o))
    return c_new, a
''', CELL, 'it does not go inside h'),
    Mistake('blind #44: z_i = 1 - z_f (confuses signal and gate)', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(z, 1 - z_f, z_f, z_o, c, g=g, h=h)
''', CIFG, 'take 1 - ... after the sigmoid'),
    Mistake('blind #45: does not pass g and h on', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(z, -z_f, z_f, z_o, c)
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
    return memory_cell(z, z_i, z_f, z_o, c, g=g, h=h)
''', CIFG, "keep the input's dtype"),
    Mistake('blind #48: negates the wrong argument: forget gate gets -z_f', '''
def cifg_cell(z, z_f, z_o, c, g=tanh, h=tanh):
    return memory_cell(z, z_f, -z_f, z_o, c, g=g, h=h)
''', CIFG, 'Yours has them the other way round'),
]

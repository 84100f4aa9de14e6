"""Natural wrong answers for exercise 3 (memory machines wired by hand)."""
from . import Mistake

EXERCISE = "03_memory_machine"

QUIET = 'check_machine_weights(quiet_machine, task="quiet")'
SUB = 'check_machine_weights(subtract_machine, task="subtract")'
DOUBLE = 'check_machine_weights(double_machine, task="double")'
ALWAYS = 'check_machine_weights(always_machine, task="always")'
LATEST = 'check_machine_weights(latest_machine, task="latest")'


def machine(fn_name, z, z_i, z_f, z_o, prelude=""):
    """A learner's cell: fn_name() returns the dict written out by hand."""
    return f'''{prelude}
def {fn_name}():
    return {{
        "z":   {{"w": {z[0]}, "b": {z[1]}}},
        "z_i": {{"w": {z_i[0]}, "b": {z_i[1]}}},
        "z_f": {{"w": {z_f[0]}, "b": {z_f[1]}}},
        "z_o": {{"w": {z_o[0]}, "b": {z_o[1]}}},
    }}
'''


X1 = ([1, 0, 0], 0)
LECTURE = dict(z=X1, z_i=([0, 100, 0], -10), z_f=([0, 100, 0], 10), z_o=([0, 0, 100], -10))
QUIET_OK = dict(z=X1, z_i=([0, 100, 0], -30), z_f=([0, 100, 0], 30), z_o=([0, 0, 100], -30))


def edit(base, **signals):
    return {**base, **signals}


MISTAKES = [
    # ------------------------------------------------------------------ task 1: the lecture's machine, no visible leak
    Mistake("the lecture's weights", machine("quiet_machine", **LECTURE), QUIET, "leak"),
    Mistake("bigger weights, same biases", machine("quiet_machine", **edit(
        LECTURE, z_i=([0, 1000, 0], -10), z_f=([0, 1000, 0], 10), z_o=([0, 0, 1000], -10))), QUIET, "leak"),
    Mistake("biases as large as the weights", machine("quiet_machine", **edit(
        LECTURE, z_i=([0, 100, 0], -100), z_f=([0, 100, 0], 100), z_o=([0, 0, 100], -100))), QUIET,
        "only partly open"),
    Mistake("input gate weight with the wrong sign", machine("quiet_machine", **edit(
        QUIET_OK, z_i=([0, -100, 0], -30))), QUIET, "input gate (z_i) is closed"),
    Mistake("forget gate wired to x3", machine("quiet_machine", **edit(
        QUIET_OK, z_f=([0, 0, 100], 30))), QUIET, "forget gate (z_f) is open"),
    Mistake("z reads x2", machine("quiet_machine", **edit(QUIET_OK, z=([0, 1, 0], 0))), QUIET,
            "z should be x1"),
    Mistake("misspelt keys", '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "zi": {"w": [0, 100, 0], "b": -30},
            "zf": {"w": [0, 100, 0], "b": 30}, "zo": {"w": [0, 0, 100], "b": -30}}
''', QUIET, "do not have the expected form"),
    Mistake("bias folded into w", machine("quiet_machine", z=([1, 0, 0, 0], 0), z_i=([0, 100, 0, -30], 0),
                                          z_f=([0, 100, 0, 30], 0), z_o=([0, 0, 100, -30], 0)), QUIET,
            "one weight per x1, x2, x3"),
    Mistake("output gate always open", machine("quiet_machine", **edit(QUIET_OK, z_o=([0, 0, 100], 30))), QUIET,
            "output gate (z_o) is open"),
    Mistake("the lecture's weights, imported", '''
from lstm_course.memory_machine import lecture_weights
def quiet_machine():
    return lecture_weights()
''', QUIET, "leak"),

    # ------------------------------------------------------------------ task 2: subtract
    Mistake("unchanged", machine("subtract_machine", **QUIET_OK), SUB, "To subtract"),
    Mistake("a bias of -1 on z", machine("subtract_machine", **edit(QUIET_OK, z=([1, 0, 0], -1))), SUB,
            "should be -x1"),
    Mistake("input gate inverted to subtract", machine("subtract_machine", **edit(
        QUIET_OK, z_i=([0, -100, 0], -30))), SUB, "input gate (z_i) is closed"),
    Mistake("forget gate inverted to subtract", machine("subtract_machine", **edit(
        QUIET_OK, z=([-1, 0, 0], 0), z_f=([0, -100, 0], 30))), SUB, "forget gate (z_f) is closed"),
    Mistake("the output gate negated instead", machine("subtract_machine", **edit(
        QUIET_OK, z_o=([0, 0, -100], -30))), SUB, "no gate can flip a sign"),
    Mistake("bias copied from the gates onto z", machine("subtract_machine", **edit(
        QUIET_OK, z=([-1, 0, 0], -30))), SUB, "should be -x1"),
    Mistake("twice as much subtracted", machine("subtract_machine", **edit(QUIET_OK, z=([-2, 0, 0], 0))), SUB,
            "should be -x1"),
    Mistake("weak gates", machine("subtract_machine", z=([-1, 0, 0], 0), z_i=([0, 1, 0], -0.1),
                                  z_f=([0, 1, 0], 0.1), z_o=([0, 0, 1], -0.1)), SUB, "only partly open"),

    # ------------------------------------------------------------------ task 3: store twice each value
    Mistake("unchanged", machine("double_machine", **QUIET_OK), DOUBLE, "doubling must happen when writing"),
    Mistake("output gate weight doubled", machine("double_machine", **edit(QUIET_OK, z_o=([0, 0, 200], -30))),
            DOUBLE, "doubling must happen when writing"),
    Mistake("a bias of 2 on z", machine("double_machine", **edit(QUIET_OK, z=([1, 0, 0], 2))), DOUBLE,
            "should be 2 x1"),
    Mistake("input gate weight doubled", machine("double_machine", **edit(QUIET_OK, z_i=([0, 200, 0], -30))),
            DOUBLE, "doubling must happen when writing"),
    Mistake("half instead of twice", machine("double_machine", **edit(QUIET_OK, z=([0.5, 0, 0], 0))), DOUBLE,
            "should be 2 x1"),
    Mistake("x2 doubled as well", machine("double_machine", **edit(QUIET_OK, z=([2, 2, 0], 0))), DOUBLE,
            "should be 2 x1"),
    Mistake("forget gate bias doubled", machine("double_machine", **edit(QUIET_OK, z_f=([0, 100, 0], 60))),
            DOUBLE, "doubling must happen when writing"),
    Mistake("forget gate kept open on reset", machine("double_machine", **edit(
        QUIET_OK, z=([2, 0, 0], 0), z_f=([0, 0, 0], 30))), DOUBLE, "forget gate (z_f) is open"),

    # ------------------------------------------------------------------ task 4: always show the memory
    Mistake("unchanged", machine("always_machine", **QUIET_OK), ALWAYS, "it should open at every step"),
    Mistake("output gate half open", machine("always_machine", **edit(QUIET_OK, z_o=([0, 0, 0], 0))), ALWAYS,
            "only partly open"),
    Mistake("output gate inverted", machine("always_machine", **edit(QUIET_OK, z_o=([0, 0, -100], 30))), ALWAYS,
            "output gate (z_o) is closed"),
    Mistake("output gate wired to x1", machine("always_machine", **edit(QUIET_OK, z_o=([100, 0, 0], 30))), ALWAYS,
            "output gate (z_o) is closed"),
    Mistake("the forget gate edited instead", machine("always_machine", **edit(QUIET_OK, z_f=([0, 0, 0], 30))),
            ALWAYS, "output gate (z_o) is closed"),
    Mistake("the input gate edited instead", machine("always_machine", **edit(QUIET_OK, z_i=([0, 0, 0], 30))),
            ALWAYS, "input gate (z_i) is open"),
    Mistake("output bias 1", machine("always_machine", **edit(QUIET_OK, z_o=([0, 0, 0], 1))), ALWAYS,
            "only partly open"),
    Mistake("output gate bias only flipped", machine("always_machine", **edit(QUIET_OK, z_o=([0, 0, 100], -130))),
            ALWAYS, "output gate (z_o) is closed"),

    # ------------------------------------------------------------------ task 5: keep the latest value
    Mistake("the adding machine", machine("latest_machine", **QUIET_OK), LATEST, "forget gate (z_f) is open"),
    Mistake("forget gate always closed", machine("latest_machine", **edit(QUIET_OK, z_f=([0, 0, 0], -30))),
            LATEST, "forget gate (z_f) is closed"),
    Mistake("input gate always open", machine("latest_machine", **edit(
        QUIET_OK, z_i=([0, 0, 0], 30), z_f=([0, -100, 0], 30))), LATEST, "input gate (z_i) is open"),
    Mistake("forget gate closed by default", machine("latest_machine", **edit(
        QUIET_OK, z_f=([0, -100, 0], -30))), LATEST, "forget gate (z_f) is closed"),
    Mistake("input gate open by default", machine("latest_machine", **edit(
        QUIET_OK, z_i=([0, 100, 0], 30), z_f=([0, -100, 0], 30))), LATEST, "input gate (z_i) is open"),
    Mistake("z reads x2", machine("latest_machine", **edit(
        QUIET_OK, z=([0, 1, 0], 0), z_f=([0, -100, 0], 30))), LATEST, "z should be x1"),
    Mistake("forget gate wired to x3", machine("latest_machine", **edit(QUIET_OK, z_f=([0, 0, -100], 30))), LATEST,
            "forget gate (z_f)"),
    Mistake("weak gates", machine("latest_machine", z=X1, z_i=([0, 2, 0], -1), z_f=([0, -2, 0], 1),
                                  z_o=([0, 0, 2], -1)), LATEST, "only partly open"),
]


# ---------------------------------------------------------------- the blind newcomer test (issue 10)
# Every wrong answer a tester wrote from the lessons and the exercise notebook alone (/tmp/blind, answers
# #N), as written; the hint each must now get.
MISTAKES += [
    Mistake("blind #50: the lecture's weights (+-10 biases, leaks)", '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0},
            "z_i": {"w": [0, 100, 0], "b": -10},
            "z_f": {"w": [0, 100, 0], "b": 10},
            "z_o": {"w": [0, 0, 100], "b": -10}}
''', QUIET, 'the leak'),
    Mistake('blind #51: biases +-15: better but still leaks 50*3e-7', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0},
            "z_i": {"w": [0, 100, 0], "b": -15},
            "z_f": {"w": [0, 100, 0], "b": 15},
            "z_o": {"w": [0, 0, 100], "b": -15}}
''', QUIET, 'the leak'),
    Mistake('blind #52: output gate without bias: half open when x3 = 0', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0},
            "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50},
            "z_o": {"w": [0, 0, 100], "b": 0}}
''', QUIET, 'only partly open'),
    Mistake('blind #53: forget gate weight on x3 instead of x2 (position slip)', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0},
            "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 0, 100], "b": 50},
            "z_o": {"w": [0, 0, 100], "b": -50}}
''', QUIET, 'forget gate (z_f) is open at step 7'),
    Mistake('blind #54: z reads x2 instead of x1', '''
def quiet_machine():
    return {"z": {"w": [0, 1, 0], "b": 0},
            "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50},
            "z_o": {"w": [0, 0, 100], "b": -50}}
''', QUIET, 'z should be x1 itself'),
    Mistake('blind #223: output gate keyed on x3 with bias +50 (open unless x3 = -1)', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0},
            "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50},
            "z_o": {"w": [0, 0, 100], "b": 50}}
''', QUIET, 'output gate (z_o) is open'),
    Mistake("blind #56: negates the input gate's weight instead of z", '''
def subtract_machine():
    m = quiet_machine()
    m["z_i"]["w"] = [0, -100, 0]
    return m
''', SUB, 'input gate (z_i) is closed'),
    Mistake('blind #57: negates the output gate signal (output = -memory)', '''
def subtract_machine():
    m = quiet_machine()
    m["z_o"] = {"w": [0, 0, -100], "b": 50}
    return m
''', SUB, 'output gate (z_o) is open'),
    Mistake('blind #58: negates the forget gate weight', '''
def subtract_machine():
    m = quiet_machine()
    m["z_f"]["w"] = [0, -100, 0]
    return m
''', SUB, 'forget gate (z_f) is closed'),
    Mistake('blind #59: z = -x1 but built on the leaky lecture biases', '''
def subtract_machine():
    return {"z": {"w": [-1, 0, 0], "b": 0},
            "z_i": {"w": [0, 100, 0], "b": -10},
            "z_f": {"w": [0, 100, 0], "b": 10},
            "z_o": {"w": [0, 0, 100], "b": -10}}
''', SUB, 'the leak'),
    Mistake('blind #61: tries to double with the output gate weight (200)', '''
def double_machine():
    m = quiet_machine()
    m["z_o"]["w"] = [0, 0, 200]
    return m
''', DOUBLE, 'the doubling must happen when writing'),
    Mistake("blind #62: stronger input gate (weight 200) to 'write twice'", '''
def double_machine():
    m = quiet_machine()
    m["z_i"]["w"] = [0, 200, 0]
    return m
''', DOUBLE, 'the doubling must happen when writing'),
    Mistake('blind #63: z bias 1 instead of doubling the weight (z = x1 + 1)', '''
def double_machine():
    m = quiet_machine()
    m["z"]["b"] = 1
    return m
''', DOUBLE, 'the doubling must happen when writing'),
    Mistake('blind #64: doubles z but output gate always open (b = +50)', '''
def double_machine():
    m = quiet_machine()
    m["z"]["w"] = [2, 0, 0]
    m["z_o"]["b"] = 50
    return m
''', DOUBLE, 'output gate (z_o) is open'),
    Mistake('blind #66: output weight 0 and bias 0: gate half open', '''
def always_machine():
    m = quiet_machine()
    m["z_o"] = {"w": [0, 0, 0], "b": 0}
    return m
''', ALWAYS, 'only partly open'),
    Mistake('blind #67: keeps x3 weight, bias +50: closed when x3 = -1', '''
def always_machine():
    m = quiet_machine()
    m["z_o"] = {"w": [0, 0, 100], "b": 50}
    return m
''', ALWAYS, 'whatever x3 (-1, 0 or 1)'),
    Mistake('blind #68: bias only 10: leaks', '''
def always_machine():
    m = quiet_machine()
    m["z_o"] = {"w": [0, 0, 0], "b": 10}
    return m
''', ALWAYS, 'the leak'),
    Mistake('blind #69: forgot to change the output gate (copy of quiet)', '''
def always_machine():
    return quiet_machine()
''', ALWAYS, 'output gate (z_o) is closed'),
    Mistake('blind #71: forget gate unchanged: adds instead of replacing', '''
def latest_machine():
    return quiet_machine()
''', LATEST, 'forget gate (z_f) is open'),
    Mistake('blind #72: right idea, leaky +-10', '''
def latest_machine():
    m = quiet_machine()
    m["z_f"] = {"w": [0, -100, 0], "b": 10}
    return m
''', LATEST, 'the leak'),
    Mistake('blind #73: input gate always open (b=+50)', '''
def latest_machine():
    m = quiet_machine()
    m["z_f"] = {"w": [0, -100, 0], "b": 50}
    m["z_i"] = {"w": [0, 100, 0], "b": 50}
    return m
''', LATEST, 'input gate (z_i) is open'),
    Mistake('blind #74: forget gate keyed on x3 instead of x2', '''
def latest_machine():
    m = quiet_machine()
    m["z_f"] = {"w": [0, 0, -100], "b": 50}
    return m
''', LATEST, 'forget gate (z_f) is open'),
    Mistake('blind #75: forget gate sign flipped: open on x2=1, closed otherwise', '''
def latest_machine():
    m = quiet_machine()
    m["z_f"] = {"w": [0, 100, 0], "b": -50}
    return m
''', LATEST, 'forget gate (z_f) is closed'),
]


# ---------------------------------------------------------------- the second blind newcomer test (issue 10)
# Every wrong answer a second tester wrote from the lessons and the exercise notebook alone (/tmp/blind2,
# answers #N), as written
MISTAKES += [
    Mistake("blind2 #50: the lecture's +-10 gates copied (leaky)", '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -10}, "z_f": {"w": [0, 100, 0], "b": 10}, "z_o": {"w": [0, 0, 100], "b": -10}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'the leak: at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind2 #51: forget bias too small (10): leaks on quiet steps', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50}, "z_f": {"w": [0, 100, 0], "b": 10}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'the leak: at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind2 #52: output bias with the wrong sign (+50)', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50}, "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": 50}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'the output gate (z_o) is open at step 1 (x1 = 1'),
    Mistake('blind2 #53: forget gate weight sign flipped (forgets when adding)', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50}, "z_f": {"w": [0, -100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'the forget gate (z_f) is closed at step 2 (x1 ='),
    Mistake('blind2 #54: z reads x2 instead of x1 (1-based index slip)', '''
def quiet_machine():
    return {"z": {"w": [0, 1, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50}, "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'at step 2 the cell input z is 1 where it should'),
    Mistake("blind2 #56: negated the input gate's weight instead of z", '''
def subtract_machine():
    w = quiet_machine()
    w["z_i"] = {"w": [0, -100, 0], "b": -50}
    return w
''', 'check_machine_weights(subtract_machine, task="subtract")', 'the input gate (z_i) is closed at step 2 (x1 ='),
    Mistake('blind2 #57: returned quiet_machine() unchanged (forgot to edit)', '''
def subtract_machine():
    w = quiet_machine()
    return w
''', 'check_machine_weights(subtract_machine, task="subtract")', 'at step 2 the cell input z is 3 where it should'),
    Mistake('blind2 #58: negated the output gate (thinking it makes output negative)', '''
def subtract_machine():
    w = quiet_machine()
    w["z_o"] = {"w": [0, 0, -100], "b": 50}
    return w
''', 'check_machine_weights(subtract_machine, task="subtract")', 'the output gate (z_o) is open at step 1 (x1 = 1'),
    Mistake('blind2 #59: z negated but also z_f weight flipped', '''
def subtract_machine():
    w = quiet_machine()
    w["z"] = {"w": [-1, 0, 0], "b": 0}
    w["z_f"] = {"w": [0, -100, 0], "b": 50}
    return w
''', 'check_machine_weights(subtract_machine, task="subtract")', 'the forget gate (z_f) is closed at step 2 (x1 ='),
    Mistake("blind2 #61: doubled the output gate's weights", '''
def double_machine():
    w = quiet_machine()
    w["z_o"] = {"w": [0, 0, 200], "b": -100}
    return w
''', 'check_machine_weights(double_machine, task="double")', 'at step 2 the cell input z is 3 where it should'),
    Mistake("blind2 #62: doubled the input gate's weights", '''
def double_machine():
    w = quiet_machine()
    w["z_i"] = {"w": [0, 200, 0], "b": -100}
    return w
''', 'check_machine_weights(double_machine, task="double")', 'at step 2 the cell input z is 3 where it should'),
    Mistake('blind2 #63: doubled the x3 weight of z (wrong column)', '''
def double_machine():
    w = quiet_machine()
    w["z"] = {"w": [1, 0, 2], "b": 0}
    return w
''', 'check_machine_weights(double_machine, task="double")', 'at step 2 the cell input z is 3 where it should'),
    Mistake('blind2 #64: z weight list too short ([2])', '''
def double_machine():
    w = quiet_machine()
    w["z"] = {"w": [2], "b": 0}
    return w
''', 'check_machine_weights(double_machine, task="double")', 'must have shape (3,)'),
    Mistake('blind2 #66: output bias only 10 (leaks)', '''
def always_machine():
    w = quiet_machine()
    w["z_o"] = {"w": [0, 0, 0], "b": 10}
    return w
''', 'check_machine_weights(always_machine, task="always")', 'the leak: at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind2 #67: kept the x3 weight: x3 = -1 closes the gate', '''
def always_machine():
    w = quiet_machine()
    w["z_o"] = {"w": [0, 0, 100], "b": 50}
    return w
''', 'check_machine_weights(always_machine, task="always")', 'the output gate (z_o) is closed at step 4 (x1 ='),
    Mistake('blind2 #68: output signal 0 (gate half open)', '''
def always_machine():
    w = quiet_machine()
    w["z_o"] = {"w": [0, 0, 0], "b": 0}
    return w
''', 'check_machine_weights(always_machine, task="always")', 'the output gate (z_o) is only partly open (0.50)'),
    Mistake('blind2 #69: forgot to change the output gate', '''
def always_machine():
    return quiet_machine()
''', 'check_machine_weights(always_machine, task="always")', 'the output gate (z_o) is closed at step 1 (x1 ='),
    Mistake('blind2 #71: forget gate left as in quiet (adds instead of replacing)', '''
def latest_machine():
    return quiet_machine()
''', 'check_machine_weights(latest_machine, task="latest")', 'the forget gate (z_f) is open at step 2 (x1 = 3'),
    Mistake('blind2 #72: forget gate always closed (b = -50)', '''
def latest_machine():
    w = quiet_machine()
    w["z_f"] = {"w": [0, -100, 0], "b": -50}
    return w
''', 'check_machine_weights(latest_machine, task="latest")', 'the forget gate (z_f) is closed at step 1 (x1 ='),
    Mistake('blind2 #73: forget bias too small (10): leak', '''
def latest_machine():
    w = quiet_machine()
    w["z_f"] = {"w": [0, -100, 0], "b": 10}
    return w
''', 'check_machine_weights(latest_machine, task="latest")', 'the leak: at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind2 #74: input gate always open', '''
def latest_machine():
    w = quiet_machine()
    w["z_i"] = {"w": [0, 0, 0], "b": 50}
    w["z_f"] = {"w": [0, -100, 0], "b": 50}
    return w
''', 'check_machine_weights(latest_machine, task="latest")', 'the input gate (z_i) is open at step 1 (x1 = 1'),
    Mistake('blind2 #75: input and forget gates swapped', '''
def latest_machine():
    w = quiet_machine()
    w["z_i"] = {"w": [0, -100, 0], "b": 50}
    w["z_f"] = {"w": [0, 100, 0], "b": -50}
    return w
''', 'check_machine_weights(latest_machine, task="latest")', 'the input gate (z_i) is open at step 1 (x1 = 1'),
]

# Every wrong answer a third tester wrote from the lessons and the exercise notebook alone (/tmp/blind3,
# round 3): each must be rejected with the hint that names it.
MISTAKES += [
    Mistake("blind3 #48: the lecture's leaky +-10 gates", '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 20, 0], "b": -10},
            "z_f": {"w": [0, 20, 0], "b": 10}, "z_o": {"w": [0, 0, 20], "b": -10}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'only -10'),
    Mistake('blind3 #49: gates at +-15: not far enough (1.5e-5 leak on memory 50)', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 30, 0], "b": -15},
            "z_f": {"w": [0, 30, 0], "b": 15}, "z_o": {"w": [0, 0, 30], "b": -15}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'only -15'),
    Mistake('blind3 #50: input gate without bias: half open at x2 = 0', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": 0},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'input gate (z_i) is only partly open'),
    Mistake('blind3 #51: forget gate only checked for x2 in {0,1}: 100*x2+100 is 0 at reset', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 100, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'forget gate (z_f) is only partly open'),
    Mistake('blind3 #52: output gate wired to x2 instead of x3', '''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 200, 0], "b": -100}}
''', 'check_machine_weights(quiet_machine, task="quiet")', 'it should open only when x3 = 1'),
    Mistake('blind3 #54: negated the input gate instead of z', '''
def subtract_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, -200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(subtract_machine, task="subtract")', 'the input gate (z_i) is closed at step 2'),
    Mistake('blind3 #55: -1 put on x2 instead of x1', '''
def subtract_machine():
    return {"z": {"w": [0, -1, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(subtract_machine, task="subtract")', 'z = -x1 (weight -1 on x1'),
    Mistake('blind3 #56: leaky lecture gates with z = -x1', '''
def subtract_machine():
    return {"z": {"w": [-1, 0, 0], "b": 0}, "z_i": {"w": [0, 20, 0], "b": -10},
            "z_f": {"w": [0, 20, 0], "b": 10}, "z_o": {"w": [0, 0, 20], "b": -10}}
''', 'check_machine_weights(subtract_machine, task="subtract")', 'only -10'),
    Mistake('blind3 #57: z = -x1 but output gate condition reversed (opens at x3 = -1)', '''
def subtract_machine():
    return {"z": {"w": [-1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, -200], "b": -100}}
''', 'check_machine_weights(subtract_machine, task="subtract")', 'the output gate (z_o) is closed at step 6'),
    Mistake('blind3 #58: subtract by the forget gate: z_f weights negated', '''
def subtract_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, -200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(subtract_machine, task="subtract")', 'the forget gate (z_f) is closed at step 2'),
    Mistake("blind3 #60: doubling the output gate's signal (gate still tops at 1)", '''
def double_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 400], "b": -200}}
''', 'check_machine_weights(double_machine, task="double")', 'the doubling must happen when writing'),
    Mistake('blind3 #61: all gate weights and biases doubled, z left as x1 (only sharpens gates)', '''
def double_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 400, 0], "b": -200},
            "z_f": {"w": [0, 400, 0], "b": 200}, "z_o": {"w": [0, 0, 400], "b": -200}}
''', 'check_machine_weights(double_machine, task="double")', 'the doubling must happen when writing'),
    Mistake('blind3 #62: bigger output-gate bias to get a bigger output', '''
def double_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": 100}}
''', 'check_machine_weights(double_machine, task="double")', 'the output gate (z_o) is open at step 1'),
    Mistake('blind3 #63: z = x1 + 1 (adds one more instead of doubling)', '''
def double_machine():
    return {"z": {"w": [1, 0, 0], "b": 1}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(double_machine, task="double")', 'should be 2 x1 = 6'),
    Mistake('blind3 #64: leaky lecture gates with z = 2 x1', '''
def double_machine():
    return {"z": {"w": [2, 0, 0], "b": 0}, "z_i": {"w": [0, 20, 0], "b": -10},
            "z_f": {"w": [0, 20, 0], "b": 10}, "z_o": {"w": [0, 0, 20], "b": -10}}
''', 'check_machine_weights(double_machine, task="double")', 'only -10'),
    Mistake('blind3 #66: bias raised but x3 weight kept: x3 = -1 closes', '''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": 100}}
''', 'check_machine_weights(always_machine, task="always")', 'whatever x3 (-1, 0 or 1)'),
    Mistake('blind3 #67: no dependence at all: z_o = 0 (gate half open)', '''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 0], "b": 0}}
''', 'check_machine_weights(always_machine, task="always")', 'output gate (z_o) is only partly open'),
    Mistake('blind3 #68: z_o = 100 x3 + 100: zero at x3 = -1', '''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 100], "b": 100}}
''', 'check_machine_weights(always_machine, task="always")', 'output gate (z_o) is only partly open (0.50) at step 4'),
    Mistake("blind3 #69: misread 'always': forget gate always open too (no reset)", '''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 0, 0], "b": 100}, "z_o": {"w": [0, 0, 0], "b": 100}}
''', 'check_machine_weights(always_machine, task="always")', 'the forget gate (z_f) is open at step 7'),
    Mistake('blind3 #70: leaky output gate b = 10', '''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 0], "b": 10}}
''', 'check_machine_weights(always_machine, task="always")', 'output gate (z_o) is open with a signal of only 10'),
    Mistake("blind3 #72: kept the lecture's forget gate (adds instead of replacing)", '''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(latest_machine, task="latest")', 'the forget gate (z_f) is open at step 2'),
    Mistake('blind3 #73: forget gate always closed (memory not kept at x2 = 0)', '''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 0, 0], "b": -100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(latest_machine, task="latest")', 'the forget gate (z_f) is closed at step 1'),
    Mistake('blind3 #74: forget gate -100 x2 without bias: half open at x2 = 0', '''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, -100, 0], "b": 0}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(latest_machine, task="latest")', 'forget gate (z_f) is only partly open'),
    Mistake('blind3 #75: input gate always open', '''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 0, 0], "b": 100},
            "z_f": {"w": [0, -200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(latest_machine, task="latest")', 'the input gate (z_i) is open at step 1'),
    Mistake('blind3 #76: input gate bias sign wrong: 200 x2 + 100', '''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": 100},
            "z_f": {"w": [0, -200, 0], "b": 100}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(latest_machine, task="latest")', 'the input gate (z_i) is open at step 1'),
]


# ---------------------------------------------------------------- the blind newcomer test 4
# Every wrong answer of /tmp/blind4/answers.py (#N) for this exercise, as written; the phrase naming each
# mistake that its hint must contain.
MISTAKES += [
    Mistake('blind4 #34: lecture-style +-10 gates (leak)', r'''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 10, 0], "b": -5},
            "z_f": {"w": [0, 10, 0], "b": 5}, "z_o": {"w": [0, 0, 10], "b": -5}}
''', 'check_machine_weights(quiet_machine, task="quiet")',
            'the leak'),
    Mistake('blind4 #35: forget gate bias 0 (half open at x2=0)', r'''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 0}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(quiet_machine, task="quiet")',
            'the forget gate (z_f) is only partly open (0.50) at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind4 #36: output gate without bias (half open at x3=0)', r'''
def quiet_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": 0}}
''', 'check_machine_weights(quiet_machine, task="quiet")',
            'the output gate (z_o) is only partly open (0.50) at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind4 #38: flips input-gate sign instead', r'''
def subtract_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, -100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(subtract_machine, task="subtract")',
            'the input gate (z_i) is closed at step 2 (x1 = 3, x2 = 1, x3 = 0)'),
    Mistake('blind4 #39: negates z and the forget gate', r'''
def subtract_machine():
    return {"z": {"w": [-1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, -100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(subtract_machine, task="subtract")',
            'the forget gate (z_f) is closed at step 2 (x1 = 3, x2 = 1, x3 = 0)'),
    Mistake('blind4 #40: input gate bias forgotten', r'''
def subtract_machine():
    return {"z": {"w": [-1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": 0},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(subtract_machine, task="subtract")',
            'the input gate (z_i) is only partly open (0.50) at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind4 #42: doubles output gate weights', r'''
def double_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 200], "b": -100}}
''', 'check_machine_weights(double_machine, task="double")',
            'at step 2 the cell input z is 3 where it should be 2 x1 = 6'),
    Mistake('blind4 #43: doubles input gate weights', r'''
def double_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 200, 0], "b": -100},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(double_machine, task="double")',
            'at step 2 the cell input z is 3 where it should be 2 x1 = 6'),
    Mistake('blind4 #44: z doubled but output gate half open', r'''
def double_machine():
    return {"z": {"w": [2, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 50], "b": -50}}
''', 'check_machine_weights(double_machine, task="double")',
            'the output gate (z_o) is only partly open (0.50) at step 6 (x1 = 1, x2 = 0, x3 = 1)'),
    Mistake('blind4 #46: output gate still reads x3', r'''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": 50}}
''', 'check_machine_weights(always_machine, task="always")',
            'the output gate (z_o) is closed at step 4 (x1 = -5, x2 = -1, x3 = -1)'),
    Mistake('blind4 #47: output gate signal 0 (half open)', r'''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 0], "b": 0}}
''', 'check_machine_weights(always_machine, task="always")',
            'the output gate (z_o) is only partly open (0.50) at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind4 #48: output gate bias only 10 (leak)', r'''
def always_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 0], "b": 10}}
''', 'check_machine_weights(always_machine, task="always")',
            'the leak'),
    Mistake('blind4 #50: forget gate unchanged (adds)', r'''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 100, 0], "b": 50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(latest_machine, task="latest")',
            'the forget gate (z_f) is open at step 2 (x1 = 3, x2 = 1, x3 = 0)'),
    Mistake('blind4 #51: forget gate no bias', r'''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, -100, 0], "b": 0}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(latest_machine, task="latest")',
            'the forget gate (z_f) is only partly open (0.50) at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
    Mistake('blind4 #52: forget gate always closed', r'''
def latest_machine():
    return {"z": {"w": [1, 0, 0], "b": 0}, "z_i": {"w": [0, 100, 0], "b": -50},
            "z_f": {"w": [0, 0, 0], "b": -50}, "z_o": {"w": [0, 0, 100], "b": -50}}
''', 'check_machine_weights(latest_machine, task="latest")',
            'the forget gate (z_f) is closed at step 1 (x1 = 1, x2 = 0, x3 = 0)'),
]

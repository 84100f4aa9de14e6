"""Checker for hand-set weights of a memory machine (lesson 3).

The learner writes a weights dict (as ``memory_machine.lecture_weights`` returns)
for a machine described in words. The checker runs it with the package's
``run_memory_machine`` on the lecture's sequence and on random ones, compares the
output with what the machine should do, and, when it differs, looks at each gate
at each step to say which gate opens or closes at the wrong time, or which gate
leaks too much.

Every task of exercise 3 after the lecture's own is checked as strictly as the
quiet machine (every output within 1e-6 of the rule, so the lecture's leaky +-10
gates do not pass), and the random sequences use every value x3 can take, -1
included.
"""
import numpy as np

from ..activations import sigmoid
from ..memory_machine import LECTURE_X1, LECTURE_X2, LECTURE_X3, run_memory_machine
from .core import ERROR, FAILED, PASSED, Stop, call_learner, guarded, report

# For each task: z when written (a multiple of x1); "add" into the memory or
# "replace" it; the output gate open at every step or only when x3 = 1; how close
# to the rule the outputs must be; the rule in words.
_LOOSE = 0.05   # the sigmoid's leak at +-10 stays far below this on these sequences
QUIET = 1e-6    # exercise 3: every output within 1e-6 of the rule (no leak)
TASKS = {
    "lecture": dict(scale=1.0, write="add", always=False, tol=_LOOSE,
                    text="when x2 = 1 add x1 into the memory, when x2 = -1 reset it, when x3 = 1 output it"),
    "quiet": dict(scale=1.0, write="add", always=False, tol=QUIET,
                  text="the lecture's machine (x2 = 1 adds x1, x2 = -1 resets, x3 = 1 outputs) with every "
                       "output within 1e-6 of the rule"),
    "subtract": dict(scale=-1.0, write="add", always=False, tol=QUIET,
                     text="when x2 = 1 subtract x1 from the memory, when x2 = -1 reset it, when x3 = 1 output it"),
    "double": dict(scale=2.0, write="add", always=False, tol=QUIET,
                   text="as the lecture's machine, but the output when x3 = 1 is twice the sum of the x1 added "
                        "since the last reset"),
    "always": dict(scale=1.0, write="add", always=True, tol=QUIET,
                   text="as the lecture's machine, but output the memory at every step"),
    "latest": dict(scale=1.0, write="replace", always=False, tol=QUIET,
                   text="when x2 = 1 store x1 in place of what the memory held, when x3 = 1 output it"),
}
OPEN, CLOSED = 0.99, 0.01   # a gate counts as open above 0.99, closed below 0.01
NAMES = {"gate_i": "input gate (z_i)", "gate_f": "forget gate (z_f)", "gate_o": "output gate (z_o)"}
SIGNAL = {"gate_i": "z_i", "gate_f": "z_f", "gate_o": "z_o"}


def _sequences(task):
    """(label, x1, x2, x3) to run; "latest" has no reset, so its x2 is 0 or 1 only."""
    rng = np.random.default_rng(3)
    seqs = [("the lecture's sequence", LECTURE_X1, LECTURE_X2, LECTURE_X3)]
    for k in range(3):
        T = 12
        x1 = rng.integers(-9, 10, size=T).astype(float)
        x2 = rng.choice([-1.0, 0.0, 1.0], size=T, p=[0.2, 0.4, 0.4])
        x3 = rng.choice([-1.0, 0.0, 1.0], size=T)   # x3 = -1 outputs nothing (but "always" outputs)
        seqs.append((f"random sequence {k + 1}", x1, x2, x3))
    if TASKS[task]["write"] == "replace":
        seqs = [(label, x1, np.where(x2 == -1, 0.0, x2), x3) for label, x1, x2, x3 in seqs]
    return seqs


def ideal_output(x1, x2, x3, task):
    """What the machine of ``task`` should output at each step (no leak)."""
    spec = TASKS[task]
    memory, out = 0.0, []
    for v1, v2, v3 in zip(x1, x2, x3):
        if v2 == 1:
            memory = spec["scale"] * v1 + (memory if spec["write"] == "add" else 0.0)
        elif v2 == -1 and spec["write"] == "add":
            memory = 0.0
        out.append(memory if (v3 == 1 or spec["always"]) else 0.0)
    return np.array(out)


def _wanted(trace, task):
    """For each gate, where it must be open (True) or closed (False), and the rule in words."""
    spec = TASKS[task]
    x2, x3 = trace["x2"], trace["x3"]
    if spec["write"] == "replace":
        forget = (x2 != 1, "close when x2 = 1 (the old value must go) and stay open (keep) otherwise")
    else:
        forget = (x2 != -1, "stay open (keep the memory) unless x2 = -1, and close (erase) when x2 = -1")
    return {"gate_i": (x2 == 1, "open only when x2 = 1"),
            "gate_f": forget,
            "gate_o": ((x3 == 1) | spec["always"],
                       "open at every step, whatever x3 (-1, 0 or 1)" if spec["always"] else "open only when x3 = 1")}


def _step(trace, t):
    return f"step {t + 1} (x1 = {trace['x1'][t]:g}, x2 = {trace['x2'][t]:g}, x3 = {trace['x3'][t]:g})"


def _gate_hint(trace, task):
    """The first gate that is open or closed at the wrong step, or z wrong where it is written, as a hint; or ''."""
    spec, wanted = TASKS[task], _wanted(trace, task)
    for t in range(len(trace["x1"])):
        for gate in ("gate_i", "gate_f", "gate_o"):
            value, (want, rule) = trace[gate][t], wanted[gate]
            if CLOSED <= value <= OPEN:
                return (f"the {NAMES[gate]} is only partly open ({value:.2f}) at {_step(trace, t)}. Use large "
                        "weights (like 100 and 10) so that each signal is far from 0 and the sigmoid is almost "
                        "0 or 1.")
            if (value > OPEN) != want[t]:
                state = "open" if value > OPEN else "closed"
                return f"the {NAMES[gate]} is {state} at {_step(trace, t)}; it should {rule}."
        if wanted["gate_i"][0][t] and not np.isclose(trace["z"][t], spec["scale"] * trace["x1"][t], atol=1e-6):
            return _z_hint(spec["scale"], trace["z"][t], trace["x1"][t], t)
    return ""


def _leak_hint(trace, task):
    """Where every gate is on the right side: the leakiest gate, as a hint."""
    wanted = _wanted(trace, task)
    size, gate, t = min(((abs(trace[SIGNAL[gate]][t]), gate, t) for gate in wanted
                         for t in range(len(trace["x1"]))), key=lambda item: item[0])
    state = "open" if wanted[gate][0][t] else "closed"
    return (f"the leak: at {_step(trace, t)} your {NAMES[gate]} is {state} with a signal of only "
            f"{trace[SIGNAL[gate]][t]:g}, so it is off by sigmoid(-{size:g}) = {float(sigmoid(-size)):.2g}, and "
            "the memory and output drift by that fraction. Push every gate signal at least 20 away from 0 "
            "(sigmoid(-20) = 2.1e-09): larger biases, and weights large enough to overrule them.")


def _z_hint(scale, z, x1, t):
    expected = {1.0: "x1", -1.0: "-x1", 2.0: "2 x1"}[scale]
    hint = f"at step {t + 1} the cell input z is {z:g} where it should be {expected} = {scale * x1:g}."
    if scale == -1.0:
        hint += (" To subtract, write the negative input: z = -x1 (weight -1 on x1, bias 0). A gate's opening "
                 "is between 0 and 1, so no gate can flip a sign.")
    elif scale == 2.0:
        hint += (" The output gate opens at most fully (to 1) and h is the identity, so the doubling "
                 "must happen when writing: z = 2 x1 (weight 2 on x1, bias 0).")
    else:
        hint += " z should be x1 itself: weight 1 on x1, 0 on x2 and x3, bias 0."
    return hint


_ERROR_HINTS = (("read-only", "LECTURE_WEIGHTS is shared and read-only: start from a fresh copy (your own dict, "
                              "or lecture_weights(), which makes a new one each call)."),)


def _get_weights(weights):
    weights = call_learner(weights, error_hints=_ERROR_HINTS) if callable(weights) else weights
    if not isinstance(weights, dict):
        raise Stop(FAILED, f"your machine should be a weights dict (or a function returning one); got a "
                           f"{type(weights).__name__}" + (" (a missing `return`?)" if weights is None else "") + ".")
    return weights


@guarded("check_machine_weights")
def check_machine_weights(weights, task="lecture"):
    """Check a memory machine's weights (a dict as ``lecture_weights()``, or a function
    returning one) for ``task``: one of ``TASKS``."""
    name = "check_machine_weights"
    if task not in TASKS:
        raise ValueError(f"task must be one of {sorted(TASKS)}, got {task!r}")
    spec = TASKS[task]
    weights = _get_weights(weights)
    for label, x1, x2, x3 in _sequences(task):
        try:
            trace = run_memory_machine(x1, x2, x3, weights=weights)
        except (KeyError, ValueError, TypeError) as exc:
            raise Stop(ERROR, f"your weights do not have the expected form: {str(exc).strip(chr(34))}",
                       "expected a dict like lecture_weights(): {'z': {'w': [w1, w2, w3], 'b': b}, 'z_i': ..., "
                       "'z_f': ..., 'z_o': ...}") from None
        want = ideal_output(x1, x2, x3, task)
        rtol = 0.01 if spec["tol"] >= _LOOSE else 0.0
        if not np.allclose(trace["a"], want, atol=spec["tol"], rtol=rtol):
            t = int(np.argmax(np.abs(trace["a"] - want) > spec["tol"] + rtol * np.abs(want)))
            detail = f"{label}, step {t + 1}: output {trace['a'][t]:.8g}, expected {want[t]:.8g}"
            hint = _gate_hint(trace, task) or (_leak_hint(trace, task) if spec["tol"] < _LOOSE else "")
            return report(name, FAILED, hint or f"the output differs from the machine's rule: {spec['text']}.",
                          detail)
    return report(name, PASSED, summary=f"your machine does it ({spec['text']}) on the lecture's sequence "
                                        "and 3 random ones.")

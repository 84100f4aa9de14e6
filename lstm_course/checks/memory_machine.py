"""Checker for hand-set weights of a memory machine (lesson 3).

The learner writes a weights dict (as ``memory_machine.lecture_weights`` returns)
for a machine described in words. The checker runs it with the package's
``run_memory_machine`` on the lecture's sequences and on random ones, compares the
output with what the machine should do, and, when it differs, looks at each gate
at each step to say which gate opens or closes at the wrong time.
"""
import numpy as np

from ..memory_machine import LECTURE_X1, LECTURE_X2, LECTURE_X3, run_memory_machine
from .core import ERROR, FAILED, PASSED, Stop, call_learner, guarded, report

# For each task: what z must be when x2 = 1 (as a multiple of x1), and whether the
# output gate is open at every step instead of only when x3 = 1.
TASKS = {
    "lecture": dict(scale=1.0, always=False,
                    text="when x2 = 1 add x1 into the memory, when x2 = -1 reset it, when x3 = 1 output it"),
    "subtract": dict(scale=-1.0, always=False,
                     text="when x2 = 1 subtract x1 from the memory, when x2 = -1 reset it, when x3 = 1 output it"),
    "double": dict(scale=2.0, always=False,
                   text="as the lecture's machine, but output twice the memory when x3 = 1"),
    "always": dict(scale=1.0, always=True,
                   text="as the lecture's machine, but output the memory at every step"),
}
OPEN, CLOSED = 0.99, 0.01   # a gate counts as open above 0.99, closed below 0.01
TOL = 0.05                  # the sigmoid's leak stays far below this on these sequences


def _sequences():
    rng = np.random.default_rng(3)
    seqs = [("the lecture's sequence", LECTURE_X1, LECTURE_X2, LECTURE_X3)]
    for k in range(3):
        T = 12
        x1 = rng.integers(-9, 10, size=T).astype(float)
        x2 = rng.choice([-1.0, 0.0, 1.0], size=T, p=[0.2, 0.4, 0.4])
        x3 = rng.choice([0.0, 1.0], size=T)
        seqs.append((f"random sequence {k + 1}", x1, x2, x3))
    return seqs


def ideal_output(x1, x2, x3, task):
    """What the machine of ``task`` should output at each step (no leak)."""
    spec = TASKS[task]
    memory, out = 0.0, []
    for v1, v2, v3 in zip(x1, x2, x3):
        if v2 == 1:
            memory += spec["scale"] * v1
        elif v2 == -1:
            memory = 0.0
        out.append(memory if (v3 == 1 or spec["always"]) else 0.0)
    return np.array(out)


def _gate_hint(trace, task):
    """The first gate that is open or closed at the wrong step, as a hint; or ''."""
    spec = TASKS[task]
    x1, x2, x3 = trace["x1"], trace["x2"], trace["x3"]
    want = {"gate_i": x2 == 1, "gate_f": x2 != -1, "gate_o": (x3 == 1) | spec["always"]}
    names = {"gate_i": "input gate (z_i)", "gate_f": "forget gate (z_f)", "gate_o": "output gate (z_o)"}
    rules = {"gate_i": "open only when x2 = 1",
             "gate_f": "stay open (keep the memory) unless x2 = -1, and close (erase) when x2 = -1",
             "gate_o": "open at every step" if spec["always"] else "open only when x3 = 1"}
    for t in range(len(x1)):
        for gate in ("gate_i", "gate_f", "gate_o"):
            value = trace[gate][t]
            step = f"step {t + 1} (x1 = {x1[t]:g}, x2 = {x2[t]:g}, x3 = {x3[t]:g})"
            if CLOSED <= value <= OPEN:
                return (f"the {names[gate]} is only partly open ({value:.2f}) at {step}. Use large weights "
                        "(like 100 and 10) so that each signal is far from 0 and the sigmoid is almost 0 or 1.")
            if (value > OPEN) != want[gate][t]:
                state = "open" if value > OPEN else "closed"
                return f"the {names[gate]} is {state} at {step}; it should {rules[gate]}."
        if want["gate_i"][t] and not np.isclose(trace["z"][t], spec["scale"] * x1[t], atol=1e-6):
            return _z_hint(spec["scale"], trace["z"][t], x1[t], t)
    return ""


def _z_hint(scale, z, x1, t):
    expected = {1.0: "x1", -1.0: "-x1", 2.0: "2 x1"}[scale]
    hint = f"at step {t + 1} the cell input z is {z:g} where it should be {expected} = {scale * x1:g}."
    if scale == -1.0:
        hint += " To subtract, write the negative input: z = -x1 (weight -1 on x1)."
    elif scale == 2.0:
        hint += (" The output gate opens at most fully (to 1) and h is the identity, so the doubling "
                 "must happen when writing: z = 2 x1.")
    else:
        hint += " z should be x1 itself: weight 1 on x1, 0 on x2 and x3, bias 0."
    return hint


def _get_weights(weights):
    return call_learner(weights) if callable(weights) else weights


@guarded("check_machine_weights")
def check_machine_weights(weights, task="lecture"):
    """Check a memory machine's weights (a dict as ``lecture_weights()``, or a function
    returning one) for ``task``: "lecture", "subtract", "double" or "always"."""
    name = "check_machine_weights"
    if task not in TASKS:
        raise ValueError(f"task must be one of {sorted(TASKS)}, got {task!r}")
    weights = _get_weights(weights)
    for label, x1, x2, x3 in _sequences():
        try:
            trace = run_memory_machine(x1, x2, x3, weights=weights)
        except (KeyError, ValueError) as exc:
            raise Stop(ERROR, f"your weights do not have the expected form: {str(exc).strip(chr(34))}",
                       "expected a dict like lecture_weights(): {'z': {'w': [w1, w2, w3], 'b': b}, 'z_i': ..., "
                       "'z_f': ..., 'z_o': ...}") from None
        want = ideal_output(x1, x2, x3, task)
        if not np.allclose(trace["a"], want, atol=TOL, rtol=0.01):
            t = int(np.argmax(np.abs(trace["a"] - want) > TOL + 0.01 * np.abs(want)))
            detail = (f"{label}, step {t + 1}: output {trace['a'][t]:.3f}, expected {want[t]:.3f}")
            return report(name, FAILED, _gate_hint(trace, task) or
                          f"the output differs from the machine's rule: {TASKS[task]['text']}.", detail)
    return report(name, PASSED, summary=f"your machine does it ({TASKS[task]['text']}) "
                                        "on the lecture's sequence and 3 random ones.")

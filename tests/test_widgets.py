"""The explorers, driven from Python as a learner drives them: the numbers they hold and
show must be the memory cell's, c' = g(z) f(z_i) + c f(z_f) and a = h(c') f(z_o), worked
out independently here from the formula (plain floats, not the package's cell)."""
import asyncio
import math

import numpy as np
import pytest

from lstm_course.lstm import forward, init_params
from lstm_course.memory_machine import LECTURE_X1, LECTURE_X2, LECTURE_X3, lecture_weights
from lstm_course.widgets import cell_explorer, network_explorer, sequence_explorer
from lstm_course.widgets.cell import PRESETS
from lstm_course.widgets.view import Coalescer


def as_in_a_kernel(body):
    """Run body() inside a running event loop, as widget callbacks run in a Jupyter
    kernel: pictures are then redrawn once per burst (after body), which keeps these
    tests fast; the numbers are checked inside body, right after each move."""
    async def main():
        result = body()
        await asyncio.sleep(0.3)
        return result
    return asyncio.run(main())


ACTIVATIONS = {"tanh": math.tanh, "identity": lambda v: v}


def f(v):
    """The gate activation, the sigmoid."""
    return 1.0 / (1.0 + math.exp(-v))


def expected_cell(z, z_i, z_f, z_o, c, g="tanh", h="tanh"):
    """(c', a) of one memory cell, from the lecture's formula."""
    c_new = ACTIVATIONS[g](z) * f(z_i) + c * f(z_f)
    return c_new, ACTIVATIONS[h](c_new) * f(z_o)


# --- cell explorer -----------------------------------------------------------------------

def test_cell_explorer_follows_every_slider():
    ex = cell_explorer()
    assert ex.state["c_new"] == 0.0 and ex.state["gate_i"] == 0.5  # all zero: g(0) = 0
    first_picture = ex.image.value
    moves = {"z": 0.7, "z_i": 2.5, "z_f": -1.0, "z_o": 3.0, "c": -1.2}
    for name, value in moves.items():
        ex.sliders[name].value = value
    c_new, a = expected_cell(**moves)
    assert ex.state["c_new"] == pytest.approx(c_new, abs=1e-12)
    assert ex.state["a"] == pytest.approx(a, abs=1e-12)
    assert ex.state["gate_f"] == pytest.approx(1 / (1 + math.e), abs=1e-12)   # f(-1)
    assert ex.state["gate_i"] == pytest.approx(f(2.5), abs=1e-12) and ex.state["gate_o"] == pytest.approx(f(3.0))
    assert f"{c_new:.4f}" in ex.readout.value and f"{a:.4f}" in ex.readout.value
    assert ex.image.value != first_picture  # the diagram was redrawn


def test_cell_explorer_identity_activations():
    ex = cell_explorer(z=2.0, z_i=10, z_f=10, z_o=10, c=1.0, g="identity")
    c_new, a = expected_cell(2.0, 10, 10, 10, 1.0, g="identity")
    assert (ex.state["c_new"], ex.state["a"]) == pytest.approx((c_new, a), abs=1e-12)
    ex.activations["h"].value = "identity"
    c_new, a = expected_cell(2.0, 10, 10, 10, 1.0, g="identity", h="identity")
    assert ex.state["a"] == pytest.approx(a, abs=1e-12) and ex.state["h"] == "identity"
    assert ex.state["a"] > 2.9  # identity h: the output is the memory 3, not tanh(3)


@pytest.mark.parametrize("name", list(PRESETS))
def test_cell_presets_set_sliders_and_behave(name):
    ex = cell_explorer()
    calls = ex._redraw.calls
    ex.presets[name].click()
    assert ex._redraw.calls == calls + 1  # five sliders moved, one picture
    p = PRESETS[name]
    assert {k: ex.sliders[k].value for k in p} == p
    c_new, a = expected_cell(**p)
    assert (ex.state["c_new"], ex.state["a"]) == pytest.approx((c_new, a), abs=1e-12)
    behaviour = {"write": (c_new, p["c"] + np.tanh(p["z"])), "keep": (c_new, p["c"]),
                 "erase": (c_new, 0.0), "read": (a, np.tanh(c_new))}[name]
    assert behaviour[0] == pytest.approx(behaviour[1], abs=1e-3)


def test_cell_explorer_refuses_bad_input():
    with pytest.raises(ValueError, match="g must be one of"):
        cell_explorer(g="relu")
    with pytest.raises(ValueError, match="between"):
        cell_explorer(z=5.0)
    with pytest.raises(ValueError, match="preset"):
        cell_explorer().apply_preset("forget")


def test_static_fallback_has_a_picture_and_a_sentence():
    bundle = cell_explorer(z=1.0)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["image/png"] and "Cell explorer" in bundle["text/plain"]


def test_fast_moves_are_coalesced_into_one_redraw():
    async def drag():
        ex = cell_explorer()
        assert ex.image.value  # the first picture is drawn at once, even in a kernel
        calls = ex._redraw.calls
        for k in range(20):  # a fast drag: twenty values before the loop gets a breath
            ex.sliders["z"].value = 0.1 * (k + 1)
            assert ex.state["z"] == pytest.approx(0.1 * (k + 1))  # numbers follow at once
        await asyncio.sleep(0.3)
        return ex, ex._redraw.calls - calls

    ex, redraws = asyncio.run(drag())
    assert redraws == 1
    assert ex.state["c_new"] == pytest.approx(expected_cell(2.0, 0, 0, 0, 0)[0], abs=1e-12)


def test_coalescer_without_a_loop_draws_at_once():
    seen = []
    c = Coalescer(lambda: seen.append(1))
    c.request()
    c.request()
    assert seen == [1, 1]


# --- the cell explorer's variants (lesson 9) ----------------------------------------------

def expected_variant(variant, z, z_i, z_f, z_o, c, p_i=0.0, p_f=0.0, p_o=0.0):
    """(c', a) of one variant's cell, from its formula: a removed gate is 1, NIAF's g and
    NOAF's h the identity, CIFG's input gate 1 - f(z_f), JANET's 1 - f(z_f - 1) and a = c'."""
    gi, gf, go = f(z_i + (p_i * c if variant == "peephole" else 0)), f(z_f + (p_f * c if variant == "peephole" else 0)), None
    gi = {"nig": 1.0, "cifg": 1 - gf, "janet": 1 - f(z_f - 1.0)}.get(variant, gi)
    gf = 1.0 if variant == "nfg" else gf
    g = (lambda v: v) if variant == "niaf" else math.tanh
    h = (lambda v: v) if variant in ("noaf", "janet") else math.tanh
    c_new = g(z) * gi + c * gf
    go = 1.0 if variant in ("nog", "janet") else f(z_o + (p_o * c_new if variant == "peephole" else 0))
    return c_new, h(c_new) * go


VARIANT_NAMES = ["vanilla", "peephole", "nig", "nfg", "nog", "niaf", "noaf", "cifg", "janet"]


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_cell_explorer_variant_selector_changes_c_and_a(variant):
    inputs = dict(z=0.7, z_i=-1.5, z_f=1.0, z_o=-0.5, c=1.2)
    ex = cell_explorer(**inputs)
    vanilla_picture = ex.image.value
    ex.variant.value = variant
    p = dict(p_i=0.0, p_f=0.0, p_o=0.0)
    if variant == "peephole":
        p = dict(p_i=1.5, p_f=-2.0, p_o=0.8)
        for k, v in p.items():
            ex.peepholes[k].value = v
    c_new, a = expected_variant(variant, **inputs, **p)
    assert ex.state["variant"] == variant
    assert (ex.state["c_new"], ex.state["a"]) == pytest.approx((c_new, a), abs=1e-12)
    assert f"{c_new:.4f}" in ex.readout.value and f"{a:.4f}" in ex.readout.value
    assert ("lstm-variant-equations" in ex.readout.value) == (variant != "vanilla")
    assert (ex.image.value == vanilla_picture) == (variant == "vanilla")   # the diagram shows the variant
    ex.variant.value = "vanilla"
    assert ex.image.value == vanilla_picture          # and back: lesson 2's cell, exactly
    assert (ex.state["c_new"], ex.state["a"]) == pytest.approx(expected_cell(**inputs), abs=1e-12)


def test_cell_explorer_variant_controls():
    ex = cell_explorer(g="identity")
    assert all(s.layout.display == "none" for s in ex.peepholes.values())
    ex.variant.value = "peephole"
    assert all(s.layout.display is None for s in ex.peepholes.values())
    ex.variant.value = "noaf"                              # no output activation: h is the identity
    assert ex.activations["h"].value == "identity" and ex.activations["h"].disabled
    assert ex.activations["g"].value == "identity" and not ex.activations["g"].disabled
    ex.variant.value = "nig"                               # h comes back as it was
    assert ex.activations["h"].value == "tanh" and not ex.activations["h"].disabled
    assert ex.sliders["z_i"].disabled and not ex.sliders["z_f"].disabled
    ex.variant.value = "janet"
    assert ex.sliders["z_i"].disabled and ex.sliders["z_o"].disabled and ex.activations["h"].disabled
    ex.variant.value = "vanilla"
    assert not any(s.disabled for s in ex.sliders.values())
    assert ex.activations["g"].value == "identity"        # the learner's own choice is kept
    ex = cell_explorer(variant="nfg", z=1.0, z_f=-10.0, c=0.5)
    assert ex.state["gate_f"] == 1.0 and ex.state["kept"] == 0.5
    with pytest.raises(ValueError, match="variant must be one of"):
        cell_explorer(variant="fgr")


# --- sequence explorer -------------------------------------------------------------------

def machine_by_hand(x1, x2, x3, weights):
    """The memory machine, step by step by the formula: c_after and a, each (T,)."""
    x = np.stack([x1, x2, x3], axis=1).astype(float)
    sig = {k: x @ np.asarray(v["w"], float) + v["b"] for k, v in weights.items()}
    c, cs, outs = 0.0, [], []
    for t in range(len(x)):
        c, a = expected_cell(sig["z"][t], sig["z_i"][t], sig["z_f"][t], sig["z_o"][t], c,
                             g="identity", h="identity")
        cs.append(c)
        outs.append(a)
    return np.array(cs), np.array(outs)


def test_sequence_explorer_runs_the_lecture_machine():
    ex = as_in_a_kernel(_sequence_explorer_runs_the_lecture_machine)
    assert ex.image.value and ex.cell_image.value  # drawn once, after the burst


def _sequence_explorer_runs_the_lecture_machine():
    ex = sequence_explorer()
    c_after, a = machine_by_hand(LECTURE_X1, LECTURE_X2, LECTURE_X3, lecture_weights())
    np.testing.assert_allclose(ex.state["trace"]["c_after"], c_after, atol=1e-12)
    np.testing.assert_allclose(ex.state["trace"]["a"], a, atol=1e-12)
    assert ex.state["t"] == 1 and ex.step.max == len(LECTURE_X1)
    for _ in range(5):
        ex.forward.click()
    assert ex.state["t"] == 6
    assert ex.state["cell"]["c_new"] == pytest.approx(c_after[5], abs=1e-12)
    assert ex.state["cell"]["a"] == pytest.approx(a[5], abs=1e-12)
    assert f"a = {a[5]:.4f}" in ex.readout.value
    ex.back.click()
    assert ex.state["t"] == 5
    ex.step.value = ex.step.max
    ex.forward.click()  # at the end: stays there
    assert ex.state["t"] == len(LECTURE_X1)
    return ex


def test_sequence_explorer_breaks_and_repairs():
    as_in_a_kernel(_sequence_explorer_breaks_and_repairs)


def _sequence_explorer_breaks_and_repairs():
    ex = sequence_explorer()
    good = ex.state["trace"]["c_after"].copy()
    ex.weights["z_f", "b"].value = -10.0  # the forget gate shuts when x2 = 0
    broken = lecture_weights()
    broken["z_f"]["b"] = -10.0
    c_after, _ = machine_by_hand(LECTURE_X1, LECTURE_X2, LECTURE_X3, broken)
    np.testing.assert_allclose(ex.state["trace"]["c_after"], c_after, atol=1e-12)
    assert not np.allclose(c_after, good, atol=1e-2)  # the machine forgets now
    ex.repair.click()
    np.testing.assert_allclose(ex.state["trace"]["c_after"], good, atol=1e-15)


def test_sequence_explorer_takes_typed_numbers():
    as_in_a_kernel(_sequence_explorer_takes_typed_numbers)


def _sequence_explorer_takes_typed_numbers():
    ex = sequence_explorer()
    ex.step.value = 9
    ex.inputs["x1"].value = "5 2 x"
    assert "'x'" in ex.message.value and ex.state["trace"]["c_after"].shape == (9,)
    ex.inputs["x1"].value = "5, 2, 7"
    assert "same shape" in ex.message.value  # x2, x3 still have 9 steps
    ex.inputs["x2"].value = "1 1 -1"
    ex.inputs["x3"].value = "0 1 0"
    assert ex.message.value == "" and ex.step.max == 3 and ex.state["t"] == 3
    _, expected = machine_by_hand(np.array([5, 2, 7]), np.array([1, 1, -1]), np.array([0, 1, 0]),
                                  lecture_weights())
    np.testing.assert_allclose(ex.state["trace"]["a"], expected, atol=1e-12)
    assert ex.state["trace"]["a"][1] == pytest.approx(7.0, abs=1e-3)  # 5 + 2, read out


def test_sequence_explorer_own_sequences_and_bad_ones():
    ex = sequence_explorer([1, 2], [1, 1], [0, 1])
    assert ex.state["trace"]["a"][-1] == pytest.approx(3.0, abs=1e-3)
    with pytest.raises(ValueError, match="same shape"):
        sequence_explorer([1, 2], [1], [0, 1])


# --- network explorer --------------------------------------------------------------------

def test_network_explorer_shows_the_layers_gates():
    D, H, T = 2, 4, 6
    params = init_params(D, H, seed=3)
    x = np.random.default_rng(0).normal(size=(T, D))
    ex = network_explorer(params, x, labels=list("abcdef"))
    # the same layer, step by step from the weights, by the formula
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    h, c = np.zeros(H), np.zeros(H)
    by_hand = {k: [] for k in "ifgoch"}
    for t in range(T):
        pre = params["W_ih"] @ x[t] + params["b_ih"] + params["W_hh"] @ h + params["b_hh"]
        z_i, z_f, z, z_o = np.split(pre, 4)  # PyTorch's order: i, f, g, o
        c = np.tanh(z) * sig(z_i) + c * sig(z_f)
        h = np.tanh(c) * sig(z_o)
        for k, v in zip("ifgoch", (sig(z_i), sig(z_f), np.tanh(z), sig(z_o), c, h)):
            by_hand[k].append(v)
    for k, rows in by_hand.items():
        np.testing.assert_allclose(ex.state[k], np.array(rows), atol=1e-12, err_msg=k)
    for unit in (0, 2):  # the first unit, then another picked on the slider
        if unit:
            ex.unit.value = unit
        assert ex.state["unit"] == unit
        for k, rows in by_hand.items():
            np.testing.assert_allclose(ex.state["unit_trace"][k], np.array(rows)[:, unit], atol=1e-12,
                                       err_msg=k)
    assert ex.image.value


def test_network_explorer_picks_a_sequence():
    params = init_params(3, 5, seed=1)
    x = np.random.default_rng(1).normal(size=(7, 2, 3))
    ex = network_explorer(params, x)
    hs, _, _ = forward(x, params)
    ex.sequence.value = 1
    np.testing.assert_allclose(ex.state["h"], hs[:, 1, :], atol=1e-12)
    assert ex.unit.max == 4


def test_network_explorer_refuses_bad_input():
    params = init_params(3, 5, seed=1)
    with pytest.raises(ValueError, match=r"\(T, D\)"):
        network_explorer(params, np.zeros(3))
    with pytest.raises(ValueError, match="labels"):
        network_explorer(params, np.zeros((4, 3)), labels=list("abc"))
    with pytest.raises(ValueError, match="W_ih"):
        network_explorer(params, np.zeros((4, 2)))

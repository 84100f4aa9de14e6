"""The guards every checker applies (inputs unchanged, output type and dtype, updates
in place) and the generic diagnosis, on a small made-up checker: each wrong
function here must be rejected with a hint naming what it did."""
import numpy as np
import pytest

from lstm_course.checks import guards
from lstm_course.checks.core import Case, Variant, diagnose, explain, tolerance
from lstm_course.checks.diagnosis import describe, describe_specific


def _scale_rows(x, w):
    """The reference: each row of x (B, 4H) times w, a new array of x's dtype."""
    return x * w


def _cases():
    rng = np.random.default_rng(0)
    return [Case("random (3, 8)", (rng.normal(size=(3, 8)), 2.0)),
            Case("float32", (rng.normal(size=(2, 8)).astype(np.float32), np.float32(3.0))),
            Case("a batch of one", (rng.normal(size=(1, 8)), 0.5), note="a batch of one: keep the batch axis.")]


def _check(fn, variants=(), layout=None):
    return diagnose("check_scale", fn, _scale_rows, _cases(), list(variants), ("y",),
                    summary="ok", layout=layout or {"y": (None, "G")})


def test_the_reference_passes(capsys):
    assert _check(_scale_rows)
    assert capsys.readouterr().out.startswith("✅")


@pytest.mark.parametrize("fn, phrase", [
    (lambda x, w: x.__imul__(w), "changed its input `x` in place"),
    (lambda x, w: np.multiply(x, w, out=x), "changed its input `x` in place"),
    (lambda x, w: (x * w).tolist(), "is a Python list"),
    (lambda x, w: (x * w).astype(np.float64), "the inputs are float32"),
    (lambda x, w: (x * w).astype(np.float32), "the inputs are float64"),
    (lambda x, w: np.asarray(x * w, dtype=int), "holds integers"),
    (lambda x, w: -x * w, "sign flipped"),
    (lambda x, w: 2 * x * w, "twice"),
    (lambda x, w: 3.7 * x * w, "3.7 times the expected value"),
    (lambda x, w: x * w + 0.25, "off by the same constant"),
    (lambda x, w: np.zeros_like(x), "all zeros"),
    (lambda x, w: (x * w).T, "transposed"),
    (lambda x, w: (x * w)[0] if len(x) == 1 else x * w, "a batch of one: keep the batch axis"),
    (lambda x, w: np.concatenate([x[:, 2:4], x[:, :2], x[:, 4:]], axis=1) * w, "in the order f, i, g, o"),
    (lambda x, w: np.concatenate([x[:, :6], -x[:, 6:]], axis=1) * w, "o (output gate) block differs"),
    (lambda x, w: np.full_like(x, np.nan), "nan or inf"),
])
def test_a_wrong_function_is_named(fn, phrase, capsys):
    result = _check(fn)
    out = capsys.readouterr().out
    assert not result and result.status == "failed", out
    assert phrase in result.hint, out
    assert "differs from the reference by up to" not in result.hint


def test_a_known_variant_comes_before_the_generic_diagnosis(capsys):
    variant = Variant("you doubled it on purpose?", lambda x, w: 2 * x * w)
    result = _check(lambda x, w: 2 * x * w, variants=[variant])
    assert result.hint == "you doubled it on purpose?"


def test_mutable_arguments_may_change(capsys):
    def scale_in_place(x, w):
        x *= w
        return x.copy()
    result = diagnose("check_scale", scale_in_place, _scale_rows, _cases(), [], ("y",), summary="ok",
                      mutable=("x",))
    assert result, capsys.readouterr().out


def test_dict_entries_rebound_or_written_are_named():
    before = {"W": np.ones(3), "b": np.zeros(2)}
    after = guards.snapshot(before)
    assert guards.changed(before, after, "params") == []
    after["W"] = after["W"] * 2
    after["extra"] = 1
    paths = guards.changed(before, after, "params")
    assert paths == ["params['extra']", "params['W']"]
    assert "params['extra']" in guards.input_changed_hint(paths)


def test_nan_inputs_left_alone_count_as_unchanged():
    x = np.array([np.nan, 1.0])
    assert guards.changed(x, x.copy(), "x") == []
    assert guards.changed(x, np.array([np.nan, 2.0]), "x") == ["x"]
    assert guards.changed([x], [x.copy(), x], "xs") == ["xs"]


def test_kept_in_place_sees_a_rebound_entry():
    params = {"W": np.ones(3), "b": np.zeros(2)}
    originals = dict(params)
    params["W"] -= 0.1                       # in place: the caller's array changed
    assert guards.kept_in_place(originals, params) is None
    params["b"] = params["b"] - 0.1          # rebound: the caller's array did not
    hint = guards.kept_in_place(originals, params)
    assert "rebound params['b']" in hint


@pytest.mark.parametrize("got, expected, phrase", [
    ([1.0, 2.0], np.zeros(2), "Python list"),
    (np.zeros(2), np.zeros(2), None),
    (1.5, np.float64(1.0), None),
    (np.float32(1.0), np.float64(1.0), "float32"),
    (np.zeros(2, dtype=int), np.zeros(2), "integers"),
    ("text", np.zeros(2), "you returned a str"),
])
def test_type_and_dtype_hints(got, expected, phrase):
    hint = guards.type_hint("y", got, expected) or guards.dtype_hint("y", got, expected)
    if phrase is None:
        assert hint is None
    else:
        assert phrase in hint


def test_tensor_inputs_changed_in_place_are_seen():
    torch = pytest.importorskip("torch")
    t = torch.ones(3)
    before = guards.snapshot(t)
    assert guards.changed(before, t, "c_prev") == []
    t.mul_(2)
    assert guards.changed(before, t, "c_prev") == ["c_prev"]
    assert ".mul_(" in guards.input_changed_hint(["c_prev"], tensors=True)
    assert "tensor" in guards.type_hint("h", np.zeros(2), torch.zeros(2))


@pytest.mark.parametrize("got, tags, phrase", [
    (lambda e: np.concatenate([e[:1] * 0, e[:-1]]), ("T", None), "one step late"),
    (lambda e: np.concatenate([e[1:], e[-1:]]), ("T", None), "one step early"),
    (lambda e: e[::-1], ("T", None), "reversed in time"),
    (lambda e: np.concatenate([e[:2], e[2:] + 1.0]), ("T", None), "right for steps 0 to 1"),
    (lambda e: np.concatenate([e, e[:1]]), ("T", None), "one time step too many"),
    (lambda e: e[:-1], ("T", None), "one time step missing"),
    (lambda e: e[:, 0], ("T", None), "axis of length 1 is missing"),
    (lambda e: np.transpose(e[:, :, None], (1, 0, 2)), ("T", None, None), "axes in another order"),
])
def test_describe_names_time_and_shape_patterns(got, tags, phrase):
    e = np.random.default_rng(1).normal(size=(5, 1)) if phrase == "axis of length 1 is missing" \
        else np.random.default_rng(1).normal(size=(5, 3))
    if phrase == "axes in another order":
        e = e[:, :, None]
    g = got(e) if phrase != "axes in another order" else np.transpose(e, (1, 0, 2))
    text = describe("hs", g, e, tags)
    assert phrase in text, text


def test_describe_is_none_when_equal_and_locates_otherwise():
    e = np.arange(6.0).reshape(2, 3)
    assert describe("y", e.copy(), e) is None
    g = e.copy()
    g[1, 2] += 0.3
    text, specific = describe_specific("y", g, e)
    assert not specific and "index (1, 2)" in text and "1 of 6 values" in text


def test_explain_says_which_outputs_are_right():
    e = (np.ones(3), np.arange(3.0))
    text = explain((np.ones(3), -np.arange(3.0)), e, ("c_new", "a"))
    assert text.startswith("a has the sign flipped") and "(c_new is right)" in text


def test_float32_cases_get_a_looser_tolerance():
    x32 = Case("f32", (np.zeros(2, dtype=np.float32),))
    x64 = Case("f64", (np.zeros(2),))
    assert tolerance(x32) == (1e-4, 1e-6)
    assert tolerance(x64) == (1e-6, 1e-9)
    assert tolerance(Case("own", (np.zeros(2),), rtol=1e-3)) == (1e-3, 1e-9)


def test_a_pattern_one_case_shows_by_chance_is_not_claimed(capsys):
    def sometimes_twice(x, w):   # twice on the first case, something else on the others
        return 2 * x * w if x.shape == (3, 8) else x * w + np.arange(x.size).reshape(x.shape)
    result = _check(sometimes_twice)
    assert not result and "twice" not in result.hint, result.hint
    always_twice = _check(lambda x, w: 2 * x * w)
    assert "twice" in always_twice.hint


def test_broadcast_errors_name_the_shapes_and_a_lost_axis():
    from lstm_course.checks.calling import broadcast_hint

    said = "ValueError: operands could not be broadcast together with shapes (2,3) (2,) "
    assert "keepdims=True (shape (2, 1))" in broadcast_hint(said)
    assert "transpose" in broadcast_hint("operands could not be broadcast together with shapes (2,3) (3,2) ")
    assert "(4, 5) and (7,)" in broadcast_hint("could not be broadcast together with shapes (4,5) (7,) ")
    assert broadcast_hint("some other error") == ""


def test_integer_division_is_named():
    e = np.array([0.3, 1.5, 2.9])
    assert "integer division" in describe("y", np.floor(e), e)
    assert "integer division" in describe("y", np.zeros(3), np.array([0.3, 0.5, 0.9]))
    assert "integer division" not in describe("y", np.zeros(3), np.array([1.0, 2.0, 3.0]))

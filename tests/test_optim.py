"""optim: Adam and SGD with momentum match torch.optim step for step; clipping as torch."""
import numpy as np
import pytest
import torch

from lstm_course import optim


def _problem(seed=0):
    rng = np.random.default_rng(seed)
    params = {"W": rng.normal(size=(4, 3)), "b": rng.normal(size=(4,))}
    grad_seq = [{k: rng.normal(size=v.shape) * (1 + 10 * (i % 3)) for k, v in params.items()}
                for i in range(12)]
    return params, grad_seq


def _torch_run(params, grad_seq, make_opt):
    tp = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    opt = make_opt(list(tp.values()))
    for grads in grad_seq:
        for k, p in tp.items():
            p.grad = torch.tensor(grads[k])
        opt.step()
    return {k: p.detach().numpy() for k, p in tp.items()}


@pytest.mark.parametrize("lr,betas,eps", [(1e-2, (0.9, 0.999), 1e-8), (0.3, (0.5, 0.9), 1e-3)])
def test_adam_matches_torch(lr, betas, eps):
    params, grad_seq = _problem()
    expected = _torch_run(params, grad_seq, lambda ps: torch.optim.Adam(ps, lr=lr, betas=betas, eps=eps))
    state = optim.adam_init(params)
    for grads in grad_seq:
        optim.adam_step(params, grads, state, lr=lr, betas=betas, eps=eps)
    assert state["t"] == len(grad_seq)
    for k in params:
        np.testing.assert_allclose(params[k], expected[k], rtol=1e-12, atol=1e-13)


def test_adam_first_step_moves_each_weight_by_lr():
    params, grad_seq = _problem()
    before = {k: v.copy() for k, v in params.items()}
    optim.adam_step(params, grad_seq[0], optim.adam_init(params), lr=0.01, eps=0)
    for k in params:  # m_hat / sqrt(v_hat) = sign(g) on the first step
        np.testing.assert_allclose(before[k] - params[k], 0.01 * np.sign(grad_seq[0][k]), rtol=1e-12)


def test_sgd_momentum_matches_torch():
    params, grad_seq = _problem(1)
    expected = _torch_run(params, grad_seq, lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8))
    state = optim.sgd_momentum_init(params)
    for grads in grad_seq:
        optim.sgd_momentum_step(params, grads, state, lr=0.05, momentum=0.8)
    for k in params:
        np.testing.assert_allclose(params[k], expected[k], rtol=1e-12, atol=1e-13)


def test_clip_grad_norm_matches_torch():
    _, grad_seq = _problem(2)
    grads = {k: v.copy() for k, v in grad_seq[1].items()}
    tgrads = [torch.tensor(v) for v in grads.values()]
    tps = [torch.zeros_like(g, requires_grad=True) for g in tgrads]
    for p, g in zip(tps, tgrads):
        p.grad = g.clone()
    t_total = torch.nn.utils.clip_grad_norm_(tps, 1.5)
    total = optim.clip_grad_norm(grads, 1.5)
    assert total == pytest.approx(float(t_total), rel=1e-12)
    assert optim.global_norm(grads) == pytest.approx(1.5, rel=1e-5)
    for g, p in zip(grads.values(), tps):
        np.testing.assert_allclose(g, p.grad.numpy(), rtol=1e-12)


def test_clip_leaves_small_gradients_alone():
    grads = {"a": np.array([0.3, 0.4])}
    assert optim.clip_grad_norm(grads, 1.0) == pytest.approx(0.5)
    np.testing.assert_array_equal(grads["a"], [0.3, 0.4])


def test_bad_inputs_raise_value_error():
    params, grad_seq = _problem()
    state = optim.adam_init(params)
    with pytest.raises(ValueError, match="keys"):
        optim.adam_step(params, {"W": grad_seq[0]["W"]}, state)
    with pytest.raises(ValueError, match=r"\(4, 3\).*\(3, 4\)"):
        optim.adam_step(params, {"W": np.zeros((3, 4)), "b": np.zeros(4)}, state)
    with pytest.raises(ValueError, match="lr"):
        optim.adam_step(params, grad_seq[0], state, lr=-1)
    with pytest.raises(ValueError, match="max_norm"):
        optim.clip_grad_norm(grad_seq[0], 0)
    with pytest.raises(ValueError, match="momentum"):
        optim.sgd_momentum_step(params, grad_seq[0], optim.sgd_momentum_init(params), momentum=1.5)
    with pytest.raises(ValueError, match="adam_init"):
        optim.adam_step(params, grad_seq[0], {})


# --- every input check, one by one: each test below fails when its check is deleted ------

def _tiny():
    params = {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.1, -0.1])}
    grads = {"W": np.array([[0.2, -0.4], [1.0, 0.0]]), "b": np.array([-3.0, 0.5])}
    return params, grads


def _adam(params, grads, **kw):
    optim.adam_step(params, grads, optim.adam_init(params), **kw)


def _sgd(params, grads, **kw):
    optim.sgd_momentum_step(params, grads, optim.sgd_momentum_init(params), **kw)


@pytest.mark.parametrize("betas", [(1.0, 0.999), (0.9, 1.0), (-0.1, 0.999), (0.9, -1e-3), (1.5, 2.0)])
def test_adam_betas_outside_0_1_raise(betas):
    params, grads = _tiny()
    with pytest.raises(ValueError, match=r"betas must both be in \[0, 1\)"):
        _adam(params, grads, betas=betas)


def test_adam_betas_of_zero_are_allowed_and_give_sign_steps():
    params, grads = _tiny()
    before = {k: v.copy() for k, v in params.items()}
    _adam(params, grads, lr=0.1, betas=(0.0, 0.0), eps=1e-3)
    for k in params:  # m = g, v = g^2, no bias correction: p -= lr g / (|g| + eps)
        np.testing.assert_allclose(before[k] - params[k], 0.1 * grads[k] / (np.abs(grads[k]) + 1e-3),
                                   rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("eps", [-1e-12, float("nan"), float("inf")])
def test_adam_eps_must_be_a_non_negative_number(eps):
    params, grads = _tiny()
    with pytest.raises(ValueError, match="eps must be a non-negative number"):
        _adam(params, grads, eps=eps)


@pytest.mark.parametrize("step", [_adam, _sgd])
@pytest.mark.parametrize("lr", [0.0, -0.01, float("nan"), float("inf")])
def test_lr_must_be_a_positive_number(step, lr):
    params, grads = _tiny()
    before = {k: v.copy() for k, v in params.items()}
    with pytest.raises(ValueError, match="lr must be a positive number"):
        step(params, grads, lr=lr)
    for k in params:  # refused before anything moved
        np.testing.assert_array_equal(params[k], before[k])


@pytest.mark.parametrize("momentum", [1.0, -0.1, 2.0, float("nan")])
def test_momentum_outside_0_1_raises(momentum):
    params, grads = _tiny()
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        _sgd(params, grads, momentum=momentum)


def test_momentum_zero_is_plain_sgd():
    params, grads = _tiny()
    before = {k: v.copy() for k, v in params.items()}
    _sgd(params, grads, lr=0.5, momentum=0.0)
    for k in params:
        np.testing.assert_allclose(params[k], before[k] - 0.5 * grads[k], rtol=1e-15)


@pytest.mark.parametrize("step", [_adam, _sgd])
@pytest.mark.parametrize("which", ["params", "grads"])
@pytest.mark.parametrize("bad", [{}, [np.zeros(2)], ["W", "b"], None])
def test_params_and_grads_must_be_non_empty_dicts(step, which, bad):
    params, grads = _tiny()
    state = (optim.adam_init if step is _adam else optim.sgd_momentum_init)(params)  # a good state
    args = {"params": params, "grads": grads, which: bad}
    with pytest.raises(ValueError, match=f"{which} must be a non-empty dict of arrays"):
        (optim.adam_step if step is _adam else optim.sgd_momentum_step)(args["params"], args["grads"], state)


@pytest.mark.parametrize("step, init", [(optim.adam_step, optim.adam_init),
                                        (optim.sgd_momentum_step, optim.sgd_momentum_init)])
def test_state_must_come_from_its_init(step, init):
    params, grads = _tiny()
    name = init.__name__
    for bad in ([], None, "state", {"t": 0}, init({"W": params["W"]})):
        with pytest.raises(ValueError, match=f"state must come from {name}"):
            step(params, grads, bad)


def test_adam_init_and_clip_need_non_empty_dicts():
    for bad in ({}, [np.zeros(2)], None):
        with pytest.raises(ValueError, match="params must be a non-empty dict"):
            optim.adam_init(bad)
        with pytest.raises(ValueError, match="grads must be a non-empty dict"):
            optim.clip_grad_norm(bad, 1.0)


@pytest.mark.parametrize("max_norm", [-1.0, float("nan"), float("inf")])
def test_clip_max_norm_must_be_a_positive_number(max_norm):
    with pytest.raises(ValueError, match="max_norm must be a positive number"):
        optim.clip_grad_norm({"a": np.ones(2)}, max_norm)


def test_params_must_be_numpy_arrays_to_be_updated_in_place():
    with pytest.raises(ValueError, match=r"params\['W'\] must be a numpy array .* got list"):
        _sgd({"W": [[1.0, 2.0]]}, {"W": np.ones((1, 2))})


@pytest.mark.parametrize("step", [_adam, _sgd])
def test_gradients_given_as_lists_of_lists_are_accepted(step):
    params, grads = _tiny()
    expected = {k: v.copy() for k, v in params.items()}
    step(expected, grads, lr=0.1)
    step(params, {k: v.tolist() for k, v in grads.items()}, lr=0.1)
    for k in params:
        np.testing.assert_array_equal(params[k], expected[k])


@pytest.mark.parametrize("bad", ["0.5", np.array([[None, 1.0], [2.0, 3.0]], dtype=object), [[1.0], [2.0, 3.0]]])
def test_gradients_that_are_not_numbers_are_refused(bad):
    params, grads = _tiny()
    grads["W"] = bad
    with pytest.raises(ValueError, match=r"grads\['W'\] must be a numeric array"):
        _sgd(params, grads)


@pytest.mark.parametrize("step, init, explicit", [
    (optim.adam_step, optim.adam_init, {"lr": 1e-2, "betas": (0.9, 0.999), "eps": 1e-8}),
    (optim.sgd_momentum_step, optim.sgd_momentum_init, {"lr": 0.1, "momentum": 0.9})])
def test_default_hyperparameters_are_the_documented_ones(step, init, explicit):
    (a, grads), (b, _) = _tiny(), _tiny()
    state_a, state_b = init(a), init(b)
    for _ in range(3):
        step(a, grads, state_a)
        step(b, grads, state_b, **explicit)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def test_clip_applies_no_factor_when_the_norm_is_exactly_at_the_threshold():
    # factor = max_norm / (norm + 1e-6) == 1 exactly: "applied only when it is below 1", so the
    # gradients are not even multiplied by 1.0 (integer gradients stay untouched, no casting error)
    grads = {"a": np.array([3, 4])}
    assert optim.clip_grad_norm(grads, 5.0 + 1e-6) == 5.0
    assert grads["a"].dtype.kind == "i"
    np.testing.assert_array_equal(grads["a"], [3, 4])

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

"""The from-scratch torch LSTM equals torch.nn.LSTM and the numpy LSTM, forward and backward."""
import numpy as np
import pytest
import torch

from lstm_course import lstm, torch_scratch
from lstm_course.params import init_params
from lstm_course.torch_compare import to_torch

T, B, D, H = 6, 3, 4, 5
TOL = 1e-10


@pytest.fixture
def case():
    rng = np.random.default_rng(1)
    params = init_params(D, H, seed=2)
    x = rng.normal(size=(T, B, D))
    h0, c0 = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    dhs = rng.normal(size=(T, B, H))           # the loss is sum(hs * dhs) + sum(h_T * dh_T) + ...
    dh_T, dc_T = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    return params, x, h0, c0, dhs, dh_T, dc_T


def _scratch(params, x, h0, c0, dhs, dh_T, dc_T, device="cpu"):
    p = torch_scratch.params_to_torch(params, device=device, requires_grad=True)
    xt, h0t, c0t = (torch.tensor(a, device=device, requires_grad=True) for a in (x, h0, c0))
    hs, (h_T, c_T) = torch_scratch.forward(xt, p, h0t, c0t)
    loss = (hs * torch.tensor(dhs, device=device)).sum() + (h_T * torch.tensor(dh_T, device=device)).sum() \
        + (c_T * torch.tensor(dc_T, device=device)).sum()
    loss.backward()
    grads = {k: v.grad.cpu().numpy() for k, v in p.items()}
    return (hs.detach().cpu().numpy(), h_T.detach().cpu().numpy(), c_T.detach().cpu().numpy(),
            xt.grad.cpu().numpy(), grads, h0t.grad.cpu().numpy(), c0t.grad.cpu().numpy())


def test_equals_numpy_forward_and_backward(case):
    params, x, h0, c0, dhs, dh_T, dc_T = case
    hs, h_T, c_T, dx, grads, dh0, dc0 = _scratch(*case)
    hs_np, (h_T_np, c_T_np), cache = lstm.forward(x, params, h0, c0)
    dx_np, dparams_np, dh0_np, dc0_np = lstm.backward(dhs, cache, dh_T, dc_T)
    for got, want in ((hs, hs_np), (h_T, h_T_np), (c_T, c_T_np), (dx, dx_np), (dh0, dh0_np), (dc0, dc0_np)):
        assert got.dtype == np.float64
        assert np.max(np.abs(got - want)) < TOL
    for k in params:
        assert np.max(np.abs(grads[k] - dparams_np[k])) < TOL, k


def test_equals_torch_nn_lstm_forward_and_backward(case):
    params, x, h0, c0, dhs, dh_T, dc_T = case
    hs, h_T, c_T, dx, grads, dh0, dc0 = _scratch(*case)
    module = to_torch(params)
    xt, h0t, c0t = (torch.tensor(a, requires_grad=True) for a in (x, h0, c0))
    out, (hn, cn) = module(xt, (h0t[None], c0t[None]))
    loss = (out * torch.tensor(dhs)).sum() + (hn[0] * torch.tensor(dh_T)).sum() + (cn[0] * torch.tensor(dc_T)).sum()
    loss.backward()
    names = {"W_ih": "weight_ih_l0", "W_hh": "weight_hh_l0", "b_ih": "bias_ih_l0", "b_hh": "bias_hh_l0"}
    assert np.max(np.abs(hs - out.detach().numpy())) < TOL
    assert np.max(np.abs(c_T - cn[0].detach().numpy())) < TOL
    assert np.max(np.abs(dx - xt.grad.numpy())) < TOL
    assert np.max(np.abs(dh0 - h0t.grad.numpy())) < TOL
    for k, name in names.items():
        assert np.max(np.abs(grads[k] - getattr(module, name).grad.numpy())) < TOL, k


def test_module_loads_torch_state_dict_and_matches():
    torch.manual_seed(0)
    ref = torch.nn.LSTM(D, H).double()
    mine = torch_scratch.ScratchLSTM(D, H).double()
    mine.load_state_dict(ref.state_dict())
    x = torch.randn(T, B, D, dtype=torch.float64)
    out_ref, (hn, cn) = ref(x)
    out, (h_T, c_T) = mine(x)
    assert (out - out_ref).abs().max().item() < TOL
    assert (h_T - hn[0]).abs().max().item() < TOL and (c_T - cn[0]).abs().max().item() < TOL


def test_float32_stays_float32_and_zero_state_default():
    params = init_params(D, H, seed=0, dtype=np.float32)
    p = torch_scratch.params_to_torch(params)
    x = torch.randn(T, B, D)
    hs, (h_T, c_T) = torch_scratch.forward(x, p)
    assert hs.dtype == torch.float32 and hs.shape == (T, B, H) and h_T.shape == (B, H)
    hs_np, _, _ = lstm.forward(x.numpy(), params)
    assert np.max(np.abs(hs.numpy() - hs_np)) < 1e-5


def test_changing_a_gate_block_changes_the_output():
    """A guard against a test that passes whatever forward computes: the output depends on every block."""
    params = init_params(D, H, seed=3)
    x = torch.randn(T, B, D, dtype=torch.float64)
    base = torch_scratch.forward(x, torch_scratch.params_to_torch(params))[0]
    for k in range(4):
        changed = {key: v.copy() for key, v in params.items()}
        changed["b_ih"][k * H:(k + 1) * H] += 0.5
        out = torch_scratch.forward(x, torch_scratch.params_to_torch(changed))[0]
        assert (out - base).abs().max().item() > 1e-3


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_equals_numpy_on_cuda(case):
    params, x, h0, c0, dhs, dh_T, dc_T = case
    hs, *_rest = _scratch(*case, device="cuda")
    grads = _rest[3]
    hs_np, _, cache = lstm.forward(x, params, h0, c0)
    _, dparams_np, _, _ = lstm.backward(dhs, cache, dh_T, dc_T)
    assert np.max(np.abs(hs - hs_np)) < TOL
    assert max(np.max(np.abs(grads[k] - dparams_np[k])) for k in params) < TOL


def test_bad_input_names_expected_and_actual_shape():
    p = torch_scratch.params_to_torch(init_params(D, H))
    with pytest.raises(ValueError, match=r"3 dimensions \(T, B, D\)"):
        torch_scratch.forward(torch.zeros(B, D, dtype=torch.float64), p)
    with pytest.raises(ValueError, match=r"W_ih.*\(20, 7\).*got \(20, 4\)"):
        torch_scratch.forward(torch.zeros(T, B, 7, dtype=torch.float64), p)
    with pytest.raises(ValueError, match=r"h0 must have shape \(B, H\) = \(3, 5\), got \(3, 4\)"):
        torch_scratch.forward(torch.zeros(T, B, D, dtype=torch.float64), p, h0=torch.zeros(B, 4))
    with pytest.raises(ValueError, match="torch.Tensor"):
        torch_scratch.forward(np.zeros((T, B, D)), p)
    with pytest.raises(ValueError, match="hidden_size must be a positive integer"):
        torch_scratch.ScratchLSTM(3, 0)
    with pytest.raises(ValueError, match=r"W_hh"):
        torch_scratch.params_to_torch({**init_params(D, H), "W_hh": np.zeros((3, 3))})


def test_count_torch_calls_sees_the_loop_and_the_fused_call():
    p = torch_scratch.params_to_torch(init_params(D, H))
    x = torch.zeros(T, B, D, dtype=torch.float64)
    scratch = torch_scratch.count_torch_calls(lambda: torch_scratch.forward(x, p))
    assert scratch["sigmoid"] == 3 * T and scratch["tanh"] == 2 * T and scratch["mul"] == 3 * T
    assert scratch["matmul"] == T + 1          # one per step, plus the input projection for all steps
    fused = torch_scratch.count_torch_calls(lambda: to_torch(init_params(D, H))(x))
    assert fused["lstm"] == 1 and fused["sigmoid"] == 0

"""Weights move between numpy and torch.nn.LSTM unchanged, dtype kept."""
import numpy as np
import torch

from lstm_course import lstm
from lstm_course.params import count_params
from lstm_course.torch_compare import from_torch, to_torch


def test_round_trip_keeps_values_and_dtype():
    for dtype, tdtype in ((np.float64, torch.float64), (np.float32, torch.float32)):
        p = lstm.init_params(3, 5, seed=4, dtype=dtype)
        m = to_torch(p)
        assert isinstance(m, torch.nn.LSTM) and m.num_layers == 1
        assert m.weight_ih_l0.dtype == tdtype
        back = from_torch(m)
        assert all(back[k].dtype == dtype and np.array_equal(back[k], p[k]) for k in p)


def test_copies_not_views():
    p = lstm.init_params(2, 2)
    m = to_torch(p)
    p["W_ih"][0, 0] += 1
    assert m.weight_ih_l0[0, 0].item() != p["W_ih"][0, 0]
    back = from_torch(m)
    back["W_hh"][0, 0] += 1
    assert m.weight_hh_l0[0, 0].item() != back["W_hh"][0, 0]


def test_bias_false_gives_zero_biases():
    back = from_torch(torch.nn.LSTM(3, 2, bias=False))
    assert np.array_equal(back["b_ih"], np.zeros(8)) and np.array_equal(back["b_hh"], np.zeros(8))


def test_parameter_count_equals_torch():
    m = torch.nn.LSTM(7, 5)
    assert count_params(from_torch(m)) == sum(p.numel() for p in m.parameters()) == 4 * (5 * 7 + 5 * 5 + 2 * 5)

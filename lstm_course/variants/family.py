"""The LSTM and its variants, after Greff et al., "LSTM: A Search Space Odyssey" (2017).

Letters: T time steps, B batch, D input size, H hidden size, G the number of weight
blocks. Every variant is the course's LSTM with one part removed or changed, so one
class, ``LSTMFamilyCell``, does them all from a few switches (as Greff et al. did).
The blocks present keep PyTorch's order i, f, g, o; a removed gate is the constant 1:

    [z_i; z_f; z; z_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh        (B, G*H)
    c' = g(z) f(z_i) + c f(z_f),      a = h(c') f(z_o)                   (the lecture's)

    vanilla   the course's LSTM (``lstm.py``), blocks i, f, g, o
    peephole  the gates also see the memory (Gers & Schmidhuber 2000): f(z_i + p_i c),
              f(z_f + p_f c), f(z_o + p_o c'); three more vectors p_i, p_f, p_o of H
    nig       no input gate, f(z_i) = 1                          blocks f, g, o
    nfg       no forget gate, f(z_f) = 1 (the 1997 LSTM)         blocks i, g, o
    nog       no output gate, f(z_o) = 1: a = h(c')              blocks i, f, g
    niaf      no input activation, g(z) = z
    noaf      no output activation, h(c') = c': a = c' f(z_o)
    cifg      coupled input and forget gate, f(z_i) = 1 - f(z_f)  blocks f, g, o

Parameters: G*H*(D + H + 2), plus 3H for the peepholes. Each cell has the protocol's
attributes and methods (see ``/tmp/sem/PROTOCOL.md`` and ``lstm_course.cells``), and
``step_forward``/``step_backward`` that write one step as the equations read; the
sequence ``forward``/``backward`` do the same with lstm.py's buffers (tests prove both agree).
"""
import numpy as np

from ..activations import sigmoid
from ..params import KEYS, check_params as _check_params, init_params as _init_params
from ..shapes import as_array, check_keys, check_rank, check_shape, float_dtype
from .common import backward_inputs, sigmoid_inplace, state_pair


class LSTMFamilyCell:
    """One member of the LSTM family: which gates and activations it has, and its maths.

    Switches (keyword only): input_gate, forget_gate, output_gate, input_activation
    (g = tanh, else the identity), output_activation (h = tanh, else the identity),
    peephole (p_i, p_f, p_o for the gates present), coupled (the input gate is 1 - f and
    has no weights of its own; needs the forget gate).
    Attributes: name, title, state_names ("h", "c"), gates (the blocks, in row order),
    memory_gate ("f" or None), write_gate ("i" or None), param_keys, removed (the parts
    greyed in the diagram), equations ((text, latex) of c' and a).
    """
    state_names = ("h", "c")

    def __init__(self, name, title, *, input_gate=True, forget_gate=True, output_gate=True,
                 input_activation=True, output_activation=True, peephole=False, coupled=False):
        if coupled and not forget_gate:
            raise ValueError("coupled=True ties the input gate to the forget gate (i = 1 - f); "
                             "it needs forget_gate=True")
        self.name, self.title = name, title
        self.has_i, self.has_f, self.has_o = input_gate and not coupled, forget_gate, output_gate
        self.in_act, self.out_act = input_activation, output_activation       # g = tanh, h = tanh (else z, c')
        self.peephole, self.coupled = peephole, coupled
        self.gates = tuple(k for k, on in zip("ifgo", (self.has_i, self.has_f, True, self.has_o)) if on)
        self.memory_gate = "f" if self.has_f else None
        self.write_gate = "i" if self.has_i else None
        self.peep_keys = tuple(f"p_{k}" for k in self.gates if peephole and k != "g")
        self.param_keys = KEYS + self.peep_keys
        names = ("input gate", "forget gate", "output gate", "input activation", "output activation")
        flags = (input_gate and not coupled, forget_gate, output_gate, input_activation, output_activation)
        self.removed = tuple(n for n, on in zip(names, flags) if not on) + (("peepholes",) if peephole else ())
        self.equations = self._equations()
        self._block = {k: n for n, k in enumerate(self.gates)}             # block index in (B, G, H)
        self._peep_prev = tuple(k for k in self.peep_keys if k != "p_o")   # these see c_{t-1}

    def __repr__(self):
        return f"<LSTMFamilyCell {self.name!r}: {self.title}; blocks {', '.join(self.gates)}>"

    def _equations(self):
        """(text, latex) of c' and a in the lecture's notation."""
        def write(mul, dot, sep):                  # mul: a product, dot: elementwise, sep: between c' and a
            pk = {k: f" + p_{k}{dot}c" + ("'" if k == "o" else "") if self.peephole else "" for k in "ifo"}
            g = "g(z)" if self.in_act else "z"
            f = f"f(z_f{pk['f']})"
            i = f"{mul}f(z_i{pk['i']})" if self.has_i else f"{mul}(1 - {f})" if self.coupled else ""
            a = ("h(c')" if self.out_act else "c'") + (f"{mul}f(z_o{pk['o']})" if self.has_o else "")
            return f"c' = {g}{i} + c{mul + f if self.has_f else ''}{sep}a = {a}"
        return write(" ", " ", "\n"), write(r"\,", r" \odot ", r", \qquad ")

    # ----------------------------------------------------------------------- parameters
    def n_params(self, input_size, hidden_size):
        """G*H*(D + H + 2), plus H for each peephole vector."""
        G, D, H = len(self.gates), input_size, hidden_size
        return G * H * (D + H + 2) + len(self.peep_keys) * H

    def init_params(self, input_size, hidden_size, *, seed=0, dtype=np.float64):
        """W_ih (G*H, D), W_hh (G*H, H), b_ih, b_hh (G*H,), and for peepholes p_i, p_f, p_o (H,).

        Each entry U(-1/sqrt(H), 1/sqrt(H)). The peepholes are drawn after the four
        standard arrays from the same stream, so those equal the vanilla ones for a seed.
        """
        params = _init_params(input_size, hidden_size, seed=seed, dtype=dtype, blocks=len(self.gates))
        if self.peep_keys:
            H, k = hidden_size, 1.0 / np.sqrt(hidden_size)
            rng = np.random.default_rng(seed)
            rng.uniform(-k, k, size=sum(v.size for v in params.values()))   # the draws used above
            for key in self.peep_keys:
                params[key] = rng.uniform(-k, k, size=H).astype(dtype)
        return params

    def check_params(self, params, input_size):
        """Check the keys and shapes of ``params``; return H. ValueError names expected and actual shapes."""
        check_keys("params", params, self.param_keys)
        H = _check_params({k: params[k] for k in KEYS}, input_size, blocks=len(self.gates))
        for key in self.peep_keys:
            check_shape(f"params['{key}']", as_array(f"params['{key}']", params[key]), (H,), ("H",))
        return H

    # ----------------------------------------------------------------------- one step
    def step_forward(self, x_t, state, params):
        """One step as the equations read. x_t (B, D); state (h_prev, c_prev), each (B, H).

        Returns (h, c, cache): h, c (B, H); cache for ``step_backward``.
        """
        x_t = as_array("x_t", x_t)
        check_rank("x_t", x_t, "BD")
        H = self.check_params(params, x_t.shape[1])
        B = x_t.shape[0]
        h_prev, c_prev = state_pair("state", state, B, H, x_t.dtype, ("h_prev", "c_prev"))
        pre = x_t @ params["W_ih"].T + params["b_ih"] + h_prev @ params["W_hh"].T + params["b_hh"]
        z = {k: pre[:, n * H:(n + 1) * H] for n, k in enumerate(self.gates)}    # each (B, H)
        p = {k: params.get(f"p_{k}", 0) for k in "ifo"}                          # 0: no peephole
        one = np.ones_like(c_prev)
        f = sigmoid(z["f"] + p["f"] * c_prev) if self.has_f else one
        i = sigmoid(z["i"] + p["i"] * c_prev) if self.has_i else 1 - f if self.coupled else one
        g = np.tanh(z["g"]) if self.in_act else z["g"]
        c = g * i + c_prev * f                                                    # c' = g(z) f(z_i) + c f(z_f)
        o = sigmoid(z["o"] + p["o"] * c) if self.has_o else one
        s = np.tanh(c) if self.out_act else c
        return s * o, c, (x_t, h_prev, c_prev, i, f, g, o, c, s, params)         # a = h(c') f(z_o)

    def step_backward(self, dh, dc, cache):
        """Backward of ``step_forward``: dh, dc (B, H) -> (dx_t, dh_prev, dc_prev, dparams)."""
        x_t, h_prev, c_prev, i, f, g, o, c, s, params = cache
        p = {k: params.get(f"p_{k}", 0) for k in "ifo"}
        dz = {"o": dh * s * o * (1 - o)}
        dc = dc + dh * o * (1 - s * s if self.out_act else 1) + dz["o"] * p["o"]   # c' reaches h, and o's peephole
        df = dc * c_prev - (dc * g if self.coupled else 0)                           # coupled: f also sets i = 1 - f
        dz.update(i=dc * g * i * (1 - i), f=df * f * (1 - f), g=dc * i * (1 - g * g if self.in_act else 1))
        dc_prev = dc * f + dz["i"] * p["i"] + dz["f"] * p["f"]
        dpre = np.concatenate([dz[k] for k in self.gates], axis=1)                   # (B, G*H)
        dparams = {"W_ih": dpre.T @ x_t, "W_hh": dpre.T @ h_prev, "b_ih": dpre.sum(0), "b_hh": dpre.sum(0)}
        for k in self.peep_keys:
            dparams[k] = (dz[k[2]] * (c if k == "p_o" else c_prev)).sum(0)
        return dpre @ params["W_ih"], dpre @ params["W_hh"], dc_prev, dparams

    # ----------------------------------------------------------------------- a sequence
    def _key(self):
        """What a cache records of its cell, so that backward rejects another cell's cache."""
        return (self.name, self.gates, self.in_act, self.out_act, self.peephole, self.coupled)

    def forward(self, x, params, state0=None):
        """Run the cell over a sequence.

        Inputs: x (T, B, D); params as from ``init_params``; state0 None or (h0, c0), each
        (B, H) or None (zeros).
        Returns (hs, (h_T, c_T), cache): hs (T, B, H) the outputs h_1..h_T; h_T, c_T (B, H)
        copies; cache a dict for ``backward``: "cell", "x", "params" (in the computing dtype),
        "hs" and "cs" (T+1, B, H) with h0, c0 first, "acts" (T, B, G, H) the gate openings
        (block g holds g(z)), "outs" (T, B, H) h(c_t). The dtype is numpy's promotion of the inputs.
        """
        x = as_array("x", x)
        check_rank("x", x, "TBD")
        T, B, D = x.shape
        H = self.check_params(params, D)
        h0, c0 = state_pair("state0", state0, B, H, x.dtype, ("h0", "c0"))
        dtype = float_dtype(x, h0, c0, *params.values())
        p = {k: np.asarray(params[k], dtype=dtype) for k in self.param_keys}
        G, blk = len(self.gates), self._block
        # acts[t] first holds step t+1's pre-activations; the step overwrites them with the openings.
        acts = (x.reshape(T * B, D).astype(dtype, copy=False) @ p["W_ih"].T).reshape(T, B, G, H)
        acts += (p["b_ih"] + p["b_hh"]).reshape(G, H)
        W_hh_T = np.ascontiguousarray(p["W_hh"].T)                   # (H, G*H)
        hs = np.empty((T + 1, B, H), dtype=dtype)                    # hs[0] = h0, hs[t+1] = h_t
        cs = np.empty((T + 1, B, H), dtype=dtype)                    # cs[0] = c0, cs[t+1] = c_t
        outs = np.empty((T, B, H), dtype=dtype) if self.out_act else cs[1:]   # h(c_t)
        hs[0], cs[0] = h0, c0
        rec, tmp, g_keep = np.empty((B, G * H), dtype), np.empty((B, H), dtype), np.empty((B, H), dtype)
        # o's peephole needs c_t, so o's sigmoid waits; the others run over one block at once.
        n_sig = G - 1 if self.peephole and self.has_o else G
        with np.errstate(over="ignore", under="ignore"):
            for t in range(T):
                pre, c_prev, c = acts[t], cs[t], cs[t + 1]          # pre (B, G, H)
                np.matmul(hs[t], W_hh_T, out=rec)
                pre += rec.reshape(B, G, H)
                for k in self._peep_prev:                            # + p_i c, + p_f c
                    np.multiply(c_prev, p[k], out=tmp)
                    pre[:, blk[k[2]]] += tmp
                g = pre[:, blk["g"]]
                if self.in_act:
                    np.tanh(g, out=g_keep)
                else:
                    g_keep[...] = g
                sigmoid_inplace(pre[:, :n_sig])
                g[...] = g_keep
                i = pre[:, blk["i"]] if self.has_i else None
                f = pre[:, blk["f"]] if self.has_f else None
                if self.coupled:                                      # c' = g (1 - f) + c f
                    np.subtract(1, f, out=tmp)
                    np.multiply(g, tmp, out=c)
                elif self.has_i:                                      # c' = g i + ...
                    np.multiply(g, i, out=c)
                else:
                    c[...] = g
                if self.has_f:                                        # ... + c f
                    np.multiply(c_prev, f, out=tmp)
                    c += tmp
                else:
                    c += c_prev
                if self.out_act:
                    np.tanh(c, out=outs[t])
                if self.has_o:
                    o = pre[:, blk["o"]]
                    if self.peephole:
                        np.multiply(c, p["p_o"], out=tmp)
                        o += tmp
                        sigmoid_inplace(o)
                    np.multiply(outs[t], o, out=hs[t + 1])            # a = h(c') f(z_o)
                else:
                    hs[t + 1] = outs[t]
        cache = {"cell": self._key(), "x": x, "params": p, "hs": hs, "cs": cs, "acts": acts, "outs": outs}
        return hs[1:].copy(), (hs[T].copy(), cs[T].copy()), cache

    def backward(self, dhs, cache, dstate_T=None):
        """Backpropagation through time for ``forward``.

        Inputs: dhs (T, B, H) or None (zeros); the cache from this cell's ``forward``;
        dstate_T None or (dh_T, dc_T), each (B, H) or None (zeros).
        Returns (dx, dparams, (dh0, dc0)): dx (T, B, D); dparams with the keys and shapes
        of params; dh0, dc0 (B, H).
        """
        if not isinstance(cache, dict) or cache.get("cell") != self._key():
            got = cache.get("cell") if isinstance(cache, dict) else type(cache).__name__
            got = got[0] if isinstance(got, tuple) else got or "another cell"
            raise ValueError(f"cache must be the third value returned by the {self.name!r} cell's forward, "
                             f"got one from {got!r}")
        x, p, hs, cs, acts, outs = (cache[k] for k in ("x", "params", "hs", "cs", "acts", "outs"))
        T, B, G, H = acts.shape
        D, dtype, blk = x.shape[2], acts.dtype, self._block
        dhs, (dh_next, dc) = backward_inputs(dhs, dstate_T, (T, B, H), dtype, labels=("dh_T", "dc_T"))
        dpres = np.empty((T, B, G, H), dtype=dtype)                 # d(loss)/d(pre-activations)
        dh, tmp = np.empty((B, H), dtype), np.empty((B, H), dtype)
        n_c = G - 1 if self.has_o else G                             # the blocks acting through c
        W_hh = p["W_hh"]
        for t in range(T - 1, -1, -1):
            openings, dpre, s, c_prev = acts[t], dpres[t], outs[t], cs[t]
            op = {k: openings[:, n] for k, n in blk.items()}
            dz = {k: dpre[:, n] for k, n in blk.items()}
            np.add(dhs[t], dh_next, out=dh)                           # from the output and from step t+1
            if self.out_act:                                          # c_t reaches the loss via h_t:
                np.multiply(s, s, out=tmp)                            #   dc += dh * o * h'(c_t)
                np.subtract(1, tmp, out=tmp)
            else:
                tmp[...] = 1
            if self.has_o:
                tmp *= op["o"]
            tmp *= dh
            dc += tmp
            np.subtract(1, openings, out=dpre)                        # sigmoid' = s (1 - s), all blocks ...
            dpre *= openings
            if self.in_act:                                           # ... but tanh' = 1 - g^2 for g
                np.multiply(op["g"], op["g"], out=dz["g"])
                np.subtract(1, dz["g"], out=dz["g"])
            else:
                dz["g"][...] = 1
            if self.has_o:
                dz["o"] *= s
                dz["o"] *= dh
                if self.peephole:                                     # o = sigmoid(z_o + p_o c_t)
                    np.multiply(dz["o"], p["p_o"], out=tmp)
                    dc += tmp
            if self.has_i:                                            # times what each opening multiplied
                dz["i"] *= op["g"]
                dz["g"] *= op["i"]
            if self.coupled:                                          # i = 1 - f: f sees c_{t-1} - g
                np.subtract(c_prev, op["g"], out=tmp)
                dz["f"] *= tmp
                np.subtract(1, op["f"], out=tmp)
                dz["g"] *= tmp
            elif self.has_f:
                dz["f"] *= c_prev
            dpre[:, :n_c] *= dc[:, None, :]
            if self.has_f:                                            # the additive path: dc_{t-1} = dc_t f_t
                dc *= op["f"]
            for k in self._peep_prev:                                 # i, f = sigmoid(z + p c_{t-1})
                np.multiply(dz[k[2]], p[k], out=tmp)
                dc += tmp
            np.matmul(dpre.reshape(B, G * H), W_hh, out=dh_next)      # dh_{t-1} from the recurrent input

        flat = dpres.reshape(T * B, G * H)
        db = flat.sum(axis=0)
        dparams = {"W_ih": flat.T @ x.reshape(T * B, D).astype(dtype, copy=False),
                   "W_hh": flat.T @ hs[:-1].reshape(T * B, H), "b_ih": db, "b_hh": db.copy()}
        for k in self.peep_keys:                                      # p_i, p_f see c_{t-1}; p_o sees c_t
            dparams[k] = np.einsum("tbh,tbh->h", dpres[:, :, blk[k[2]]], cs[1:] if k == "p_o" else cs[:-1])
        dx = (flat @ p["W_ih"]).reshape(T, B, D)
        return dx, dparams, (dh_next, dc)


VANILLA = LSTMFamilyCell("vanilla", "vanilla LSTM (the course's LSTM)")
PEEPHOLE = LSTMFamilyCell("peephole", "peephole LSTM (Gers & Schmidhuber 2000)", peephole=True)
NIG = LSTMFamilyCell("nig", "no input gate (NIG)", input_gate=False)
NFG = LSTMFamilyCell("nfg", "no forget gate (NFG, the 1997 LSTM)", forget_gate=False)
NOG = LSTMFamilyCell("nog", "no output gate (NOG)", output_gate=False)
NIAF = LSTMFamilyCell("niaf", "no input activation (NIAF)", input_activation=False)
NOAF = LSTMFamilyCell("noaf", "no output activation (NOAF)", output_activation=False)
CIFG = LSTMFamilyCell("cifg", "coupled input and forget gate (CIFG)", coupled=True)
FAMILY = {cell.name: cell for cell in (VANILLA, PEEPHOLE, NIG, NFG, NOG, NIAF, NOAF, CIFG)}

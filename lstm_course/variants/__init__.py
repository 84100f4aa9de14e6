"""Variants of the memory cell, each from scratch in numpy with a hand-written backward (lesson 9).

Every cell follows the cell protocol (name, title, state_names, gates, memory_gate,
write_gate, init_params, forward, backward); ``lstm_course.cells`` lists them all.

- ``family`` -- the LSTM and its ablations after Greff et al. (2017), one configurable
  class: vanilla, peephole, NIG, NFG (the 1997 LSTM), NOG, NIAF, NOAF, CIFG.
- ``janet``  -- the forget gate only (van der Westhuizen & Lasenby 2018).
- ``gru``    -- the gated recurrent unit (Cho et al. 2014), in PyTorch's r, z, n layout;
  ``gru_torch`` maps its weights to and from ``torch.nn.GRU``.
- ``common`` -- what the three share: the in-place sigmoid and the checks of states and caches.
"""

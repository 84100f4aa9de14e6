"""lstm_course: an LSTM built from scratch in numpy, checked against PyTorch.

The package is the course's reference implementation. Each module holds one idea
and maps onto a lesson:

- ``activations`` -- the sigmoid (a soft switch) and tanh, with their derivatives.
- ``cell``        -- one memory cell exactly as the lecture writes it.
- ``lstm``        -- a layer of cells over a sequence: forward and backward (BPTT).
- ``rnn``         -- a plain recurrent layer, for comparison.
- ``gradcheck``   -- central differences and the relative error.
- ``torch_compare`` -- moving weights to and from ``torch.nn.LSTM``.

Importing ``lstm_course`` (or any numeric module) pulls in neither matplotlib,
ipywidgets nor torch: those live in the drawing, widget and torch modules.
"""

__version__ = "0.1.0"

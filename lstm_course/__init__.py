"""lstm_course: an LSTM built from scratch in numpy, checked against PyTorch.

The package is the course's reference implementation. Each module holds one idea
and maps onto a lesson (lessons are the notebooks in ``notebooks/``).

Numerics (numpy only):

- ``activations``    -- the sigmoid (a soft switch) and tanh, with their derivatives (1-2).
- ``cell``           -- one memory cell exactly as the lecture writes it (2-3).
- ``memory_machine`` -- the lecture's hand-wired cell: add, reset, output (3).
- ``params``         -- the layer's weights: shapes, PyTorch's initialisation, checks (4).
- ``lstm``           -- a layer of cells over a sequence: forward and backward (BPTT) (4-5).
- ``stacked``        -- layers on top of each other (4).
- ``cifg``           -- a variant: the coupled input-forget gate, i = 1 - f, forward and backward (exercises 4-5).
- ``rnn``            -- a plain recurrent layer, for comparison (1, 5, 6).
- ``gradcheck``      -- central differences and the relative error (5).
- ``gradient_flow``  -- how far a gradient reaches back: LSTM memory vs plain RNN (5).
- ``readout``, ``model`` -- a linear layer and losses on top of any cell (6-7, 9).
- ``optim``          -- Adam, SGD with momentum, gradient clipping (6-7).
- ``adding``, ``text`` -- the data: the 1997 adding problem, characters of the shipped plays (6-7, 10).
- ``training``, ``char_training`` -- the training loops (6-7); ``train`` is their CLI.
- ``ngram``          -- character n-gram baselines (add-k, absolute discounting, Kneser-Ney) (7, 10).
- ``char_model``     -- the committed character model: load it, run it over a text, its test loss, it against the n-grams (10).
- ``cell_analysis``  -- what the cells learned: features of the text, correlations, gate saturation (10).
- ``cells``          -- the protocol every recurrent cell follows, and the registry by name (9).
- ``variants``       -- the LSTM's variants (``family``), ``janet`` and the ``gru``, each with its backward (9).
- ``variant_study``  -- every cell on the same task, several seeds, one command (9).
- ``shapes``         -- input checks that name the expected and the actual shape.
- ``checks``         -- the exercises' checkers, which diagnose common mistakes.
- ``workspace``      -- the learner's own copies of the exercises, in ``my_exercises/`` (also a CLI).
- ``progress``, ``exercise_run`` -- run the learner's exercises and show which tasks pass (also a CLI).

Pictures and interaction: ``diagram`` (the cell drawing), ``plots`` (one module per
part), ``widgets`` (the explorers). Torch: ``torch_compare`` (weights to and from
``torch.nn.LSTM``), ``torch_scratch`` (the equations in torch ops), ``timing``,
``machine`` and ``bench`` (the benchmark CLI); ``cli`` holds the argument types both CLIs share.

Importing ``lstm_course`` or any numeric module pulls in neither matplotlib,
ipywidgets nor torch: those live in the drawing, widget and torch modules.
"""

__version__ = "0.1.0"

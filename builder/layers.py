"""The few layers torch.nn lacks (merges, reshape, sequence-aware RNNs, self-attention).

This file imports only torch: the code exporter copies these classes verbatim into the
standalone modules it writes.
"""
import torch
from torch import nn


class Add(nn.Module):
    """Sum of inputs of equal shape (residual connections)."""

    def forward(self, *xs):
        out = xs[0]
        for x in xs[1:]:
            out = out + x
        return out


class Mul(nn.Module):
    """Elementwise product of inputs of one rank; a size of 1 stretches to fit (a [channels, 1, 1] gate)."""

    def forward(self, *xs):
        out = xs[0]
        for x in xs[1:]:
            out = out * x
        return out


class Concat(nn.Module):
    """Join inputs along `dim`, counted without the batch dimension (0 = channels or features)."""

    def __init__(self, dim=0):
        super().__init__()
        self.dim = dim

    def forward(self, *xs):
        dim = self.dim + 1 if self.dim >= 0 else self.dim
        return torch.cat(xs, dim=dim)


class Reshape(nn.Module):
    """View each sample as `shape` (batch dimension kept; one entry may be -1)."""

    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


class Features(nn.Module):
    """TensorFlow Playground's input features of a 2-D point (x1, x2): those switched on among x1, x2, x1², x2²,
    x1·x2, sin x1 and sin x2, in that order."""

    def __init__(self, x1=True, x2=True, x1_squared=False, x2_squared=False, x1_x2=False, sin_x1=False, sin_x2=False):
        super().__init__()
        flags = [x1, x2, x1_squared, x2_squared, x1_x2, sin_x1, sin_x2]
        self.register_buffer("keep", torch.tensor([i for i, on in enumerate(flags) if on], dtype=torch.long),
                             persistent=False)

    def forward(self, x):
        a, b = x[:, 0:1], x[:, 1:2]
        every = torch.cat([a, b, a * a, b * b, a * b, torch.sin(a), torch.sin(b)], dim=1)
        return every.index_select(1, self.keep)


class _Sequence:
    """Batch-first recurrent layer that returns the last step, or every step with return_sequences."""

    def __init__(self, *args, return_sequences=False, **kwargs):
        super().__init__(*args, batch_first=True, **kwargs)
        self.return_sequences = return_sequences

    def forward(self, x):
        out, _ = super().forward(x)
        return out if self.return_sequences else out[:, -1]


class RNN(_Sequence, nn.RNN):
    pass


class LSTM(_Sequence, nn.LSTM):
    pass


class GRU(_Sequence, nn.GRU):
    pass


class MultiheadSelfAttention(nn.MultiheadAttention):
    """Self-attention over a [steps, features] sequence (query = key = value)."""

    def __init__(self, embed_dim, num_heads=1, dropout=0.0, bias=True):
        super().__init__(embed_dim, num_heads, dropout=dropout, bias=bias, batch_first=True)

    def forward(self, x):
        out, _ = super().forward(x, x, x, need_weights=False)
        return out


class Permute(nn.Module):
    """Reorder the dimensions of each sample (`dims` counts without the batch dimension)."""

    def __init__(self, dims):
        super().__init__()
        self.dims = tuple(dims)

    def forward(self, x):
        return x.permute(0, *(d + 1 for d in self.dims))

"""A small residual denoiser for the 48x48 face crop of a brightened (dim) frame.

It takes and gives gray levels / 255 in [0, 1] (the classifier's ONNX input), so the app can run it on the
crop just before the classifier. The residual branch's last layer starts at zero: an untrained denoiser is
the identity, and training starts from what the classifier reads without it.
"""
import torch
import torch.nn as nn


class CropDenoiser(nn.Module):
    """x + f(x), clamped to [0, 1]. f: a 3x3 conv to `width` channels, `mids` 3x3 depthwise convs (each
    followed by a 1x1 conv when `pointwise`), a 3x3 conv back to one channel; ReLU between."""

    def __init__(self, width=8, mids=2, pointwise=True):
        super().__init__()
        self.config = dict(width=width, mids=mids, pointwise=pointwise)
        layers = [nn.Conv2d(1, width, 3, padding=1), nn.ReLU()]
        for _ in range(mids):
            layers += [nn.Conv2d(width, width, 3, padding=1, groups=width)]
            if pointwise:
                layers += [nn.Conv2d(width, width, 1)]
            layers += [nn.ReLU()]
        self.out = nn.Conv2d(width, 1, 3, padding=1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)
        self.body = nn.Sequential(*layers, self.out)

    def forward(self, x01):
        return torch.clamp(x01 + self.body(x01), 0.0, 1.0)

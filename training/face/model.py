"""The face-expression network: a small plain ResNet for 48x48 grayscale crops.

Input of FaceNet.forward: float [N,1,48,48] already normalised, x = (gray/255 - MEAN) / STD.
The exported ONNX graph (export.py) takes gray/255 in [0,1] and applies this normalisation itself.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = 0.5
STD = 0.25


class SqueezeExcite(nn.Module):
    """Channel gates from the block's global mean (squeeze-and-excitation); 1x1 convs so count_macs sees them."""

    def __init__(self, channels):
        super().__init__()
        hidden = max(4, channels // 4)
        self.reduce = nn.Conv2d(channels, hidden, 1)
        self.expand = nn.Conv2d(hidden, channels, 1)

    def forward(self, x):
        gate = torch.sigmoid(self.expand(F.relu(self.reduce(F.adaptive_avg_pool2d(x, 1)))))
        return x * gate


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride, squeeze_excite=False):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.se = SqueezeExcite(cout) if squeeze_excite else None
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.se is not None:
            out = self.se(out)
        return F.relu(out + (x if self.shortcut is None else self.shortcut(x)))


class FaceNet(nn.Module):
    """3x3 stem (stride 1 or 2), four stages of two basic blocks, global average pool, dropout, linear.

    Options screened in issue #17 (training/face/README.md, "The block and the head"): squeeze_excite gates each
    block's residual branch; head="flatten" feeds the last stage's whole map (where a feature sits) to the linear
    layer instead of its average. Both are left out of config at their defaults, so older checkpoints compare equal.
    """

    def __init__(self, widths=(16, 32, 64, 128), stem_stride=2, num_classes=7, dropout=0.3,
                 squeeze_excite=False, head="pool"):
        super().__init__()
        if head not in ("pool", "flatten"):
            raise ValueError(f"head must be 'pool' or 'flatten', not {head!r}")
        self.config = dict(widths=list(widths), stem_stride=stem_stride, num_classes=num_classes,
                           dropout=dropout)
        if squeeze_excite:
            self.config["squeeze_excite"] = True
        if head != "pool":
            self.config["head"] = head
        self.head = head
        self.stem = nn.Sequential(nn.Conv2d(1, widths[0], 3, stem_stride, 1, bias=False),
                                  nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True))
        layers, cin = [], widths[0]
        for i, w in enumerate(widths):
            stride = 1 if i == 0 else 2
            layers += [BasicBlock(cin, w, stride, squeeze_excite), BasicBlock(w, w, 1, squeeze_excite)]
            cin = w
        self.layers = nn.Sequential(*layers)
        self.dropout = nn.Dropout(dropout)
        last_side = 48 // stem_stride // 8  # the fixed 48x48 input after the stem and three stride-2 stages
        self.fc = nn.Linear(cin * (last_side ** 2 if head == "flatten" else 1), num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        # Zero-init the last BN of each block: every block starts as identity (stabilises short runs).
        for m in self.modules():
            if isinstance(m, BasicBlock):
                nn.init.zeros_(m.bn2.weight)

    def forward(self, x):
        x = self.layers(self.stem(x))
        if self.head == "pool":
            x = F.adaptive_avg_pool2d(x, 1)
        x = torch.flatten(x, 1)
        return self.fc(self.dropout(x))


def count_macs(model, size=48):
    """Multiply-accumulates of conv and linear layers for one [1,1,size,size] input."""
    macs = 0

    def conv_hook(m, inp, out):
        nonlocal macs
        macs += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def fc_hook(m, inp, out):
        nonlocal macs
        macs += m.in_features * m.out_features

    hooks = [m.register_forward_hook(conv_hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    hooks += [m.register_forward_hook(fc_hook) for m in model.modules() if isinstance(m, nn.Linear)]
    was_training = model.training
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 1, size, size, device=next(model.parameters()).device))
    model.train(was_training)
    for h in hooks:
        h.remove()
    return macs

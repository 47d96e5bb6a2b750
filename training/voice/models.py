"""Model families for voice emotion. Every model takes the extractor's two tensors,
logmel [B, 1, n_mels, frames] and stats [B, stats_dim] (raw, as VoiceFeatureExtractor writes them),
and returns logits [B, 7]; the stats z-normalisation (training-set mean/std) is a buffer inside the model
so the exported ONNX graph consumes the raw features."""
import torch
import torch.nn as nn


class StatsNorm(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))

    def forward(self, s):
        return (s - self.mean) / self.std


class LogReg(nn.Module):
    """Multinomial logistic regression on the utterance statistics."""
    uses_logmel = False

    def __init__(self, mean, std, n_classes=7):
        super().__init__()
        self.norm = StatsNorm(mean, std)
        self.fc = nn.Linear(len(mean), n_classes)

    def forward(self, logmel, stats):
        return self.fc(self.norm(stats))


class StatsMlp(nn.Module):
    """One hidden layer MLP on the utterance statistics."""
    uses_logmel = False

    def __init__(self, mean, std, hidden=256, n_classes=7):
        super().__init__()
        self.norm = StatsNorm(mean, std)
        self.net = nn.Sequential(nn.Dropout(0.2), nn.Linear(len(mean), hidden), nn.ReLU(), nn.Dropout(0.5),
                                 nn.Linear(hidden, n_classes))

    def forward(self, logmel, stats):
        return self.net(self.norm(stats))


class TemporalConv(nn.Module):
    """1-D convolutions over time (mel bands as channels) with masked mean+std pooling over the
    speech frames (the extractor zeroes non-speech frames, so the mask is 'any band non-zero')."""

    def __init__(self, n_mels=40, widths=(64, 64, 96)):
        super().__init__()
        layers, c = [nn.BatchNorm1d(n_mels)], n_mels
        for i, w in enumerate(widths):
            layers += [nn.Conv1d(c, w, 5 if i == 0 else 3, stride=2 if i == 0 else 1, padding=2 if i == 0 else 1),
                       nn.BatchNorm1d(w), nn.ReLU()]
            if i < len(widths) - 1:
                layers.append(nn.MaxPool1d(2))
            c = w
        self.body = nn.Sequential(*layers)
        self.out_dim = 2 * c

    def forward(self, logmel):
        return masked_mean_std(self.body(logmel[:, 0]), logmel)  # body: [B, C, T'], 298 frames -> 37


def speech_mask(h, logmel):
    """The speech frames of logmel [B, 1, mels, T] at the time resolution of h [B, C, T'] (the extractor
    zeroes non-speech frames, so speech is 'any band non-zero'), downsampled by max-pooling as the body
    downsampled time: (h cut to the mask's length, mask [B, 1, T']). Shapes are static (298 frames), so
    plain ints keep the ONNX graph simple."""
    mask = (logmel[:, 0].abs().sum(1, keepdim=True) > 0).float()  # [B, 1, T]
    t_in, t_out = int(mask.shape[-1]), int(h.shape[-1])
    m = nn.functional.max_pool1d(mask, kernel_size=t_in // t_out)[..., :t_out]
    return h[..., :int(m.shape[-1])], m


def weighted_mean_std(h, w):
    """Mean and std over time of h [B, C, T'] with weights w ([B, 1 or C, T'], summing to 1 over time), joined: [B, 2C]."""
    mean = (h * w).sum(-1)
    var = ((h - mean.unsqueeze(-1)) ** 2 * w).sum(-1)
    return torch.cat([mean, torch.sqrt(var + 1e-5)], 1)


def masked_mean_std(h, logmel):
    """Mean and std over time of h [B, C, T'] on the speech frames of logmel (speech_mask), all weighted alike."""
    h, m = speech_mask(h, logmel)
    return weighted_mean_std(h, m / m.sum(-1, keepdim=True).clamp(min=1.0))


class SpectroConv(nn.Module):
    """2-D convolutions over (mel band, time): a pattern that moves along the frequency axis (a higher or
    lower voice's harmonics and formants) meets the same filters, which the temporal CNN, with each band as a
    channel of its own, cannot offer. Bands and time are downsampled 8x each (40 x 298 -> 5 x 37; time by 4 in
    the first layer, whose 5-frame kernel still sees every frame: as fast to train as TemporalConv on one CPU
    thread); each of the 5 band groups keeps its channels (a high band's energy means something else than a
    low one's), pooled over the speech frames like TemporalConv's."""

    def __init__(self, widths=(8, 16, 32)):
        super().__init__()
        a, b, c = widths
        self.body = nn.Sequential(
            nn.BatchNorm2d(1),
            nn.Conv2d(1, a, (3, 5), stride=(2, 4), padding=(1, 2)), nn.BatchNorm2d(a), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(a, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU(), nn.MaxPool2d((2, 1)),
            nn.Conv2d(b, c, 3, padding=1), nn.BatchNorm2d(c), nn.ReLU(),
        ).to(memory_format=torch.channels_last)  # the full-resolution first design trained 3-7x faster so (torch 1.13, one thread)
        self.out_dim = 2 * c * 5  # 40 bands -> 5

    def forward(self, logmel):
        h = self.body(logmel.contiguous(memory_format=torch.channels_last))  # [B, C, 5, 37]
        return masked_mean_std(h.contiguous().flatten(1, 2), logmel)


class AttentiveTdnn(nn.Module):
    """Dilated 1-D convolutions over time (a TDNN, as in x-vector speaker nets: frames 2 and 3 apart in the
    later layers; the last layer sees 0.47 s against TemporalConv's 0.35 s, at twice its time resolution,
    74 steps for 37) pooled by attention: a small net scores every channel on every speech frame, and the
    mean and std are weighted by the softmax of those scores over the speech frames (attentive statistics
    pooling), so an utterance's emotional peak can count for more than its steady part. Both differ from
    TemporalConv, whose mean is over all speech frames alike: an ensemble member meant to err elsewhere
    (README "A third front end": it did not earn a place)."""

    def __init__(self, n_mels=40, widths=(64, 64, 96), attention=32):
        super().__init__()
        a, b, c = widths
        self.body = nn.Sequential(
            nn.BatchNorm1d(n_mels),
            nn.Conv1d(n_mels, a, 5, stride=2, padding=2), nn.BatchNorm1d(a), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(a, b, 3, padding=2, dilation=2), nn.BatchNorm1d(b), nn.ReLU(),
            nn.Conv1d(b, c, 3, padding=3, dilation=3), nn.BatchNorm1d(c), nn.ReLU(),
        )
        self.score = nn.Sequential(nn.Conv1d(c, attention, 1), nn.Tanh(), nn.Conv1d(attention, c, 1))
        self.out_dim = 2 * c

    def forward(self, logmel):
        h, m = speech_mask(self.body(logmel[:, 0]), logmel)  # 298 frames -> 74
        return weighted_mean_std(h, torch.softmax(self.score(h) + (m - 1.0) * 1e4, -1))  # non-speech frames: weight ~0


class LogmelCnn(nn.Module):
    """Temporal CNN on the log-mel patch only."""
    uses_logmel = True

    def __init__(self, mean, std, n_mels=40, n_classes=7):
        super().__init__()
        self.conv = TemporalConv(n_mels)
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(self.conv.out_dim, n_classes))

    def forward(self, logmel, stats):
        return self.head(self.conv(logmel))


class Fusion(nn.Module):
    """Temporal CNN embedding of the log-mel patch concatenated with an MLP embedding of the stats."""
    uses_logmel = True

    def __init__(self, mean, std, n_mels=40, n_classes=7, conv=None, stats_width=128):
        super().__init__()
        self.norm = StatsNorm(mean, std)
        self.conv = conv if conv is not None else TemporalConv(n_mels)
        self.stats = nn.Sequential(nn.Dropout(0.2), nn.Linear(len(mean), stats_width), nn.ReLU())
        self.head = nn.Sequential(nn.Dropout(0.4), nn.Linear(self.conv.out_dim + stats_width, n_classes))

    def embed(self, logmel, stats):
        """The pooled embedding the head reads (train.py --embedding-consistency compares a window's and its
        noisy twin's)."""
        return torch.cat([self.conv(logmel), self.stats(self.norm(stats))], 1)

    def forward(self, logmel, stats):
        return self.head(self.embed(logmel, stats))


class FusionWide(Fusion):
    """Fusion at twice the width (front end 128, 128, 192 channels; stats embedding 256): does the noise gap
    need capacity? (README "Twice the width"; not shipped.)"""

    def __init__(self, mean, std, n_mels=40, n_classes=7):
        super().__init__(mean, std, n_mels, n_classes, conv=TemporalConv(n_mels, widths=(128, 128, 192)),
                         stats_width=256)


class Fusion2d(Fusion):
    """Fusion with the 2-D front end (SpectroConv) in place of the temporal CNN."""

    def __init__(self, mean, std, n_mels=40, n_classes=7):
        super().__init__(mean, std, n_mels, n_classes, conv=SpectroConv())


class FusionAtt(Fusion):
    """Fusion with the attentive TDNN front end (AttentiveTdnn) in place of the temporal CNN."""

    def __init__(self, mean, std, n_mels=40, n_classes=7):
        super().__init__(mean, std, n_mels, n_classes, conv=AttentiveTdnn(n_mels))


FAMILIES = {"logreg": LogReg, "mlp": StatsMlp, "cnn": LogmelCnn, "fusion": Fusion, "fusionwide": FusionWide,
            "fusion2d": Fusion2d, "fusionatt": FusionAtt}

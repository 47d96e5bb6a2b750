"""Batch augmentation on tensors (no per-image Python work): flip, affine, photometric, erasing, mixup/cutmix.

All functions take x float [N,1,H,W] with pixels in [0,1] (before normalisation) and a torch.Generator.
"""
import math

import torch
import torch.nn.functional as F


def random_flip(x, gen):
    flip = torch.rand(x.shape[0], generator=gen, device=x.device) < 0.5
    return torch.where(flip[:, None, None, None], x.flip(3), x)


def random_affine(x, gen, max_rot_deg=12.0, scale=(0.88, 1.12), max_shift=0.08):
    """Rotation, isotropic scale and translation (fraction of the image side); borders replicate."""
    n = x.shape[0]
    r = lambda: torch.rand(n, generator=gen, device=x.device)
    angle = (r() * 2 - 1) * math.radians(max_rot_deg)
    s = scale[0] + r() * (scale[1] - scale[0])
    tx = (r() * 2 - 1) * max_shift * 2  # affine_grid coordinates span [-1,1]: side = 2
    ty = (r() * 2 - 1) * max_shift * 2
    cos, sin = torch.cos(angle) / s, torch.sin(angle) / s
    theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


def random_photometric(x, gen, contrast=0.25, brightness=0.1, gamma=0.25):
    n = x.shape[0]
    r = lambda: torch.rand(n, 1, 1, 1, generator=gen, device=x.device)
    g = torch.exp((r() * 2 - 1) * gamma)
    x = x.clamp(0, 1) ** g
    mean = x.mean(dim=(2, 3), keepdim=True)
    x = (x - mean) * (1 + (r() * 2 - 1) * contrast) + mean + (r() * 2 - 1) * brightness
    return x.clamp(0, 1)


def random_erasing(x, gen, p=0.5, area=(0.02, 0.2), aspect=(0.3, 3.3)):
    """One rectangle per chosen image, filled with uniform noise (as in Zhong et al. 2017)."""
    n, _, h, w = x.shape
    dev = x.device
    r = lambda: torch.rand(n, generator=gen, device=dev)
    a = (area[0] + r() * (area[1] - area[0])) * h * w
    log_ar = math.log(aspect[0]) + r() * (math.log(aspect[1]) - math.log(aspect[0]))
    ar = torch.exp(log_ar)
    eh = torch.sqrt(a * ar).clamp(1, h - 1)
    ew = torch.sqrt(a / ar).clamp(1, w - 1)
    y0 = r() * (h - eh)
    x0 = r() * (w - ew)
    ys = torch.arange(h, device=dev)[None, :, None].float()
    xs = torch.arange(w, device=dev)[None, None, :].float()
    inside = ((ys >= y0[:, None, None]) & (ys < (y0 + eh)[:, None, None]) &
              (xs >= x0[:, None, None]) & (xs < (x0 + ew)[:, None, None]))
    chosen = (r() < p)[:, None, None]
    mask = (inside & chosen)[:, None]
    noise = torch.rand(x.shape, generator=gen, device=dev)
    return torch.where(mask, noise, x)


def augment(x, gen):
    x = random_flip(x, gen)
    x = random_affine(x, gen)
    x = random_photometric(x, gen)
    return random_erasing(x, gen)


def mix(x, y_soft, gen, mixup_alpha, cutmix_alpha):
    """Mixup or CutMix (one of the two per batch, each with probability 1/2) on soft targets."""
    if mixup_alpha <= 0 and cutmix_alpha <= 0:
        return x, y_soft
    n = x.shape[0]
    perm = torch.randperm(n, generator=gen, device=x.device)
    coin = torch.rand(1, generator=gen, device=x.device).item()
    use_cutmix = cutmix_alpha > 0 and (mixup_alpha <= 0 or coin < 0.5)
    alpha = cutmix_alpha if use_cutmix else mixup_alpha
    lam = torch.distributions.Beta(alpha, alpha).sample().item()
    if use_cutmix:
        h, w = x.shape[2:]
        ch, cw = int(h * math.sqrt(1 - lam)), int(w * math.sqrt(1 - lam))
        cy = torch.randint(h, (1,), generator=gen, device=x.device).item()
        cx = torch.randint(w, (1,), generator=gen, device=x.device).item()
        y0, y1 = max(cy - ch // 2, 0), min(cy + ch // 2, h)
        x0, x1 = max(cx - cw // 2, 0), min(cx + cw // 2, w)
        x = x.clone()
        x[:, :, y0:y1, x0:x1] = x[perm, :, y0:y1, x0:x1]
        lam = 1 - (y1 - y0) * (x1 - x0) / float(h * w)
    else:
        x = lam * x + (1 - lam) * x[perm]
    return x, lam * y_soft + (1 - lam) * y_soft[perm]

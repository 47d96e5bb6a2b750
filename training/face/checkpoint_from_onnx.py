"""A trainable checkpoint (train.py's --init format) from an exported float32 face model.

The export folds each BatchNorm into the convolution before it (conv weight and bias), so the graph has
no batch statistics left. Fine-tuning such a net with BatchNorm in training mode needs them back: for
each folded conv y = W x + b this puts W into the conv, measures the per-channel mean m and variance v of
W x on training crops, and sets the BatchNorm to running (m, v), gamma sqrt(v + eps), beta m + b. In
eval mode that BatchNorm computes exactly W x + b again (checked below against ONNX Runtime's output of
the same file), and in training mode, where a batch's own statistics replace (m, v), nearly so.

  /usr/bin/python3 training/face/checkpoint_from_onnx.py <float32 export .onnx> <out .pt> [--images 4096]

The float32 export of the shipped model is the file at commit 6d900ea (`git show
6d900ea:models/face_emotion.onnx`); it still holds the mirror pass (flip TTA), which is skipped here.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import find_data_root, load_split  # noqa: E402
from export import run_cv2  # noqa: E402
from model import MEAN, STD, FaceNet  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def folded_convs(graph):
    """(weight, bias) of every Conv node in execution order, and the final Gemm's (weight, bias)."""
    init = {t.name: onnx.numpy_helper.to_array(t) for t in graph.initializer}
    convs, fc = [], None
    for node in graph.node:
        if node.op_type == "Conv":
            convs.append((init[node.input[1]], init[node.input[2]]))
        elif node.op_type == "Gemm":
            transposed = any(a.name == "transB" and a.i == 1 for a in node.attribute)
            w = init[node.input[1]]
            fc = (w if transposed else w.T, init[node.input[2]])
    return convs, fc


def conv_bn_pairs(model):
    """(conv, bn) of the net in execution order: stem, then per block conv1, conv2, shortcut."""
    pairs = [(model.stem[0], model.stem[1])]
    for block in model.layers:
        pairs += [(block.conv1, block.bn1), (block.conv2, block.bn2)]
        if block.shortcut is not None:
            pairs.append((block.shortcut[0], block.shortcut[1]))
    return pairs


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("onnx")
    p.add_argument("out")
    p.add_argument("--images", type=int, default=4096, help="training crops for the batch statistics")
    p.add_argument("--cache", default=os.path.join(REPO, "build", "cache"))
    args = p.parse_args()

    graph = onnx.load(args.onnx).graph
    convs, fc = folded_convs(graph)
    model = FaceNet().eval()
    pairs = conv_bn_pairs(model)
    # The export may run a shortcut before its block's conv1: take the first unused conv of each shape.
    if len(convs) != len(pairs):
        raise SystemExit(f"{args.onnx}: {len(convs)} convolutions, the net has {len(pairs)}")
    remaining = list(range(len(convs)))
    with torch.no_grad():
        for conv, bn in pairs:
            match = next(i for i in remaining if convs[i][0].shape == tuple(conv.weight.shape))
            remaining.remove(match)
            weight, bias = convs[match]
            conv.weight.copy_(torch.from_numpy(weight.copy()))
            bn.weight.fill_(1.0)
            bn.running_mean.zero_()
            bn.running_var.fill_(1.0 - bn.eps)  # eval: x / sqrt(1) + bias, exactly the folded conv
            bn.bias.copy_(torch.from_numpy(bias.copy()))
        model.fc.weight.copy_(torch.from_numpy(fc[0]))
        model.fc.bias.copy_(torch.from_numpy(fc[1]))

    # Per-channel statistics of W x, each layer's input computed with the folded biases in place.
    x, _ = load_split(find_data_root(None, REPO), "train", args.cache)
    rng = np.random.default_rng(0)
    pick = rng.choice(len(x), size=min(args.images, len(x)), replace=False)
    batch = (torch.from_numpy(x[pick]).float().unsqueeze(1) / 255.0 - MEAN) / STD
    sums = {}

    def hook(conv):
        def record(_m, _inp, out):
            sums[conv] = (out.mean(dim=(0, 2, 3)), out.var(dim=(0, 2, 3), unbiased=False))
        return record

    handles = [conv.register_forward_hook(hook(conv)) for conv, _ in pairs]
    with torch.no_grad():
        reference = model(batch)
    for h in handles:
        h.remove()
    with torch.no_grad():
        for conv, bn in pairs:  # bn.bias still holds the folded conv's bias b: beta = m + b
            mean, var = sums[conv]
            bn.running_mean.copy_(mean)
            bn.running_var.copy_(var)
            bn.weight.copy_(torch.sqrt(var + bn.eps))
            bn.bias.add_(mean)
        recalibrated = model(batch)
    change = (recalibrated - reference).abs().max().item()

    # The checkpoint against the ONNX file itself, run by cv2.dnn as export.py measures its exports.
    sample = x[pick[:64]].astype(np.float32)[:, None] / 255.0
    onnx_probs = run_cv2(args.onnx, sample)
    with torch.no_grad():
        torch_probs = torch.softmax(model(torch.from_numpy((sample - MEAN) / STD)), 1).numpy()
        flipped = torch.softmax(model(torch.from_numpy((sample[..., ::-1].copy() - MEAN) / STD)), 1).numpy()
    # The graph may average the crop with its mirror image (flip TTA in the graph): compare with both.
    diff_plain = np.abs(onnx_probs - torch_probs).max()
    diff_tta = np.abs(onnx_probs - (torch_probs + flipped) / 2).max()
    diff = min(diff_plain, diff_tta)
    print(f"logit change from recalibrating BatchNorm {change:.2e}; largest probability difference to "
          f"{os.path.basename(args.onnx)} {diff:.2e} ({'with' if diff_tta < diff_plain else 'without'} the mirror pass)")
    if diff > 1e-3:
        raise SystemExit("the checkpoint does not reproduce the ONNX model")
    torch.save({"model": model.state_dict(), "model_config": model.config, "source": args.onnx}, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

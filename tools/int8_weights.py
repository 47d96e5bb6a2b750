#!/usr/bin/python3
"""Stores an ONNX model's convolution and fully connected weights as int8, to cut its download to about a
quarter of float32; the graph still computes in float32. Each Conv weight (and Gemm/MatMul weight) becomes
an int8 tensor with one float32 scale per output channel (symmetric: w ~ q * scale, q in -127..127), and a
Cast and a Mul back to float32 that ONNX Runtime folds into a constant when it loads the model: the same
kernels and speed as float32, inputs and outputs unchanged, each weight rounded to 1/254 of its channel's
largest magnitude. Every other tensor of 64 values or more is stored as float16 (tools/fp16_weights.py);
tensors a weight-only rounding must not touch (--keep NAME, e.g. an exact permutation matrix) stay as
they are. Check the model's accuracy after converting: the model's card says what it cost.

    /usr/bin/python3 tools/int8_weights.py IN.onnx OUT.onnx [--keep NAME]... [--bits 8]

--bits 7 (or fewer) keeps the int8 storage but uses fewer levels (-63..63 for 7): the file is as large,
its gzip download smaller, since fewer distinct values compress better.
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from fp16_weights import MIN_VALUES, print_sizes, to_fp16_weights


def weight_axis(node, input_index):
    """The output-channel axis of a weight input, or None when the input is not a layer's weight."""
    if node.op_type == "Conv" and input_index == 1:
        return 0  # [out, in, kh, kw]
    if node.op_type == "Gemm" and input_index == 1:
        trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
        return 0 if trans_b else 1  # B is [N, K] with transB, else [K, N]
    if node.op_type == "MatMul" and input_index == 1:
        return 1  # B is [K, N]
    return None


def quantize_per_channel(weights, axis, bits=8):
    """Symmetric quantisation to `bits` bits (stored in int8) with one scale per slice along `axis`;
    a slice of zeros gets scale 1."""
    levels = 2 ** (bits - 1) - 1  # 127 for 8 bits
    moved = np.moveaxis(weights, axis, 0).reshape(weights.shape[axis], -1)
    peak = np.abs(moved).max(axis=1)
    scale = np.where(peak > 0, peak / levels, 1.0).astype(np.float32)
    shape = [1] * weights.ndim
    shape[axis] = weights.shape[axis]
    scale = scale.reshape(shape)
    q = np.clip(np.rint(weights / scale), -levels, levels).astype(np.int8)
    return q, scale


def to_int8_weights(model, keep=(), bits=8):
    graph = model.graph
    axes = {}
    for node in graph.node:
        for i, name in enumerate(node.input):
            axis = weight_axis(node, i)
            if axis is not None and name not in keep:
                axes.setdefault(name, set()).add(axis)
    kept, dequant, scales, worst = [], [], set(), 0.0
    for init in graph.initializer:
        ways = axes.get(init.name, set())
        if init.data_type != TensorProto.FLOAT or int(np.prod(init.dims)) < MIN_VALUES or len(ways) != 1:
            kept.append(init)
            continue
        weights = numpy_helper.to_array(init)
        q, scale = quantize_per_channel(weights, ways.pop(), bits)
        worst = max(worst, float(np.abs(q.astype(np.float32) * scale - weights).max()))
        kept.append(numpy_helper.from_array(q, init.name + "_int8"))
        kept.append(numpy_helper.from_array(scale, init.name + "_scale"))
        scales.add(init.name + "_scale")
        dequant.append(helper.make_node("Cast", [init.name + "_int8"], [init.name + "_cast"], to=TensorProto.FLOAT,
                                        name=init.name + "_to_float32"))
        dequant.append(helper.make_node("Mul", [init.name + "_cast", init.name + "_scale"], [init.name],
                                        name=init.name + "_rescale"))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(dequant + nodes)  # first: the graph stays topologically sorted
    # The rest as float16, except the scales (float32 keeps the int8 rounding the only one) and `keep`.
    halved = to_fp16_weights(model, skip=set(keep) | scales)
    onnx.checker.check_model(model)
    return len(scales), halved, worst


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--keep", action="append", default=[], metavar="NAME", help="a tensor left as it is")
    parser.add_argument("--bits", type=int, default=8, choices=range(4, 9), metavar="4..8",
                        help="levels per weight: 2^(bits-1)-1 each side of 0, stored in int8 (fewer bits compress better)")
    args = parser.parse_args(argv[1:])
    model = onnx.load(args.source)
    converted, halved, worst = to_int8_weights(model, args.keep, args.bits)
    onnx.save(model, args.target)
    print_sizes(args.source, args.target)
    print(f"{converted} weights stored as {args.bits}-bit integers in int8 (largest rounding {worst:.3g}), {halved} other tensors as float16")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

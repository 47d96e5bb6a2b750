#!/usr/bin/python3
"""Stores an ONNX model's float32 weights as float16, to halve its download; the graph still computes in
float32. Each converted initializer becomes a float16 initializer and a Cast back to float32, which ONNX
Runtime folds into a constant when it loads the model: the same speed, inputs and outputs unchanged, and
the weights rounded to 11 significant bits (check the model's accuracy after converting: the face
model's card says what it cost).

    /usr/bin/python3 tools/fp16_weights.py models/face_emotion.onnx build/face_emotion_fp16.onnx

Small tensors (under 64 values: biases, batch-norm scales) stay float32; they weigh nothing.
"""
import gzip
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MIN_VALUES = 64


def to_fp16_weights(model, skip=()):
    """Converts every float32 initializer of MIN_VALUES values or more whose name is not in `skip`."""
    graph = model.graph
    kept, casts = [], []
    for init in graph.initializer:
        if init.data_type != TensorProto.FLOAT or int(np.prod(init.dims)) < MIN_VALUES or init.name in skip:
            kept.append(init)
            continue
        half = numpy_helper.to_array(init).astype(np.float16)
        if not np.all(np.isfinite(half)):
            raise SystemExit(f"{init.name}: a weight is out of float16's range")
        kept.append(numpy_helper.from_array(half, init.name + "_fp16"))
        casts.append(helper.make_node("Cast", [init.name + "_fp16"], [init.name], to=TensorProto.FLOAT,
                                      name=init.name + "_to_float32"))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)  # the casts first: the graph stays topologically sorted
    onnx.checker.check_model(model)
    return len(casts)


def print_sizes(*paths):
    """Each file's size and its gzip -6 size (what a gzip-serving host such as GitHub Pages sends)."""
    for path in paths:
        data = open(path, "rb").read()
        print(f"{path}: {len(data)} bytes, {len(gzip.compress(data, 6))} gzip -6")


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    model = onnx.load(argv[1])
    converted = to_fp16_weights(model)
    onnx.save(model, argv[2])
    print_sizes(*argv[1:])
    print(f"{converted} initializers stored as float16")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""The inverse of tools/int8_weights.py and tools/fp16_weights.py: folds each weight's Cast (and Mul by its
scale) back into a float32 initializer, so that a shipped model whose float32 export is gone can be read by
tools that need plain float32 weights (OpenCV's cv2.dnn, training/face/checkpoint_from_onnx.py) and
fine-tuned again. The values are exactly what ONNX Runtime computes when it folds those nodes at load.

    /usr/bin/python3 tools/float32_weights.py models/face_emotion.onnx build/face-ft2/shipped_f32.onnx
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper


def to_float32_weights(model):
    """Replaces every Cast-of-an-initializer (to float) and Mul-of-two-constants node by its result. Returns
    how many weights were folded."""
    graph = model.graph
    constants = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    kept_nodes, folded = [], set()
    for node in graph.node:
        if node.op_type == "Cast" and node.input[0] in constants and \
                next(a.i for a in node.attribute if a.name == "to") == TensorProto.FLOAT:
            constants[node.output[0]] = constants[node.input[0]].astype(np.float32)
            folded.add(node.output[0])
        elif node.op_type == "Mul" and all(name in constants for name in node.input):
            constants[node.output[0]] = (constants[node.input[0]] * constants[node.input[1]]).astype(np.float32)
            folded.add(node.output[0])
        else:
            kept_nodes.append(node)
    used = {name for node in kept_nodes for name in node.input} | {o.name for o in graph.output}
    weights = [numpy_helper.from_array(constants[name], name) for name in sorted(folded) if name in used]
    untouched = [init for init in graph.initializer if init.name in used and init.name not in folded]
    del graph.initializer[:]
    graph.initializer.extend(untouched + weights)
    del graph.node[:]
    graph.node.extend(kept_nodes)
    onnx.checker.check_model(model)
    return len(weights)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("target")
    args = parser.parse_args(argv[1:])
    model = onnx.load(args.source)
    count = to_float32_weights(model)
    onnx.save(model, args.target)
    print(f"{args.target}: {count} weights folded back to float32 initializers")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""Writes the face model without its in-graph flip test-time augmentation, for bench/face_bench.mjs
to measure what the mirror pass costs (bench only: the app ships the graph with TTA).

    /usr/bin/python3 bench/strip_flip_tta.py models/face_emotion.onnx build/bench/face_emotion_no_flip_tta.onnx

The exported graph (training/face/export.py) starts with MatMul(input, mirror) -> Concat(input, mirrored)
and ends with Softmax -> Reshape -> ReduceMean over the two halves. The surgery feeds `input` straight
into the normalisation and makes the Softmax's output `probs`: the same weights on one crop, which
is the "without_flip_tta" model of models/face_emotion.json's metrics. Exits 0 with a message when
the onnx package is missing or the graph does not have that shape.
"""
import sys

try:
    import onnx
except ImportError:
    print("strip_flip_tta: python3 lacks onnx; the no-TTA face model is not measured")
    sys.exit(0)


def main(source, target):
    model = onnx.load(source)
    graph = model.graph
    nodes = list(graph.node)
    mirror = [n for n in nodes if n.op_type == "MatMul" and "mirror" in n.input]
    concat = [n for n in nodes if n.op_type == "Concat" and "input" in n.input]
    softmax = [i for i, n in enumerate(nodes) if n.op_type == "Softmax"]
    if len(mirror) != 1 or len(concat) != 1 or len(softmax) != 1:
        print(f"strip_flip_tta: {source} does not have the expected flip-TTA head and tail; skipped")
        return
    joined = concat[0].output[0]
    kept = []
    for n in nodes[:softmax[0] + 1]:
        if n is mirror[0] or n is concat[0]:
            continue
        for k, name in enumerate(n.input):
            if name == joined:
                n.input[k] = "input"
        kept.append(n)
    kept[-1].output[0] = "probs"
    del graph.node[:]
    graph.node.extend(kept)
    initializers = [i for i in graph.initializer if i.name != "mirror"]
    del graph.initializer[:]
    graph.initializer.extend(initializers)
    onnx.checker.check_model(model)
    onnx.save(model, target)
    print(f"strip_flip_tta: {target} ({len(kept)} nodes, was {len(nodes)})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])

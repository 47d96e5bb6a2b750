#!/usr/bin/python3
"""Removes the in-graph flip test-time augmentation from a face model exported before 2026-12-02, so
that the caller decides when a crop's mirror image goes through the model (src/core/flip_tta.h):

    /usr/bin/python3 tools/strip_flip_tta.py <model with the mirror pass> models/face_emotion.onnx

That export (training/face/export.py then) starts with MatMul(input, mirror) -> Concat(input, mirrored)
and ends with Softmax -> Reshape -> ReduceMean over the two halves. The surgery feeds `input` straight
into the normalisation and makes the Softmax's output `probs` [N, 7]: the same weights on each crop of
the batch, bit for bit what the graph computed for each half. Exports since then have no mirror pass
and need nothing of this. Exits 0 with a message when the onnx package is missing, 1 when the graph
does not have that shape.
"""
import sys

try:
    import onnx
except ImportError:
    print("strip_flip_tta: python3 lacks onnx (apt-get install python3-onnx)")
    sys.exit(0)


def main(source, target):
    model = onnx.load(source)
    graph = model.graph
    nodes = list(graph.node)
    mirror = [n for n in nodes if n.op_type == "MatMul" and "mirror" in n.input]
    concat = [n for n in nodes if n.op_type == "Concat" and "input" in n.input]
    softmax = [i for i, n in enumerate(nodes) if n.op_type == "Softmax"]
    if len(mirror) != 1 or len(concat) != 1 or len(softmax) != 1:
        print(f"strip_flip_tta: {source} does not have the expected flip-TTA head and tail")
        sys.exit(1)
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
    # The output's declared shape: [N, 7] (the export named the second dimension after the ReduceMean).
    out_dims = graph.output[0].type.tensor_type.shape.dim
    out_dims[1].Clear()
    out_dims[1].dim_value = 7
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

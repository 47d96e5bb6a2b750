#!/usr/bin/python3
"""The face card's "metrics_through_the_app_pipeline": bench/face_pipeline_accuracy.mjs's figures
(PublicTest faces placed in camera frames, found, aligned and cropped by the app's own pipeline) beside
the crop-only figure, per face size, light and search setting.

    /usr/bin/python3 training/face/pipeline_figures.py build/bench/face_pipeline_accuracy.json models/face_emotion.json

writes them into the card. Run the bench after export.py has written the model it measures (the bench
reads models/face_emotion.onnx), then this: export.py rewrites the card without the block.
`--before OLD.json` (the same bench run on the model this one replaces) adds that model's figures to each
row as `previous_model`, so that the card shows what the change did under the same conditions. Without
it, the card's model is taken to be the same one, measured again (e.g. after a pipeline change): the
card's existing `previous_model` figures are kept on the rows they belong to.
"""
import argparse
import json
import sys


def summarize(bench):
    """The card block from the bench's --json output."""
    n = bench["faces"]
    rows = []
    for r in bench["results"]:
        for c, x in zip(bench["conditions"], r["conditions"]):
            rows.append({
                "face_px": r["size"], "detector_input": f"{c['w']}x{c['h']}", "light": c["light"],
                "pipeline": c["pipeline"],
                "found": round(x["found"] / n, 4), "accuracy": round(x["correct"] / n, 4),
                "accuracy_of_found": round(x["correct"] / x["found"], 4) if x["found"] else None,
                "crop_only_accuracy": round(r["cropCorrect"] / n, 4),
            })
    return {
        "what": f"{n} FER2013 PublicTest faces (every {bench['step']}th by name) enlarged onto a 320x240 frame, read by "
                "the app's own pipeline (YuNet, alignment, 48x48 crop; wasm core module + ONNX Runtime Web); a face "
                "not found counts as wrong. Dim light: 40% of the light, gamma 1.4, sensor noise sd 6. Pipeline "
                "'before': the detector on the upright frame only, no exposure correction; 'unzoomed': the search "
                "for a face also in the frame turned +-30 degrees, dark frames brightened (the app's until "
                "2026-12-03); 'upright_corners': the same, and every other search run one corner of the frame "
                "enlarged, upright, a small tracked face detected in an enlarged region around it (the app's until "
                "2026-12-05); 'after': the app's (the same, the corners also searched turned +-30 degrees). "
                "Measured by bench/face_pipeline_accuracy.mjs.",
        "rows": rows,
    }


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bench_json")
    p.add_argument("card")
    p.add_argument("--before", help="the same bench's JSON for the model this one replaces")
    p.add_argument("--before-name", default="the previous model", help="what the --before model was")
    args = p.parse_args(argv[1:])
    with open(args.bench_json) as f:
        block = summarize(json.load(f))
    with open(args.card) as f:
        card = json.load(f)
    key = lambda r: (r["face_px"], r["detector_input"], r["light"], r["pipeline"])  # noqa: E731
    old, name = {}, None
    if args.before:
        with open(args.before) as f:
            before = summarize(json.load(f))
        fields = ("found", "accuracy", "accuracy_of_found", "crop_only_accuracy")
        old = {key(r): {k: r[k] for k in fields} for r in before["rows"]}
        name = args.before_name
    elif "previous_model" in card.get("metrics_through_the_app_pipeline", {}):
        kept = card["metrics_through_the_app_pipeline"]
        old = {key(r): r["previous_model"] for r in kept["rows"] if "previous_model" in r}
        name = kept["previous_model"]
    for r in block["rows"]:
        if key(r) in old:
            r["previous_model"] = old[key(r)]
    if name:
        block["previous_model"] = name
    card["metrics_through_the_app_pipeline"] = block
    with open(args.card, "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

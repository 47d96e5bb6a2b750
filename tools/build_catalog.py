#!/usr/bin/python3
"""Builds catalog/tracks.json from the DEAM annotations and metadata.

Usage (from the repository root):
    /usr/bin/python3 tools/build_catalog.py [--deam ../shared/data/deam] [--out catalog/tracks.json]

Standard library only. Reads
    static_annotations_averaged_songs_1_2000.csv, static_annotations_averaged_songs_2000_2058.csv
        per-song mean and std of valence and arousal, 1..9 scale; column names have leading spaces
    metadata_2013.csv   song_id,album,artist,title,Genre   ("album" holds the file name; fields carry tabs)
    metadata_2014.csv   song_id,artist,album,title,Genre + free-tag columns
    metadata_2015.csv   song_id,title,artist,album,Genre + empty columns
and writes one track per song (format: catalog/schema.json). VA is rescaled from 1..9 to [-1, 1] as
(x - 5) / 4, std as std / 4.
"""

import argparse
import csv
import json
import re
import sys
from pathlib import Path

SCHEMA_VERSION = 1
SOURCES = {  # per Aljanaki, Yang & Soleymani, PLoS ONE 2017
    "2013": "DEAM 2013 (Free Music Archive)",
    "2014": "DEAM 2014 (Free Music Archive)",
    "2015": "DEAM 2015 (Jamendo, MedleyDB)",
}
# Free Music Archive top-level genres as they appear, hyphen-joined, in metadata_2014.csv.
FMA_GENRES = {"Blues", "Classical", "Country", "Electronic", "Experimental", "Folk", "Hip-Hop", "Instrumental",
              "International", "Jazz", "Pop", "Rock", "SoulRB", "Spoken"}


def clean(text):
    """Strips the tabs and runs of spaces the 2013 metadata carries inside its fields."""
    return re.sub(r"\s+", " ", text.replace("\t", " ")).strip()


def split_fma_genres(field):
    """'Blues-SoulRB-Hip-Hop' -> ['Blues', 'Soul-RnB', 'Hip-Hop']; None when a part is no FMA genre."""
    parts = field.replace("Hip-Hop", "Hip_Hop").split("-")
    parts = [p.replace("Hip_Hop", "Hip-Hop") for p in parts if p]
    if not parts or any(p not in FMA_GENRES for p in parts):
        return None
    return ["Soul-RnB" if p == "SoulRB" else p for p in parts]


def nice_genre(field):
    g = clean(field)
    if g.lower() in ("", "n/a"):
        return ""
    if g.lower() == "hiphop":
        return "Hip-Hop"
    return g[0].upper() + g[1:]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = [h.strip().lower() for h in rows[0]]
    return header, rows[1:]


def read_metadata(deam):
    songs = {}
    header, rows = read_rows(deam / "metadata_2013.csv")
    for r in rows:
        # "album" holds the mp3 file name: not an album, left out.
        songs[int(r[0])] = ("2013", clean(r[2]), clean(r[3]), nice_genre(r[4]))

    header, rows = read_rows(deam / "metadata_2014.csv")
    for r in rows:
        artist, album, title, genre = r[1], r[2], r[3], r[4]
        if re.fullmatch(r"\d{4}", album.strip()) and clean(artist).startswith("Live "):
            # One row has an unquoted comma inside its album ("... September 25,2011"): the album took
            # two columns and pushed the artist and title one to the right; the genre column then
            # holds the title. Repair the shift; the genre is unknown.
            artist, title, genre = r[3], r[4], ""
        parts = split_fma_genres(clean(genre)) if genre else []
        if parts is None:
            print(f"warning: 2014 song {r[0]}: genre {genre!r} is not an FMA genre list; left empty",
                  file=sys.stderr)
            parts = []
        songs[int(r[0])] = ("2014", clean(artist), clean(title), ", ".join(parts))

    header, rows = read_rows(deam / "metadata_2015.csv")
    for r in rows:
        songs[int(r[0])] = ("2015", clean(r[2]), clean(r[1]), nice_genre(r[4]))
    return songs


def read_annotations(deam):
    va = {}
    for name in ("static_annotations_averaged_songs_1_2000.csv", "static_annotations_averaged_songs_2000_2058.csv"):
        with open(deam / name, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = [h.strip() for h in next(reader)]  # the names carry leading spaces
            col = {h: i for i, h in enumerate(header)}
            for r in reader:
                if not r:
                    continue
                get = lambda key: float(r[col[key]])
                va[int(r[col["song_id"]])] = (get("valence_mean"), get("valence_std"),
                                              get("arousal_mean"), get("arousal_std"))
    return va


def centred(x):
    """1..9 rating -> [-1, 1]."""
    return round((x - 5.0) / 4.0, 4)


def build(deam):
    meta = read_metadata(deam)
    va = read_annotations(deam)
    if set(meta) != set(va):
        missing = sorted(set(va) ^ set(meta))[:10]
        sys.exit(f"error: annotations and metadata disagree on song ids, e.g. {missing}")
    tracks = []
    for song_id in sorted(va):
        year, artist, title, genre = meta[song_id]
        v_mean, v_std, a_mean, a_std = va[song_id]
        for x in (v_mean, a_mean):
            if not 1.0 <= x <= 9.0:
                sys.exit(f"error: song {song_id}: rating {x} outside 1..9")
        track = {"id": f"deam-{song_id}", "artist": artist or "Unknown artist", "title": title or "Untitled"}
        if genre:
            track["genre"] = genre
        track.update({
            "valence": centred(v_mean), "arousal": centred(a_mean),
            "valence_std": round(v_std / 4.0, 4), "arousal_std": round(a_std / 4.0, 4),
            # No "url": DEAM ships no stable per-song links, so Listen opens a search on the listener's
            # chosen service (src/core/listen_service.h).
            "source": SOURCES[year],
        })
        tracks.append(track)
    return tracks


def write(tracks, out):
    header = {
        "schema": "attune-catalog",
        "version": SCHEMA_VERSION,
        "name": "DEAM (MediaEval Database for Emotional Analysis in Music)",
        "license": "Songs: Creative Commons licenses (Free Music Archive, Jamendo, MedleyDB) per Aljanaki, "
                   "Yang & Soleymani, PLoS ONE 2017. Annotations: DEAM, cvml.unige.ch.",
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "tracks": [')
    body = [f"    {json.dumps(t, ensure_ascii=False)}" for t in tracks]
    lines.append(",\n".join(body))
    lines.append("  ]")
    lines.append("}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deam", type=Path, default=root.parent / "shared" / "data" / "deam")
    ap.add_argument("--out", type=Path, default=root / "catalog" / "tracks.json")
    args = ap.parse_args()
    tracks = build(args.deam)
    write(tracks, args.out)
    print(f"wrote {len(tracks)} tracks to {args.out}")


if __name__ == "__main__":
    main()

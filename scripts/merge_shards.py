#!/usr/bin/env python3
"""Merge the output directories of a sharded gmsbscan scan into one.

Usage: python3 scripts/merge_shards.py OUT_DIR SHARD_DIR [SHARD_DIR ...]

Each shard (`gmsbscan scan CONFIG --shard K/N`) evaluates the K-th of N contiguous blocks of the
point ids, so the merged CSVs are the shards' rows concatenated in shard order: byte-identical to
an unsharded run of the same configuration. The script checks that the shards are complete, come
from the same configuration (config hash) and cover the id range exactly once, then writes
viable.csv (and rejected.csv when every shard kept them), config.toml and a manifest.json whose
counts are the sums over the shards. Python standard library only.
"""

import json
import shutil
import sys
from pathlib import Path


def fail(msg):
    sys.exit(f"error: {msg}")


def main(argv):
    if len(argv) < 3:
        fail("usage: merge_shards.py OUT_DIR SHARD_DIR [SHARD_DIR ...]")
    out = Path(argv[1])
    shards = []
    for d in map(Path, argv[2:]):
        try:
            m = json.loads((d / "manifest.json").read_text())
        except OSError as e:
            fail(f"{d}: {e}")
        if m["status"] != "complete":
            fail(f"{d}: shard is {m['status']} (resume it first: gmsbscan scan --resume {d})")
        shards.append((m["first_id"], d, m))
    shards.sort(key=lambda s: s[0])
    first = shards[0][2]
    expected_start = 0
    for start, d, m in shards:
        if m["config_hash"] != first["config_hash"]:
            fail(f"{d}: a different configuration (config hash) from {shards[0][1]}")
        if start != expected_start:
            fail(f"{d}: starts at id {start}, expected {expected_start} (missing or overlapping shard)")
        expected_start = m["end_id"]
    if expected_start != first["points_total"]:
        fail(f"the shards end at id {expected_start}, the scan has {first['points_total']} points")

    if out.exists() and any(out.iterdir()):
        fail(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    files = ["viable.csv"]
    if all(m["keep_rejected"] for _, _, m in shards):
        files.append("rejected.csv")
    for name in files:
        with open(out / name, "wb") as dst:
            for i, (_, d, _) in enumerate(shards):
                with open(d / name, "rb") as src:
                    header = src.readline()
                    if i == 0:
                        dst.write(header)
                    shutil.copyfileobj(src, dst)
    shutil.copyfile(shards[0][1] / first["config_file"], out / first["config_file"])

    merged = dict(first)
    merged["shard"] = None
    merged["first_id"], merged["end_id"], merged["next_id"] = 0, first["points_total"], first["points_total"]
    for key in ["sampled", "viable_points", "viable_solutions", "rejected_points", "wall_time_s"]:
        merged[key] = sum(m[key] for _, _, m in shards)
    merged["rejections"] = {}
    for _, _, m in shards:
        for k, v in m["rejections"].items():
            merged["rejections"][k] = merged["rejections"].get(k, 0) + v
    merged["rejections"] = dict(sorted(merged["rejections"].items()))
    merged["keep_rejected"] = "rejected.csv" in files
    merged["started"] = min(m["started"] for _, _, m in shards)
    merged["ended"] = max(m["ended"] or m["updated"] for _, _, m in shards)
    merged["updated"] = merged["ended"]
    merged["points_per_second"] = merged["sampled"] / merged["wall_time_s"] if merged["wall_time_s"] else 0.0
    merged["files"] = {
        "viable_csv_bytes": (out / "viable.csv").stat().st_size,
        "rejected_csv_bytes": (out / "rejected.csv").stat().st_size if merged["keep_rejected"] else None,
    }
    merged["merged_from"] = [str(d) for _, d, _ in shards]
    (out / "manifest.json").write_text(json.dumps(merged, indent=2) + "\n")
    print(f"merged {len(shards)} shards ({merged['sampled']} points, {merged['viable_solutions']} viable solutions) into {out}")


if __name__ == "__main__":
    main(sys.argv)

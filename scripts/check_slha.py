#!/usr/bin/env python3
"""Read a gmsbscan SLHA file with pyslha and compare entries with expected values.

Usage:
    check_slha.py FILE [--rtol R] [--atol A] [--problem TEXT | --no-problem] BLOCK:KEY=VALUE ...

KEY is one index (``MASS:1000022=106.2``) or comma-separated indices (``NMIX:1,1=0.99``).
A value matches if |got - want| <= atol + rtol |want|. ``--problem TEXT`` requires SPINFO 4 to
contain TEXT; ``--no-problem`` requires SPINFO 4 to be absent.

Exit status: 0 all checks pass, 1 a mismatch or a missing entry, 2 usage or parse error,
3 pyslha is not installed.
"""
import argparse
import math
import sys


def parse_expectation(text):
    """'BLOCK:i,j=value' -> (BLOCK, key, value); key is an int or a tuple of ints."""
    try:
        lhs, value = text.split("=", 1)
        block, key = lhs.split(":", 1)
        idx = tuple(int(k) for k in key.split(","))
        return block.upper(), (idx[0] if len(idx) == 1 else idx), float(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"bad expectation {text!r}: {err}")


def spinfo_text(value):
    """pyslha splits free text into tokens (numbers converted): rejoin them."""
    if isinstance(value, (tuple, list)):
        return " ".join(str(v) for v in value)
    return str(value)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("expect", nargs="*", type=parse_expectation, help="BLOCK:KEY=VALUE")
    ap.add_argument("--rtol", type=float, default=1e-7)
    ap.add_argument("--atol", type=float, default=1e-12)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--problem", help="text that SPINFO 4 must contain")
    group.add_argument("--no-problem", action="store_true", help="SPINFO 4 must be absent")
    args = ap.parse_args()

    try:
        import pyslha
    except ImportError:
        print("check_slha.py: pyslha is not installed (pip install pyslha)", file=sys.stderr)
        return 3
    try:
        doc = pyslha.read(args.file)
    except Exception as err:  # pyslha raises its own ParseError and plain exceptions
        print(f"check_slha.py: pyslha could not read {args.file}: {err}", file=sys.stderr)
        return 2

    failures = []
    for block, key, want in args.expect:
        if block not in doc.blocks:
            failures.append(f"block {block} missing")
            continue
        try:
            got = doc.blocks[block][key]
        except KeyError:
            failures.append(f"{block} {key} missing")
            continue
        if isinstance(got, (tuple, list, str)):
            failures.append(f"{block} {key} = {got!r} is not a number")
            continue
        got = float(got)
        if not (math.isfinite(got) and abs(got - want) <= args.atol + args.rtol * abs(want)):
            failures.append(f"{block} {key}: got {got!r}, expected {want!r}")
        else:
            print(f"ok  {block} {key} = {got!r}")

    spinfo = doc.blocks.get("SPINFO")
    problem = spinfo_text(spinfo[4]) if spinfo is not None and 4 in spinfo.keys() else None
    if args.problem is not None:
        if problem is None or args.problem not in problem:
            failures.append(f"SPINFO 4 = {problem!r} does not contain {args.problem!r}")
        else:
            print(f"ok  SPINFO 4 contains {args.problem!r}")
    if args.no_problem and problem is not None:
        failures.append(f"unexpected SPINFO 4 problem: {problem!r}")

    for f in failures:
        print(f"MISMATCH {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks kimput documents (JSON Lines on stdin or in files) against the document contract:
every span object anywhere in a document that has "start"/"end" and "text" satisfies
text[start:end] == span["text"] in code points (Python's own string indexing), sentences
are in order and inside the text, and schema/id/text/kimput are present. Exits 1 on the
first violation, printing where."""
import json
import sys


def spans(value, path):
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield path, value
        for k, v in value.items():
            yield from spans(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from spans(v, f"{path}[{i}]")


def check(doc, where):
    for field in ("schema", "id", "text", "kimput"):
        if field not in doc:
            return f"{where}: missing {field}"
    if doc["schema"] != "kimput/1":
        return f"{where}: schema {doc['schema']!r}"
    text = doc["text"]
    for path, s in spans({k: v for k, v in doc.items() if k not in ("removed",)}, "$"):
        if not (0 <= s["start"] <= s["end"] <= len(text)):
            return f"{where}: {path} out of range: {s['start']}..{s['end']} (text has {len(text)})"
        if "text" in s and isinstance(s["text"], str) and text[s["start"]:s["end"]] != s["text"]:
            return f"{where}: {path}: text[{s['start']}:{s['end']}] = {text[s['start']:s['end']]!r} != {s['text']!r}"
    last = 0
    for i, s in enumerate(doc.get("sentences", [])):
        if s["start"] < last or s["end"] <= s["start"]:
            return f"{where}: sentence {i} out of order or empty"
        last = s["end"]
    return None


def main():
    files = sys.argv[1:] or ["-"]
    n = 0
    for f in files:
        stream = sys.stdin if f == "-" else open(f, encoding="utf-8")
        for line_no, line in enumerate(stream, 1):
            if not line.strip():
                continue
            doc = json.loads(line)
            err = check(doc, f"{f}:{line_no}")
            if err:
                print(err, file=sys.stderr)
                sys.exit(1)
            n += 1
    if n == 0:
        print("check_spans: no documents", file=sys.stderr)
        sys.exit(1)


main()

#!/usr/bin/env python3
"""Sanity checks for lib/data/lexicon/*.tsv.  Usage: python3 scripts/check_lexicon.py [dir]
Exit status 1 when an error is found."""
import collections
import glob
import os
import re
import sys

TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}
NICKNAMES = {"Jokowi"}  # single-token person aliases that news really uses
ID_RE = re.compile(r"^(Q\d+|kimput:[a-z0-9][a-z0-9-]*|geonames:\d+|iso:[A-Z]{2}(-[A-Z0-9]{1,3})?)$")


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "lib", "data", "lexicon")
    errors = []
    warnings = []
    ids = {}
    surfaces = collections.defaultdict(list)  # (type, surface) -> [(file, line, id, ambiguous)]
    counts = collections.Counter()
    kin_refs = []
    for path in sorted(glob.glob(os.path.join(d, "*.tsv"))):
        fn = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                where = "%s:%d" % (fn, n)
                cols = line.split("\t")
                if len(cols) != 5:
                    errors.append("%s: %d columns" % (where, len(cols)))
                    continue
                typ, id_, name, aliases, attrs = cols
                counts[(fn, typ)] += 1
                if typ not in TYPES:
                    errors.append("%s: bad type %r" % (where, typ))
                if not ID_RE.match(id_):
                    errors.append("%s: bad id %r" % (where, id_))
                if id_ in ids:
                    errors.append("%s: duplicate id %s (first at %s)" % (where, id_, ids[id_]))
                ids.setdefault(id_, where)
                if not name or name == "-" or name != name.strip():
                    errors.append("%s: bad canonical %r" % (where, name))
                if "’" in line or "‘" in line:
                    errors.append("%s: curly apostrophe" % where)
                al = [] if aliases == "-" else aliases.split("|")
                if name in al:
                    errors.append("%s: canonical repeated as alias" % where)
                if len(al) != len(set(al)):
                    errors.append("%s: alias repeated" % where)
                kv = {}
                if attrs != "-":
                    for a in attrs.split(";"):
                        if "=" not in a or not a.split("=", 1)[0]:
                            errors.append("%s: bad attribute %r" % (where, a))
                            continue
                        k, v = a.split("=", 1)
                        kv.setdefault(k, []).append(v)
                amb = kv.get("ambiguous") == ["1"]
                for k in ("born", "died"):
                    for v in kv.get(k, []):
                        if not re.match(r"^\d{4}$", v):
                            errors.append("%s: bad %s=%s" % (where, k, v))
                for v in kv.get("local", []):
                    for l in v.split(","):
                        if l.strip() != name and l.strip() not in al:
                            errors.append("%s: local name %r is neither the canonical nor an alias" % (where, l))
                for v in kv.get("office", []):
                    if not re.match(r"^\d{4}-(\d{4})?:.+$", v):
                        errors.append("%s: bad office=%s" % (where, v))
                for v in kv.get("country", []):
                    if not re.match(r"^iso:[A-Z]{2}$", v):
                        errors.append("%s: bad country=%s" % (where, v))
                if "born" in kv and "died" in kv and kv["born"][0] > kv["died"][0]:
                    errors.append("%s: born after died" % where)
                family = kv.get("family", [None])[0]
                for a in al:
                    if not a or a != a.strip() or "\t" in a:
                        errors.append("%s: bad alias %r" % (where, a))
                    if re.match(r"^[a-z][a-z'-]*$", a):
                        errors.append("%s: alias is a bare lowercase word: %r" % (where, a))
                    if re.match(r"^(the|The) ", a):
                        errors.append("%s: alias starts with an article: %r" % (where, a))
                    if typ == "PERSON":
                        if (" " not in a and "." not in a and a.upper() != a and " " in name
                                and a not in NICKNAMES):
                            errors.append("%s: single-token person alias %r" % (where, a))
                        if family and a == family:
                            errors.append("%s: bare surname alias %r" % (where, a))
                for v in kv.get("kin", []):
                    for rel in v.split(","):
                        kin_refs.append((where, rel.split(":", 1)[-1]))
                if typ == "PERSON" and not family:
                    errors.append("%s: PERSON without family=" % where)
                for s in [name] + al:
                    surfaces[(typ, s)].append((where, id_, amb))
    for (typ, s), lst in sorted(surfaces.items()):
        if len(lst) > 1:
            non_amb = [x for x in lst if not x[2]]
            if len(non_amb) > 1:
                errors.append("%s %r listed by %s" % (typ, s, ", ".join("%s(%s)" % (w, i) for w, i, _ in lst)))
    for where, ref in kin_refs:
        if ref not in ids:
            errors.append("%s: kin refers to unknown id %s" % (where, ref))
    for k in sorted(counts):
        print("%-20s %-7s %6d" % (k[0], k[1], counts[k]))
    print("total %d entries, %d ids" % (sum(counts.values()), len(ids)))
    for e in errors:
        print("ERROR:", e)
    print("%d errors" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

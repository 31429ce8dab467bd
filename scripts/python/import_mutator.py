#!/usr/bin/env python3
"""Hostile-input generator for `scripts/fuzz-import.sh` (stdlib only).

    import_mutator.py EXAMPLE_DIR OUT_DIR SEED ITERATION

Copies the three example files (catalog.csv, users.csv, likes.csv) into OUT_DIR, applies one
mutation, chosen from SEED and ITERATION, to one of them (or replaces it with a directory, a
FIFO, /dev/zero or the database path), and prints one line, tab-separated:

    mutation  target  catalog_path  users_path  likes_path  db_kind  flags

db_kind is "none" (no database file), "imported" (the example's first half of users imported) or "seeded";
flags is a space-separated subset of --append --dry-run. The same (SEED, ITERATION) always gives
the same files, so a case can be replayed.
"""
import datetime
import gzip
import os
import random
import sys

FILES = ["catalog.csv", "users.csv", "likes.csv"]


def lines_of(data):
    return data.split(b"\n")


def mutate_field(rng, data, values, header_skip=True):
    """Replaces one field of one data line by one of `values`."""
    lines = lines_of(data)
    candidates = [i for i in range(1 if header_skip else 0, len(lines)) if lines[i]]
    if not candidates:
        return data
    i = rng.choice(candidates)
    fields = lines[i].split(b",")
    j = rng.randrange(len(fields))
    fields[j] = rng.choice(values)
    lines[i] = b",".join(fields)
    return b"\n".join(lines)


def numeric_field(rng, data, name, values):
    """Replaces column `name` (if the header has it) on one data line."""
    lines = lines_of(data)
    header = [h.strip().lower() for h in lines[0].split(b",")]
    if name.encode() not in header:
        return mutate_field(rng, data, values)
    j = header.index(name.encode())
    candidates = [i for i in range(1, len(lines)) if lines[i] and len(lines[i].split(b",")) > j]
    if not candidates:
        return data
    i = rng.choice(candidates)
    fields = lines[i].split(b",")
    fields[j] = rng.choice(values)
    lines[i] = b",".join(fields)
    return b"\n".join(lines)


NUMBERS = [b"99999999999999999999", b"9223372036854775807", b"9223372036854775808", b"-1", b"0", b"-0",
           b"+5", b"1e3", b" 5", b"5 ", b"\t5", b"0x10", b"5.0", b"", b"2147483647", b"2147483648",
           b"4294967296", b"-9223372036854775808", b"\xd9\xa3", b"00000000000000000000000000000000000000000001"]


def mutations():
    """name → (target file or None for any, function(rng, data, name) → bytes)."""
    def byte_flips(rng, data, _):
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)

    def truncate_mid_quote(rng, data, _):
        cut = rng.randrange(1, max(2, len(data)))
        return data[:cut] + b',"unfinished'

    def truncate(rng, data, _):
        return data[:rng.randrange(0, max(1, len(data)))]

    def insert_nul(rng, data, _):
        at = rng.randrange(len(data) // 2 + 1, max(len(data) // 2 + 2, len(data)))
        return data[:at] + b"\x00" + data[at:]

    def nul_in_header(rng, data, _):
        return data[:3] + b"\x00" + data[3:]

    def invalid_utf8(rng, data, _):
        return mutate_field(rng, data, [b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"caf\xe9", b"\xf4\x90\x80\x80"])

    def invalid_utf8_header(rng, data, _):
        return b"\xff" + data

    def huge_field(rng, data, _):
        return mutate_field(rng, data, [b"x" * (5 << 20)])

    def huge_quoted_field(rng, data, _):
        return mutate_field(rng, data, [b'"' + b"y" * (5 << 20) + b'"'])

    def overlong_line(rng, data, _):
        lines = lines_of(data)
        i = rng.randrange(1, max(2, len(lines)))
        lines.insert(min(i, len(lines)), b",".join([b"z" * 1000] * 3000))
        return b"\n".join(lines)

    def cr_only(rng, data, _):
        return data.replace(b"\n", b"\r")

    def crlf(rng, data, _):
        return data.replace(b"\n", b"\r\n")

    def bom_middle(rng, data, _):
        lines = lines_of(data)
        i = rng.randrange(1, max(2, len(lines)))
        if i < len(lines):
            lines[i] = b"\xef\xbb\xbf" + lines[i]
        return b"\n".join(lines)

    def bom_start(rng, data, _):
        return b"\xef\xbb\xbf" + data

    def double_bom(rng, data, _):
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data

    def unbalanced_quote(rng, data, _):
        return mutate_field(rng, data, [b'"abc', b'ab"c', b'"a""', b'"a"b', b'"'])

    def numbers(rng, data, name):
        column = {"users.csv": rng.choice(["user_id", "age"]), "likes.csv": rng.choice(["user_id", "likes"]),
                  "catalog.csv": "subcategory"}[name]
        return numeric_field(rng, data, column, NUMBERS)

    def many_numbers(rng, data, name):
        for _ in range(rng.randint(2, 30)):
            data = numbers(rng, data, name)
        return data

    def duplicated_header(rng, data, _):
        lines = lines_of(data)
        first = lines[0].split(b",")
        lines[0] = lines[0] + b"," + rng.choice(first).upper()
        return b"\n".join(lines)

    def empty_header(rng, data, _):
        lines = lines_of(data)
        lines[0] = rng.choice([b"", b",", b" , ,", b'""'])
        return b"\n".join(lines)

    def extra_empty_column(rng, data, _):
        lines = lines_of(data)
        return b"\n".join(l + b"," if l else l for l in lines)

    def header_only(rng, data, _):
        return lines_of(data)[0] + rng.choice([b"", b"\n", b"\r\n", b"\n\n\n"])

    def empty_file(rng, data, _):
        return rng.choice([b"", b"\n", b"\xef\xbb\xbf", b" "])

    def tabs(rng, data, _):
        return data.replace(b",", b"\t")

    def semicolons(rng, data, _):
        return data.replace(b",", b";")

    def gzip_bytes(rng, data, _):
        return gzip.compress(data, mtime=0)

    def wide_header(rng, data, _):
        lines = lines_of(data)
        lines[0] = lines[0] + b"," + b",".join(b"c%d" % i for i in range(50_000))
        return b"\n".join(lines[:1])

    def wide_header_rows(rng, data, _):
        lines = lines_of(data)
        extra = 50_000
        lines[0] = lines[0] + b"," + b",".join(b"c%d" % i for i in range(extra))
        return b"\n".join([lines[0]] + [l + b"," * extra for l in lines[1:50] if l])

    def whitespace_values(rng, data, _):
        return b"\n".join(b", ".join(l.split(b",")) if i > 0 else l for i, l in enumerate(lines_of(data)))

    def duplicate_rows(rng, data, _):
        lines = [l for l in lines_of(data) if l]
        i = rng.randrange(1, max(2, len(lines)))
        return b"\n".join(lines + lines[1:i + 1]) + b"\n"

    def case_change(rng, data, _):
        lines = lines_of(data)
        return b"\n".join([lines[0]] + [l.upper() if rng.random() < 0.2 else l for l in lines[1:]])

    def blank_lines(rng, data, _):
        return data.replace(b"\n", b"\n\n")

    def shuffle_lines(rng, data, _):
        lines = [l for l in lines_of(data) if l]
        body = lines[1:]
        rng.shuffle(body)
        return b"\n".join([lines[0]] + body) + b"\n"

    def control_chars(rng, data, _):
        return mutate_field(rng, data, [b"a\x01b", b"\x1b[31mred", b"a\rb", b'"a\nb"', b"\x7f"])

    def one_row(rng, data, _):
        lines = [l for l in lines_of(data) if l]
        return b"\n".join(lines[:2]) + b"\n"

    def zero_rows(rng, data, _):
        return lines_of(data)[0] + b"\n"

    def huge_likes(rng, data, name):
        # Every like of the first user at 2^31 - 1: the user's sum passes 2^31.
        lines = lines_of(data)
        header = [h.strip().lower() for h in lines[0].split(b",")]
        if b"likes" not in header:
            return data
        j = header.index(b"likes")
        user = lines[1].split(b",")[0]
        out = [lines[0]]
        for l in lines[1:]:
            f = l.split(b",")
            if l and f[0] == user:
                f[j] = b"2147483647" if rng.random() < 0.7 else b"1"
            out.append(b",".join(f))
        return b"\n".join(out)

    def max_likes_each(rng, data, name):
        # One row per user at 2^31 - 1 (valid per user); category and population sums pass 2^31.
        lines = [l for l in lines_of(data) if l]
        header = [h.strip().lower() for h in lines[0].split(b",")]
        if b"likes" not in header:
            return data
        j = header.index(b"likes")
        seen, out = set(), [lines[0]]
        for l in lines[1:]:
            f = l.split(b",")
            if f[0] in seen:
                continue
            seen.add(f[0])
            f[j] = b"2147483647"
            out.append(b",".join(f))
        return b"\n".join(out) + b"\n"

    def spaced_catalogue(rng, data, name):
        lines = lines_of(data)
        out = [lines[0]]
        for l in lines[1:]:
            f = l.split(b",")
            if l and rng.random() < 0.5:
                f[0] = rng.choice([f[0].upper(), b" " + f[0], f[0] + b" ", f[0].capitalize()])
            if l and len(f) > 1 and rng.random() < 0.3:
                f[1] = rng.choice([f[1].upper(), b" " + f[1] + b" "])
            out.append(b",".join(f))
        return b"\n".join(out)

    def demographics(rng, data, _):
        # users.csv's optional columns (issue 22): valid values in the forms platforms export, and
        # in half the files one to three hostile ones (unknown codes, impossible dates, phones
        # without digits or a country, control characters, values past the length caps).
        lines = lines_of(data)
        header = [h.strip().lower() for h in lines[0].split(b",")]
        age = header.index(b"age") if b"age" in header else None
        year = datetime.datetime.now(datetime.timezone.utc).year
        good = {
            "gender": [b"f", b"M", b"woman", b"", b"unknown", b"non-binary", b"prefer not to say"],
            "country": [b"de", b"FR", b" GB ", b"", b"us"],
            "region": [b"Bayern", b"", "\u00cele-de-France".encode()],
            "city": ["M\u00fcnchen".encode(), b"", b"Paris"],
            "postal_code": [b"80331", b"sw1a 1aa", b""],
            "phone": [b"+49 30 1234567", b"0049.30.1234567", b"+49 (0)30 1234567", b""],
        }
        bad = {
            "gender": [b"fem", b"\xff", b"0"], "country": [b"UK", b"XX", b"Germany", b"D\x01E"],
            "region": [b"r" * 201, b"a\x07b"], "city": ["\u202e".encode() + b"x", b"c" * 300],
            "postal_code": [b"p" * 21], "phone": [b"--", b"+0123456789", b"+1234567890123456", b"call me", b"030 1234567 x"],
            "date_of_birth": [b"2001-02-29", b"9999-12-31", b"1990-13-01", b"0000-01-01", b"01/02/1990", b"1800-01-01"],
        }
        names = list(good) + ["date_of_birth"]
        out = [lines[0] + b"," + b",".join(n.encode() for n in names)]
        rows = [i for i in range(1, len(lines)) if lines[i]]
        hostile = set(rng.sample(rows, min(len(rows), rng.randint(1, 3)))) if rows and rng.random() < 0.5 else set()
        for i in range(1, len(lines)):
            if not lines[i]:
                out.append(lines[i])
                continue
            fields = lines[i].split(b",")
            years = fields[age] if age is not None and len(fields) == len(header) and fields[age].isdigit() else None
            values = [rng.choice(good[n]) for n in good]
            values.append(b"%04d-01-01" % (year - int(years)) if years is not None and int(years) < year else b"")
            if i in hostile:
                j = rng.randrange(len(names))
                values[j] = rng.choice(bad[names[j]])
            out.append(lines[i] + b"," + b",".join(values))
        return b"\n".join(out)

    return {
        "demographics": ("users.csv", demographics),
        "byte-flips": (None, byte_flips), "truncate-mid-quote": (None, truncate_mid_quote), "truncate": (None, truncate),
        "insert-nul": (None, insert_nul), "nul-in-header": (None, nul_in_header), "invalid-utf8": (None, invalid_utf8),
        "invalid-utf8-header": (None, invalid_utf8_header), "5mb-field": (None, huge_field),
        "5mb-quoted-field": (None, huge_quoted_field), "overlong-line": (None, overlong_line), "cr-only": (None, cr_only),
        "crlf": (None, crlf), "bom-middle": (None, bom_middle), "bom-start": (None, bom_start), "double-bom": (None, double_bom),
        "unbalanced-quote": (None, unbalanced_quote), "numbers": (None, numbers), "many-numbers": (None, many_numbers),
        "duplicated-header": (None, duplicated_header), "empty-header": (None, empty_header),
        "extra-empty-column": (None, extra_empty_column), "header-only": (None, header_only), "empty-file": (None, empty_file),
        "tabs": (None, tabs), "semicolons": (None, semicolons), "gzip": (None, gzip_bytes), "50k-columns": (None, wide_header),
        "50k-columns-rows": (None, wide_header_rows), "whitespace-values": (None, whitespace_values),
        "duplicate-rows": (None, duplicate_rows), "case-change": (None, case_change), "blank-lines": (None, blank_lines),
        "shuffle-lines": (None, shuffle_lines), "control-chars": (None, control_chars), "one-row": ("users.csv", one_row),
        "zero-rows": ("likes.csv", zero_rows), "huge-likes-sum": ("likes.csv", huge_likes),
        "max-likes-each": ("likes.csv", max_likes_each), "catalogue-case-space": ("catalog.csv", spaced_catalogue),
    }


SPECIALS = ["directory", "fifo", "/dev/zero", "/dev/null", "the-database", "symlink-to-database", "missing"]


def split(data, half):
    """The example's users and likes cut in two halves by users.csv order: (first, second)."""
    users = [l for l in lines_of(data["users.csv"]) if l]
    likes = [l for l in lines_of(data["likes.csv"]) if l]
    middle = 1 + (len(users) - 1) // 2
    first = {l.split(b",")[0] for l in users[1:middle]}
    keep = (lambda l: l.split(b",")[0] in first) if half == 0 else (lambda l: l.split(b",")[0] not in first)
    return ({"users.csv": b"\n".join([users[0]] + [l for l in users[1:] if keep(l)]) + b"\n",
             "likes.csv": b"\n".join([likes[0]] + [l for l in likes[1:] if keep(l)]) + b"\n"})


def main():
    if sys.argv[1] == "--first-half":
        # The files of the "imported" template warehouse: the catalogue, the first half of the users.
        example, out = sys.argv[2], sys.argv[3]
        os.makedirs(out, exist_ok=True)
        data = {name: open(os.path.join(example, name), "rb").read() for name in FILES}
        data.update(split(data, 0))
        for name in FILES:
            with open(os.path.join(out, name), "wb") as f:
                f.write(data[name])
        return
    example, out, seed, iteration = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed * 1_000_003 + iteration)
    os.makedirs(out, exist_ok=True)
    data = {}
    for name in FILES:
        with open(os.path.join(example, name), "rb") as f:
            data[name] = f.read()
    paths = {name: os.path.join(out, name) for name in FILES}
    table = mutations()
    db_kind = rng.choice(["none", "none", "imported", "imported", "seeded"])
    flags = []
    if db_kind != "none" and rng.random() < 0.8:
        flags.append("--append")
    if db_kind == "imported":
        # The template holds the first half of the users: the second half is new to it.
        data.update(split(data, 1))
    if rng.random() < 0.25:
        flags.append("--dry-run")
    if rng.random() < 0.06:
        mutation = rng.choice(SPECIALS)
        target = rng.choice(FILES)
    else:
        mutation = rng.choice(sorted(table))
        wanted, function = table[mutation]
        target = wanted or rng.choice(FILES)
        data[target] = function(rng, data[target], target)
        if mutation == "catalogue-case-space":
            db_kind = "imported"
            flags = ["--append"]
    for name in FILES:
        with open(paths[name], "wb") as f:
            f.write(data[name])
    if mutation in SPECIALS:
        path = paths[target]
        os.remove(path)
        if mutation == "directory":
            os.mkdir(path)
        elif mutation == "fifo":
            os.mkfifo(path)
        elif mutation in ("/dev/zero", "/dev/null"):
            paths[target] = mutation
        elif mutation == "the-database":
            paths[target] = "@DB@"
        elif mutation == "symlink-to-database":
            os.symlink(os.path.join(out, "warehouse.sqlite"), path)
    print("\t".join([mutation, target, paths["catalog.csv"], paths["users.csv"], paths["likes.csv"], db_kind, " ".join(flags)]))


if __name__ == "__main__":
    main()

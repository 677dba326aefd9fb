"""Build bench/data/synthetic-tags.tsv from hand-written tag sets.

    python bench/make_synthetic.py

Each set is sorted and joined the way the site joins a record's tags, so the file
has the same shape as the real labelled TSV files (line<TAB>tag | tag | tag).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent / "data"


def main() -> None:
    rows = ["# Built by bench/make_synthetic.py from synthetic-tag-sets.txt: not real lines"]
    for raw in (HERE / "synthetic-tag-sets.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        tags = sorted(t.strip() for t in raw.split("|"))
        rows.append("".join(tags) + "\t" + " | ".join(tags))
    (HERE / "synthetic-tags.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Build bench/data/synthetic-tags*.tsv from the hand-written synthetic-tag-sets*.txt.

    python bench/make_synthetic.py

Each set is sorted and joined the way the site joins a record's tags, so each file
has the same shape as the real labelled TSV files (line<TAB>tag | tag | tag).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent / "data"


def main() -> None:
    for sets in sorted(HERE.glob("synthetic-tag-sets*.txt")):
        rows = [f"# Built by bench/make_synthetic.py from {sets.name}: not real lines"]
        for raw in sets.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            tags = sorted(t.strip() for t in raw.split("|"))
            rows.append("".join(tags) + "\t" + " | ".join(tags))
        target = HERE / sets.name.replace("synthetic-tag-sets", "synthetic-tags").replace(".txt", ".tsv")
        target.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes proofs-notes/README.md: the index of every note (id, title, file) grouped by family.
Run after adding a note: `python3 scripts/proofs-notes-index.py`. RepositoryTests checks the index is current."""
import pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent / "proofs-notes"
groups = {
    "P": "Claims of the paper (C1–C14)",
    "C": "Exact laws of the discrete chains",
    "L": "Reference laws and statistics",
    "S": "Scheme constructions and the engine",
    "V": "Verification methods",
    "D": "Diffusion samplers (C15, C16)",
}
notes = []
for path in sorted(root.glob("PN-*.md")):
    fields = path.stem.split("-")
    note_id = f"PN-{fields[1]}"
    title = next((l.lstrip("# ").strip() for l in path.read_text().splitlines() if l.startswith("#")), path.stem)
    title = re.sub(r"^PN-[A-Z][0-9]{2}\s*[—:-]\s*", "", title)
    notes.append((fields[1][0], note_id, title, path.name))
lines = ["# proofs-notes", "",
         "One note per claim or derivation, each with a stable id (`PN-…`), the statement, its provenance",
         "([V] verified from a cited source, [R] derived here, [U] unverified), the derivation or the source, and the",
         "tests that check it. Code and tests cite these ids; `RepositoryTests` checks that every cited id exists and",
         "that every note names tests that exist. This index is written by `scripts/proofs-notes-index.py`.", ""]
for key, heading in groups.items():
    members = [n for n in notes if n[0] == key]
    if not members:
        continue
    lines += [f"## {heading}", "", "| id | title | file |", "|---|---|---|"]
    lines += [f"| {i} | {t} | [{f}]({f}) |" for _, i, t, f in members]
    lines.append("")
(root / "README.md").write_text("\n".join(lines))
print(f"indexed {len(notes)} notes")

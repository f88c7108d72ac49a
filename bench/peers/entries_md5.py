#!/usr/bin/env python3
"""The entries of a bangfu batch as the peers count them: entries, eligible, total in fen
and the md5 of the sorted lines `id_number|student_id_number|amount_fen|eligible`.

    entries_md5.py DB BATCH_ID
"""
import sqlite3
import sys

from policy import report

if len(sys.argv) != 3:
    raise SystemExit(__doc__)
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
entries = eligible = total = 0
lines = []
for person, student, amount, is_eligible in db.execute(
        "SELECT id_number, student_id_number, amount_fen, eligible FROM batch_entries WHERE batch_id = ?", (int(sys.argv[2]),)):
    entries += 1
    if is_eligible:
        eligible += 1
        total += amount
    lines.append(f"{person}|{student or ''}|{amount if is_eligible else 0}|{is_eligible}\n")
report(entries, eligible, total, lines)

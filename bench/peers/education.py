#!/usr/bin/env python3
"""助学救助 of spec §4 as `bangfu batch create --kind education` + `batch compute` computes
it, in plain Python with the standard sqlite3 module: one entry per studying member of a
在档 archive, archives in 档案编号 order, the higher stages first within one, each with
its amount in fen, eligible or not. Prints the count of entries, of eligible ones and their
total in fen (with CHECKSUM=1 the md5 of the sorted entries, as entries_md5.py prints it).

    education.py DB POLICY DATE
"""
import sqlite3
import sys

from policy import earlier_union_aid, Tally, household_paid, other_people, parse_args

# Higher stages share a household's room under the cap first (spec §4).
RANK = {"graduate": 0, "undergraduate": 1, "college": 2, "special": 3, "high_school": 4, "vocational": 4,
        "compulsory": 5, "preschool": 6}

path, policy, date = parse_args(sys.argv, __doc__)
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
paid, per_student = earlier_union_aid(db, date.year)
others = other_people(db, date.year)
tally = Tally(paid)


def household(archive, head, category, size, income, students):
    students.sort(key=lambda student: (RANK[student[1]], student[0]))
    sums = household_paid(paid, head, others.get(archive, ()))
    room = policy.yearly_ceiling(size) - income - sums[0] - sums[1] - sums[2]
    limits = policy.education_limit[category]
    given = []
    for student, stage, note in students:
        amount = 0
        limit = limits.get(stage)
        if limit is not None and not (note and ("军校生" in note or "国防生" in note)):
            amount = limit - per_student.get(student, 0)
            if amount > 0:
                amount, room = policy.cap(amount, room)
            else:
                amount = 0
        tally.count(head, student, amount)
        if amount > 0:
            given.append((student, amount))
    # Counted once the archive is done, as BatchCalculator.counting counts them.
    for student, amount in given:
        tally.pay(head, 1, amount)
        per_student[student] = per_student.get(student, 0) + amount


current = None
students = []
for archive, head, category, size, income, student, stage, note in db.execute("""
        SELECT h.archive_no, h.head_id_number, h.category, h.size, h.annual_income_fen, m.id_number, m.school_stage, m.note
        FROM households h JOIN members m ON m.archive_no = h.archive_no
        WHERE h.status = 'active' AND m.school_stage <> 'none' ORDER BY h.archive_no"""):
    if current is not None and current[0] != archive:
        household(*current, students)
        students = []
    current = (archive, head, category, size, income)
    students.append((student, stage, note))
if current is not None:
    household(*current, students)

tally.report()

#!/usr/bin/env python3
"""生活救助 of spec §4 as `bangfu batch create --kind living` + `batch compute` computes it,
in plain Python with the standard sqlite3 module: one entry per 在档 archive, in 档案编号
order, with its amount in fen, eligible or not. Prints the count of entries, of eligible
ones and their total in fen (with CHECKSUM=1 the md5 of the sorted entries, as
bench/peers/entries_md5.py prints it for a bangfu batch).

    living.py DB POLICY DATE
"""
import sqlite3
import sys

from policy import earlier_union_aid, Tally, household_paid, other_people, parse_args

path, policy, date = parse_args(sys.argv, __doc__)
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
paid, _ = earlier_union_aid(db, date.year)
others = other_people(db, date.year)
tally = Tally(paid)
for archive, head, category, size, income in db.execute(
        "SELECT archive_no, head_id_number, category, size, annual_income_fen FROM households "
        "WHERE status = 'active' ORDER BY archive_no"):
    sums = household_paid(paid, head, others.get(archive, ()))
    left = max(0, policy.living_annual_max[category] - sums[0])
    amount = min(policy.living_start[category], left)
    if amount > 0:
        room = policy.yearly_ceiling(size) - income - sums[0] - sums[1] - sums[2]
        amount, _ = policy.cap(amount, room)
    else:
        amount = 0
    tally.count(head, "", amount)
    if amount > 0:
        tally.pay(head, 0, amount)
tally.report()

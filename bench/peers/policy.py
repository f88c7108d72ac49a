"""The numbers of a Bangfu policy file (spec §4) that the living and education peers use,
read with the standard library's tomllib: money as int fen and multiples as Fractions,
never floats (a TOML float is read as the Decimal its text writes)."""
import datetime
import hashlib
import os
import tomllib
from decimal import Decimal
from fractions import Fraction


def fen(value):
    """Yuan from the file (an int, or the Decimal of a float's text) as int fen."""
    cents = Decimal(value) * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"more than two decimals: {value}")
    return int(cents)


class Policy:
    def __init__(self, path, date):
        with open(path, "rb") as file:
            toml = tomllib.load(file, parse_float=Decimal)
        periods = sorted(toml["dibao"], key=lambda period: period["from"])
        in_force = [period for period in periods if period["from"] <= date]
        if not in_force:
            raise SystemExit(f"no 低保 in force on {date}")
        self.dibao = fen(in_force[-1]["monthly"])
        cap = toml["income_cap"]
        self.multiple = Fraction(cap["multiple"])
        self.reduce = cap["mode"] == "reduce"
        living = toml["living"]
        step = fen(living["round_down_to"])
        self.living_start = {}
        self.living_annual_max = {}
        for category in ("deep", "relative", "accident"):
            raw = self.dibao * living["batch_months"].get(category, 0)
            self.living_start[category] = raw // step * step if step > 0 else raw
            self.living_annual_max[category] = self.dibao * living["annual_max_months"].get(category, 0)
        education = toml["education"]
        plain = {"preschool": fen(education["preschool"]), "compulsory": fen(education["compulsory"]),
                 "high_school": fen(education["high_school"]), "vocational": fen(education["high_school"])}
        self.education_limit = {}
        for category in ("deep", "relative", "accident"):
            limits = dict(plain)
            for stage in ("college", "undergraduate", "graduate"):
                if category in education["higher"]:
                    limits[stage] = fen(education["higher"][category])
            if category in education["special"]:
                limits["special"] = fen(education["special"][category])
            self.education_limit[category] = limits
        self._ceilings = {}

    def yearly_ceiling(self, size):
        """The largest yearly household income, in whole fen, that keeps income ÷ 12 ÷ size
        within multiple × 低保 (rounded down, as Bangfu's integer division does)."""
        ceiling = self._ceilings.get(size)
        if ceiling is None:
            ceiling = self._ceilings[size] = int(self.multiple * self.dibao * 12 * size)
        return ceiling

    def cap(self, amount, room):
        """(amount paid, room left) after the income cap: whole, cut to the room in whole
        yuan (mode reduce), or nothing."""
        if amount <= room:
            return amount, room - amount
        whole_yuan = max(0, room) // 100 * 100
        if self.reduce and whole_yuan > 0:
            return whole_yuan, room - whole_yuan
        return 0, room


def parse_args(argv, usage):
    if len(argv) != 4:
        raise SystemExit(usage)
    date = datetime.date.fromisoformat(argv[3])
    return argv[1], Policy(argv[2], date), date


UNION_AID_OF_YEAR = """
    SELECT id_number, kind, student_id_number, amount_fen FROM aid_records
    WHERE payer = '工会' AND paid_on BETWEEN ? AND ?"""


def earlier_union_aid(db, year):
    """Union aid of the year per person, [生活, 助学, 医疗] in fen, and 助学 per student."""
    paid = {}
    per_student = {}
    slot = {"living": 0, "education": 1, "medical": 2}
    for person, kind, student, amount in db.execute(UNION_AID_OF_YEAR, (f"{year}-01-01", f"{year}-12-31")):
        index = slot.get(kind)
        if index is not None:
            sums = paid.get(person)
            if sums is None:
                sums = paid[person] = [0, 0, 0]
            sums[index] += amount
        if kind == "education" and student:
            per_student[student] = per_student.get(student, 0) + amount
    return paid, per_student


def other_people(db, year):
    """The members (not the head) of each 在档 archive who can have been paid this year:
    those with union aid of the year, and heads of 在档 archives (whom this batch pays as
    it goes, before an archive that lists them as a member)."""
    people = {}
    query = """
        SELECT m.archive_no, m.id_number FROM members m JOIN households h ON h.archive_no = m.archive_no
        WHERE h.status = 'active' AND m.id_number <> h.head_id_number AND (
            m.id_number IN (SELECT id_number FROM aid_records WHERE payer = '工会' AND paid_on BETWEEN ? AND ?)
            OR m.id_number IN (SELECT head_id_number FROM households WHERE status = 'active'))"""
    for archive, person in db.execute(query, (f"{year}-01-01", f"{year}-12-31")):
        people.setdefault(archive, []).append(person)
    return people


def household_paid(paid, head, others):
    """[生活, 助学, 医疗] paid this year to the head and the other people, each once."""
    total = [0, 0, 0]
    # `other_people` leaves the head out, and an archive lists a person once.
    for person in [head, *others]:
        sums = paid.get(person)
        if sums:
            total[0] += sums[0]
            total[1] += sums[1]
            total[2] += sums[2]
    return total


class Tally:
    """The entries as they are made: how many, how many eligible, their total in fen, and
    (with CHECKSUM=1 in the environment) their lines for the md5."""

    def __init__(self, paid):
        self.paid = paid
        self.entries = self.eligible = self.total = 0
        self.lines = [] if os.environ.get("CHECKSUM") else None

    def count(self, head, student, amount):
        self.entries += 1
        if amount > 0:
            self.eligible += 1
            self.total += amount
        if self.lines is not None:
            self.lines.append(f"{head}|{student}|{amount}|{1 if amount > 0 else 0}\n")

    def pay(self, head, slot, amount):
        """Counts a payment of this batch for archives later in it that list the same
        person (BatchCalculator.counting); `slot` 0 生活, 1 助学."""
        mine = self.paid.get(head)
        if mine is None:
            mine = self.paid[head] = [0, 0, 0]
        mine[slot] += amount

    def report(self):
        report(self.entries, self.eligible, self.total, self.lines)


def report(entries, eligible, total, checksum_lines):
    print(f"entries {entries}")
    print(f"eligible {eligible}")
    print(f"total_fen {total}")
    if checksum_lines is not None:
        checksum_lines.sort()
        print("md5 " + hashlib.md5("".join(checksum_lines).encode()).hexdigest())

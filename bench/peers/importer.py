#!/usr/bin/env python3
"""A plain Python importer of households.csv, members.csv and aid.csv (spec §3) into a
fresh SQLite file, with the csv and sqlite3 modules of the standard library: the peer that
`bangfu import` is measured against (issue 20). Per row it checks what Bangfu checks
(Sources/BangfuImport: Formats.swift, ImportColumns.swift, TextColumns.swift), not its
messages: the field count; each cell trimmed and cleaned as its column's text rule says
(invisible characters dropped, no control or direction characters, NFC, a name's spacing
and dots, at most so many characters); required cells; 身份证号 by GB 11643 (18
characters, a real birth date from 1900 and not after today, the check character); dates
(YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日, years 1900–2100); amounts (yuan, ¥ and 元,
thousands commas, at most two decimals, at most 10,000,000); 家庭人口 1–99; the closed
choices; the key of each file (档案编号; 档案编号 + 身份证号) not repeated within it; a
member's 档案编号 on file; an aid row identical to a stored one skipped. Phones and bank
accounts are checked as Bangfu checks them (warnings, not refusals). A file with any bad
row stores nothing: every bad row is listed and the file's transaction rolls back.

    importer.py DB households.csv members.csv aid.csv
"""
import csv
import datetime
import re
import sqlite3
import sys
import unicodedata

SCHEMA = """
CREATE TABLE households (
    archive_no TEXT NOT NULL PRIMARY KEY, head_name TEXT NOT NULL, head_id_number TEXT NOT NULL,
    work_unit TEXT NOT NULL DEFAULT '', union_name TEXT NOT NULL DEFAULT '', category TEXT NOT NULL,
    registered_on TEXT NOT NULL, size INTEGER NOT NULL, annual_income_fen INTEGER NOT NULL,
    medical_expense_fen INTEGER, cause TEXT, phone TEXT NOT NULL DEFAULT '', bank_name TEXT NOT NULL DEFAULT '',
    bank_account TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'active') WITHOUT ROWID;
CREATE TABLE members (
    archive_no TEXT NOT NULL REFERENCES households(archive_no) ON UPDATE CASCADE, name TEXT NOT NULL,
    id_number TEXT NOT NULL, relation TEXT NOT NULL DEFAULT '', school_stage TEXT NOT NULL DEFAULT 'none',
    school TEXT, note TEXT, PRIMARY KEY (archive_no, id_number)) WITHOUT ROWID;
CREATE TABLE aid_records (
    id INTEGER PRIMARY KEY, id_number TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, paid_on TEXT NOT NULL, payer TEXT NOT NULL,
    student_id_number TEXT NOT NULL DEFAULT '', batch_id INTEGER);
CREATE UNIQUE INDEX aid_records_imported_once ON aid_records(
    id_number, kind, paid_on, amount_fen, payer, student_id_number, name) WHERE batch_id IS NULL;
"""
# Built after the rows are in, as Bangfu's bulk load does.
INDEXES = {
    "households": ["CREATE INDEX households_by_head_id_number ON households(head_id_number)",
                   "CREATE INDEX households_by_union ON households(union_name)",
                   "CREATE INDEX households_by_change ON households(status)"],
    "members": ["CREATE INDEX members_by_id_number ON members(id_number)"],
    "aid_records": ["CREATE INDEX aid_records_by_person ON aid_records(id_number, paid_on)",
                    "CREATE INDEX aid_records_by_date ON aid_records(paid_on, kind)",
                    "CREATE INDEX aid_records_by_student ON aid_records(student_id_number) WHERE student_id_number <> ''"],
}

# --- text rules (TextNormalisation.swift) ---------------------------------------------

CODE, PERSON, ORGANISATION, REMARK, PHONE = (40, False, False), (50, True, False), (100, False, False), (200, False, True), (30, False, False)
WHITE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\xad\u180e]")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_BUT_BREAKS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
NAME_DOTS = str.maketrans({c: "\xb7" for c in "\u2022\u2027\u30fb\uff65\uff0e\u2219\u22c5"})
# Text that cleaning leaves as it is (TextRule.plainLength): most cells.
_VISIBLE = "\x21-\x7e\xa1-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u3001-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60"
PLAIN = re.compile(f"[{_VISIBLE}]+(?: +[{_VISIBLE}]+)*").fullmatch
_NAME_VISIBLE = "\x21-\x7e\xa1-\xac\xae-\u02ff\u2010-\u2021\u2023-\u2026\u2030-\u205e\u3001-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff0d\uff0f-\uff60"
PLAIN_NAME = re.compile(f"[{_NAME_VISIBLE}]+").fullmatch


def ideographic(char):
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def clean(text, rule):
    """The cell normalised by `rule`, or raises ValueError with the reason."""
    limit, is_name, breaks = rule
    if (PLAIN_NAME if is_name else PLAIN)(text):
        result = text
    else:
        text = INVISIBLE.sub("", text).strip(WHITE)
        if (CONTROL_BUT_BREAKS if breaks else CONTROL).search(text):
            raise ValueError("control character")
        if DIRECTION.search(text):
            raise ValueError("direction control")
        if is_name:
            text = text.translate(NAME_DOTS)
            parts = re.split(f"([{WHITE}]+)", text)
            for index in range(1, len(parts), 2):
                before, after = parts[index - 1][-1:], parts[index + 1][:1]
                padding = (ideographic(before) and ideographic(after)) or "\xb7" in (before, after)
                parts[index] = "" if padding else " "
            text = "".join(parts)
        result = unicodedata.normalize("NFC", text)
    if len(result) > limit:
        raise ValueError(f"longer than {limit} characters")
    return result


# --- values (IDNumber, CalendarDate, Money, Plausible) --------------------------------

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
TODAY = datetime.date.today()
# Bytes that are not UTF-8 (or GB18030), as `surrogateescape` reads them.
UNDECODABLE = re.compile("[\udc80-\udcff]").search
ID_SHAPE = re.compile(r"[0-9]{17}[0-9Xx]").fullmatch


def id_number(text):
    if len(text) != 18 or not ID_SHAPE(text):
        raise ValueError("not 18 digits (the last may be X)")
    try:
        birth = datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise ValueError("birth date does not exist") from None
    if birth.year < 1900:
        raise ValueError("birth date does not exist")
    if CHECK[sum(int(d) * w for d, w in zip(text, WEIGHTS)) % 11] != text[17].upper():
        raise ValueError("check digit is wrong")
    if birth > TODAY:
        raise ValueError("birth date after today")
    return text[:17] + "X" if text[17] == "x" else text


DATE = re.compile(r"([0-9]{4})(?:(-|/)([0-9]{1,2})\2([0-9]{1,2})|年([0-9]{1,2})月([0-9]{1,2})日)").fullmatch


def date(text):
    match = DATE(text)
    if not match:
        raise ValueError("not a date")
    year = int(match[1])
    month, day = (match[3], match[4]) if match[2] else (match[5], match[6])
    try:
        value = datetime.date(year, int(month), int(day))
    except ValueError:
        raise ValueError("day does not exist") from None
    if not 1900 <= year <= 2100:
        raise ValueError("year outside 1900–2100")
    return value.isoformat()


AMOUNT = re.compile(r"(?:￥|¥)?[ \t]*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]{1,2}))?[ \t]*(?:元)?").fullmatch
LARGEST = 10_000_000 * 100


def money(text):
    match = AMOUNT(text)
    if not match or len(match[1].replace(",", "")) > 13:
        raise ValueError("not an amount in yuan")
    fraction = match[2] or ""
    fen = int(match[1].replace(",", "")) * 100 + int((fraction + "00")[:2])
    if fen > LARGEST:
        raise ValueError("amount above 10,000,000 yuan")
    return fen


def size(text):
    if not (text.isascii() and text.isdigit()) or len(text) > 6 or not 1 <= int(text):
        raise ValueError("not a whole number of at least 1")
    if int(text) > 99:
        raise ValueError("household size above 99")
    return int(text)


def choice(words):
    def parse(text):
        value = words.get(text)
        if value is None:
            raise ValueError("not one of " + " | ".join(words))
        return value
    return parse


CATEGORY = choice({"深度困难": "deep", "相对困难": "relative", "意外致困": "accident"})
STATUS = choice({"在档": "active", "脱困": "exited", "销档": "closed"})
STAGE = choice({"无": "none", "学前": "preschool", "义务教育": "compulsory", "高中": "high_school", "中职": "vocational",
                "大学专科": "college", "大学本科": "undergraduate", "研究生": "graduate", "特殊教育": "special"})
KIND = choice({"生活救助": "living", "助学救助": "education", "医疗救助": "medical", "劳模生活困难补助": "model-worker-living",
               "劳模特殊困难帮扶": "model-worker-special", "送温暖慰问": "warmth", "其他": "other"})


def plausible_phone(text):
    digits = text.replace("-", "").replace(" ", "")
    if not (digits.isascii() and digits.isdigit()):
        return False
    return (len(digits) == 11 and digits[0] == "1" and digits[1] >= "3") or (digits[0] == "0" and 10 <= len(digits) <= 12) \
        or 7 <= len(digits) <= 8


def plausible_card(text):
    if not (16 <= len(text) <= 19 and text.isascii() and text.isdigit()):
        return False
    total = 0
    for position, digit in enumerate(map(int, reversed(text))):
        total += (digit * 2 - 9 if digit * 2 > 9 else digit * 2) if position % 2 else digit
    return total % 10 == 0


# --- the files -------------------------------------------------------------------------

# Each file: (header, text rule, required in the header, parser or None, required cell, fallback).
HOUSEHOLDS = [
    ("档案编号", CODE, True, None, True, None), ("户主姓名", PERSON, True, None, True, None),
    ("户主身份证号", CODE, True, id_number, True, None), ("工作单位", ORGANISATION, True, None, False, ""),
    ("所属工会", ORGANISATION, True, None, False, ""), ("困难类别", CODE, True, CATEGORY, True, None),
    ("建档日期", CODE, True, date, True, None), ("家庭人口", CODE, True, size, True, None),
    ("家庭年纯收入", CODE, True, money, True, None), ("自付医疗费用", CODE, False, money, False, None),
    ("致困原因", REMARK, False, None, False, None), ("联系电话", PHONE, True, None, False, ""),
    ("开户银行", ORGANISATION, True, None, False, ""), ("银行账号", CODE, True, None, False, ""),
    ("档案状态", CODE, False, STATUS, False, "active"),
]
MEMBERS = [
    ("档案编号", CODE, True, None, True, None), ("姓名", PERSON, True, None, True, None),
    ("身份证号", CODE, True, id_number, True, None), ("与户主关系", CODE, True, None, False, ""),
    ("就学阶段", CODE, True, STAGE, False, "none"), ("学校", ORGANISATION, False, None, False, None),
    ("备注", REMARK, False, None, False, None),
]
AID = [
    ("身份证号", CODE, True, id_number, True, None), ("姓名", PERSON, True, None, True, None),
    ("救助类型", CODE, True, KIND, True, None), ("金额", CODE, True, money, True, None),
    ("发放日期", CODE, True, date, True, None), ("发放单位", ORGANISATION, True, None, True, None),
    ("受助学生身份证号", CODE, False, id_number, False, ""),
]


def open_csv(path):
    """The file as text: UTF-8 (a BOM dropped) or, as Excel saves CSV on a Chinese
    Windows, GB18030."""
    with open(path, "rb") as file:
        head = file.read(1 << 16)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as error:
        encoding = "utf-8-sig" if error.start > len(head) - 4 else "gb18030"
    return open(path, encoding=encoding, errors="surrogateescape", newline="")


def rows(path, columns, problems, warnings):
    """Yields (row number, cleaned values by column) of each good row; bad rows go to
    `problems`."""
    with open_csv(path) as file:
        reader = csv.reader(file, strict=True)
        header = next(reader, None)
        if header is None:
            raise SystemExit(f"{path}: empty file")
        positions = {}
        for index, name in enumerate(header):
            name = clean(name.strip(WHITE), ORGANISATION)
            if not name:
                continue
            if name in positions:
                raise SystemExit(f"{path}: column {name} twice")
            positions[name] = index
        missing = [column[0] for column in columns if column[2] and column[0] not in positions]
        if missing:
            raise SystemExit(f"{path}: missing columns {missing}")
        width = len(header)
        layout = [(positions.get(name), name, rule, parse, required, fallback) for name, rule, _, parse, required, fallback in columns]
        phone_at = positions.get("联系电话")
        account_at = positions.get("银行账号")
        for fields in reader:
            number = reader.line_num
            if not any(field.strip(WHITE) for field in fields):
                continue
            bad = []
            if len(fields) != width:
                bad.append(f"{len(fields)} fields, the header has {width}")
            values = []
            for position, name, rule, parse, required, fallback in layout:
                raw = fields[position] if position is not None and position < len(fields) else ""
                try:
                    if not raw.isascii() and UNDECODABLE(raw):
                        raise ValueError("invalid UTF-8")
                    text = clean(raw.strip(WHITE), rule) if raw else ""
                    if text.startswith("'") and text.lstrip("'")[:1] in ("=", "+", "-", "@"):
                        text = text[1:]
                    if not text:
                        if required:
                            raise ValueError("must not be empty")
                        values.append(fallback)
                    else:
                        values.append(parse(text) if parse else text)
                except ValueError as error:
                    bad.append(f"{name}: {error} ({raw!r})")
                    values.append(None)
            if bad:
                problems.append((path, number, bad))
                continue
            if phone_at is not None and fields[phone_at] and not plausible_phone(fields[phone_at].strip(WHITE)):
                warnings[0] += 1
            if account_at is not None:
                account = fields[account_at].strip(WHITE).replace(" ", "")
                if account and not plausible_card(account):
                    warnings[0] += 1
            yield number, values


def load(db, table, sql, path, columns, keep, problems):
    """One file in one transaction: `keep(number, values)` turns a good row into the row
    to insert, or None when it is refused (it appends to `problems`)."""
    warnings = [0]
    before = len(problems)
    db.execute("BEGIN")
    written = 0
    chunk = []
    for number, values in rows(path, columns, problems, warnings):
        row = keep(number, values)
        if row is not None:
            chunk.append(row)
            if len(chunk) == 10_000:
                written += db.executemany(sql, chunk).rowcount
                chunk = []
    if chunk:
        written += db.executemany(sql, chunk).rowcount
    if len(problems) > before:
        db.execute("ROLLBACK")
        return None
    for index in INDEXES[table]:
        db.execute(index)
    db.execute("COMMIT")
    return written, warnings[0]


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.executescript(SCHEMA)
    problems = []

    archives = {}

    def household(number, values):
        first = archives.setdefault(values[0], number)
        if first != number:
            problems.append((sys.argv[2], number, [f"档案编号 {values[0]} repeats row {first}"]))
            return None
        return values

    members = {}

    def member(number, values):
        if values[0] not in archives:
            problems.append((sys.argv[3], number, [f"档案编号 {values[0]} is not on file"]))
            return None
        first = members.setdefault((values[0], values[2]), number)
        if first != number:
            problems.append((sys.argv[3], number, [f"身份证号 {values[2]} repeats row {first} in archive {values[0]}"]))
            return None
        return values

    def aid(number, values):
        return values

    summary = []
    for table, path, columns, keep, sql in [
        ("households", sys.argv[2], HOUSEHOLDS, household, "INSERT INTO households VALUES (" + ", ".join("?" * 15) + ")"),
        ("members", sys.argv[3], MEMBERS, member, "INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?)"),
        ("aid_records", sys.argv[4], AID, aid, "INSERT OR IGNORE INTO aid_records(id_number, name, kind, amount_fen, paid_on, payer, "
                                                "student_id_number) VALUES (?, ?, ?, ?, ?, ?, ?)"),
    ]:
        result = load(db, table, sql, path, columns, keep, problems)
        if result is None:
            for file, number, reasons in problems:
                print(f"{file}:{number}: " + "; ".join(reasons), file=sys.stderr)
            raise SystemExit(f"{path}: {len(problems)} bad rows, nothing of it stored")
        if table == "households":
            members.clear()
        summary.append(f"{table} {result[0]} written, {result[1]} warnings")
    print("; ".join(summary))


main()

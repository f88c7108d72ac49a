#!/usr/bin/env python3
"""Spot-checks that importer.py refuses the rows `bangfu import` refuses and takes the
rows it takes: each case changes one cell (or adds one row) of the first rows of the
generated files, and both import the three files into fresh databases. When both take the
files, the stored households, members and aid records must be the same. Prints one line
per case and exits 1 when they disagree.

    refusals.py BANGFU DATA_DIR
"""
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile

BANGFU, DATA = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))


def head(name, rows):
    with open(os.path.join(DATA, name), encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        return [next(reader) for _ in range(rows + 1)]


BASE = {"households": head("households.csv", 20), "members": head("members.csv", 30), "aid": head("aid.csv", 30)}
# Which column of each file a case changes, by header.
def cell(file, row, column, value):
    def change(files):
        index = files[file][0].index(column)
        files[file][row][index] = value
    return change


def extra(file, row):
    def change(files):
        files[file].append(list(files[file][row]))
    return change


def fields(file, row, count):
    def change(files):
        files[file][row] = files[file][row][:count]
    return change


CASES = [
    ("valid files", lambda files: None),
    ("户主身份证号 check digit wrong", cell("households", 3, "户主身份证号", "370203197009274708")),
    ("户主身份证号 lower-case x", cell("households", 3, "户主身份证号", "11010519491231002x")),
    ("户主身份证号 birth 1999-02-30", cell("households", 3, "户主身份证号", "370203199902301234")),
    ("户主身份证号 17 characters", cell("households", 3, "户主身份证号", "37020319700927470")),
    ("户主身份证号 born after today", cell("households", 3, "户主身份证号", "370203209901010011")),
    ("建档日期 2023-02-29", cell("households", 4, "建档日期", "2023-02-29")),
    ("建档日期 2023/2/28", cell("households", 4, "建档日期", "2023/2/28")),
    ("建档日期 2023年2月8日", cell("households", 4, "建档日期", "2023年2月8日")),
    ("建档日期 2023.02.08", cell("households", 4, "建档日期", "2023.02.08")),
    ("建档日期 1899-12-31", cell("households", 4, "建档日期", "1899-12-31")),
    ("家庭年纯收入 ¥12,345.5元", cell("households", 5, "家庭年纯收入", "¥12,345.5元")),
    ("家庭年纯收入 12.345", cell("households", 5, "家庭年纯收入", "12.345")),
    ("家庭年纯收入 1,23.00", cell("households", 5, "家庭年纯收入", "1,23.00")),
    ("家庭年纯收入 -5", cell("households", 5, "家庭年纯收入", "-5")),
    ("家庭年纯收入 10000001", cell("households", 5, "家庭年纯收入", "10000001")),
    ("家庭年纯收入 empty", cell("households", 5, "家庭年纯收入", "")),
    ("自付医疗费用 empty", cell("households", 5, "自付医疗费用", "")),
    ("家庭人口 0", cell("households", 6, "家庭人口", "0")),
    ("家庭人口 100", cell("households", 6, "家庭人口", "100")),
    ("家庭人口 3.5", cell("households", 6, "家庭人口", "3.5")),
    ("困难类别 困难", cell("households", 7, "困难类别", "困难")),
    ("档案状态 empty", cell("households", 7, "档案状态", "")),
    ("档案状态 在职", cell("households", 7, "档案状态", "在职")),
    ("户主姓名 empty", cell("households", 8, "户主姓名", "")),
    ("户主姓名 zero-width space only", cell("households", 8, "户主姓名", "\u200b")),
    ("户主姓名 张  敏", cell("households", 8, "户主姓名", "张  敏")),
    ("户主姓名 with a right-to-left override", cell("households", 8, "户主姓名", "张\u202e敏")),
    ("户主姓名 51 characters", cell("households", 8, "户主姓名", "张" * 51)),
    ("工作单位 with a bell", cell("households", 9, "工作单位", "某\x07公司")),
    ("工作单位 101 characters", cell("households", 9, "工作单位", "某" * 101)),
    ("致困原因 over two lines", cell("households", 9, "致困原因", "下岗\n失业")),
    ("联系电话 not a phone (a warning only)", cell("households", 9, "联系电话", "12345")),
    ("档案编号 repeated", extra("households", 2)),
    ("a row with 14 fields", fields("households", 10, 14)),
    ("成员 archive not on file", cell("members", 3, "档案编号", "QD2099-999999")),
    ("成员 row repeated", extra("members", 4)),
    ("成员 就学阶段 大学", cell("members", 5, "就学阶段", "大学")),
    ("成员 就学阶段 empty", cell("members", 5, "就学阶段", "")),
    ("成员 身份证号 check digit wrong", cell("members", 6, "身份证号", "370285196808028919")),
    ("救助 kind 救济", cell("aid", 3, "救助类型", "救济")),
    ("救助 金额 10,000,000.01", cell("aid", 3, "金额", "10,000,000.01")),
    ("救助 发放单位 empty", cell("aid", 4, "发放单位", "")),
    ("救助 受助学生身份证号 wrong", cell("aid", 4, "受助学生身份证号", "370702201210157054")),
    ("救助 row repeated (skipped, not refused)", extra("aid", 5)),
]


def write(folder, files):
    for name, rows in files.items():
        with open(os.path.join(folder, f"{name}.csv"), "w", encoding="utf-8-sig", newline="") as file:
            csv.writer(file, lineterminator="\r\n").writerows(rows)


def bangfu(folder):
    db = os.path.join(folder, "bangfu.sqlite")
    for kind in ("households", "members", "aid"):
        done = subprocess.run([BANGFU, "import", kind, os.path.join(folder, f"{kind}.csv"), "--db", db], capture_output=True)
        if done.returncode != 0:
            return f"refused {kind}"
    return "accepted"


def peer(folder):
    done = subprocess.run([sys.executable, os.path.join(HERE, "importer.py"), os.path.join(folder, "peer.sqlite")]
                          + [os.path.join(folder, f"{kind}.csv") for kind in ("households", "members", "aid")], capture_output=True, text=True)
    if done.returncode == 0:
        return "accepted"
    return "refused " + {"households": "households", "members": "members", "aid": "aid"}[os.path.basename(done.stderr.strip().splitlines()[-1].split(":")[0])[:-4]]


def stored(folder, name):
    db = sqlite3.connect(os.path.join(folder, name))
    return [db.execute(query).fetchall() for query in (
        "SELECT archive_no, head_name, head_id_number, work_unit, union_name, category, registered_on, size, annual_income_fen, "
        "medical_expense_fen, cause, phone, bank_name, bank_account, status FROM households ORDER BY 1",
        "SELECT archive_no, name, id_number, relation, school_stage, school, note FROM members ORDER BY 1, 3",
        "SELECT id_number, name, kind, amount_fen, paid_on, payer, student_id_number FROM aid_records ORDER BY 1, 2, 3, 4, 5, 6, 7")]


disagreements = 0
for title, change in CASES:
    files = {name: [list(row) for row in rows] for name, rows in BASE.items()}
    change(files)
    with tempfile.TemporaryDirectory() as folder:
        write(folder, files)
        ours, theirs = bangfu(folder), peer(folder)
        same = ours == theirs
        if same and ours == "accepted" and stored(folder, "bangfu.sqlite") != stored(folder, "peer.sqlite"):
            same, theirs = False, "accepted, but stored other values"
    disagreements += not same
    print(f"{'same' if same else 'DIFFERENT'}  {title}: bangfu {ours}, importer.py {theirs}")
sys.exit(1 if disagreements else 0)

#!/usr/bin/env python3
"""Writes an import CSV as an xlsx the way Excel saves one: text in shared strings, amounts
and counts as numbers, dates as date serials in a date style. For measuring the xlsx import
against the CSV import of the same rows (bench/README.md, "xlsx import"); standard library
only.

    bench/xlsx-from-csv.py households.csv households.xlsx
"""
import csv
import datetime
import sys
import zipfile
from xml.sax.saxutils import escape

NUMBERS = {"家庭人口", "家庭年纯收入", "自付医疗费用", "金额", "本人年收入"}
DATES = {"建档日期", "发放日期"}
EPOCH = datetime.date(1899, 12, 30)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def letters(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def main(source, target):
    strings = {}
    with open(source, encoding="utf-8-sig", newline="") as file, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as book:
        rows = csv.reader(file)
        header = next(rows)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            def cells(number, row, typed):
                out = []
                for column, value in enumerate(row):
                    if value == "":
                        continue
                    ref = f"{letters(column)}{number}"
                    name = header[column] if typed else ""
                    if name in NUMBERS:
                        out.append(f'<c r="{ref}"><v>{value.replace(",", "")}</v></c>')
                    elif name in DATES:
                        serial = (datetime.date.fromisoformat(value) - EPOCH).days
                        out.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
                    else:
                        index = strings.setdefault(value, len(strings))
                        out.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
                return f'<row r="{number}">{"".join(out)}</row>'
            sheet.write(cells(1, header, False).encode())
            for number, row in enumerate(rows, start=2):
                sheet.write(cells(number, row, True).encode())
            sheet.write(b"</sheetData></worksheet>")
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        parts = {
            "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
            "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/></Relationships>',
            "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
            "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        }
        for name, text in parts.items():
            book.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

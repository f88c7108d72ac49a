import Foundation
import Testing

/// OWASP's CSV injection: names and 工作单位 that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@`) reach every list Bangfu writes — the archive listing, the 公示 and
/// the bank list, as csv and as xlsx — as text a spreadsheet shows and does not run.
@Suite(.serialized)
struct FormulaInEveryExportTests {
    static let names = ["=HYPERLINK(\"http://x\",\"王\")", "@SUM(1+1)", "+王建国", "-2+3王"]

    /// Four households whose heads and units are formulas, each eligible for the living
    /// batch (深度困难, 12,000 yuan a year for three), and an approved batch of them.
    func approvedBatchOfFormulas() throws -> (CommandRunner, String) {
        let runner = try CommandRunner()
        let rows = Self.names.enumerated().map { index, name in
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return "QD-00\(index + 1),\(quoted),\(CommandRunner.idNumber(1970 + index, index + 1)),=A\(index + 1),港工会,深度困难,2022-03-15,3,12000,,-病,13812345678,工行,6222020200112233446,在档"
        }
        let households = (["档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态"] + rows)
            .joined(separator: "\n")
        let imported = try runner.run(["import", "households", try runner.file("h.csv", households)])
        #expect(imported.status == 0, "\(imported.stderr)")
        let id = try runner.computedBatch("living", date: "2024-01-20")
        try runner.approve(id)
        return (runner, id)
    }

    /// Whether any cell of a csv opens with a formula character (after its quote, if any).
    func cellsOpeningAFormula(_ csv: String) -> [String] {
        csv.components(separatedBy: "\r\n").flatMap { line in
            line.components(separatedBy: ",").filter { cell in
                let bare = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
                guard let first = bare.first, "=+@".contains(first) || (first == "-" && Double(bare) == nil) else { return false }
                return true
            }
        }
    }

    @Test func everyCSVListWritesFormulasAsText() throws {
        let (runner, id) = try approvedBatchOfFormulas()
        let notice = runner.folder.appendingPathComponent("公示.csv").path
        let bank = runner.folder.appendingPathComponent("银行.csv").path
        let exported = try runner.run(["batch", "export", id, "--notice", notice, "--bank", bank])
        #expect(exported.status == 0, "\(exported.stderr)")
        let listing = try runner.run(["households", "list", "--format", "csv"]).stdout
        for (what, text) in [("公示", try String(contentsOfFile: notice, encoding: .utf8)), ("银行", try String(contentsOfFile: bank, encoding: .utf8)), ("档案", listing)] {
            #expect(cellsOpeningAFormula(text).isEmpty, "\(what): \(cellsOpeningAFormula(text))")
        }
        // The notice and the listing carry the names; the bank list the names and accounts.
        #expect(listing.contains("'@SUM(1+1)") && listing.contains("'+王建国") && listing.contains("'-2+3王") && listing.contains("'=A1"))
        #expect(try String(contentsOfFile: bank, encoding: .utf8).contains("'@SUM(1+1)"))
    }

    @Test func everyXLSXListHoldsFormulasAsStrings() throws {
        let (runner, id) = try approvedBatchOfFormulas()
        let notice = runner.folder.appendingPathComponent("公示.xlsx").path
        let bank = runner.folder.appendingPathComponent("银行.xlsx").path
        let exported = try runner.run(["batch", "export", id, "--notice", notice, "--bank", bank])
        #expect(exported.status == 0, "\(exported.stderr)")
        for path in [notice, bank] {
            let sheet = try CommandRunner.unzipped(path, "xl/worksheets/sheet1.xml")
            #expect(!sheet.contains("<f>") && !sheet.contains("<f "), "\(path)")
            let strings = try CommandRunner.unzipped(path, "xl/sharedStrings.xml")
            #expect(strings.contains("@SUM(1+1)") && strings.contains("+王建国"), "\(path)")
        }
    }
}

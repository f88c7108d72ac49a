import BangfuCore
import Foundation
import Testing

/// Listings at province scale (issue 22): tables that stream with the first page's widths,
/// and `--limit`/`--offset` in every format.
struct ListingCommandTests {
    static let header = "档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态"

    /// The `n`th head's 身份证号, distinct for every `n` up to 20,000.
    static func id(_ n: Int) -> String { IDNumber(region: 370202, birth: CalendarDate(year: 1960 + n / 500, month: 1, day: 1)!, sequence: n % 500).value }

    /// `count` archives QD-0001… headed by 王建国, the last by `lastName`.
    static func archives(_ count: Int, lastName: String) -> String {
        ([header] + (1...count).map { n in
            let number = String(format: "QD-%04d", n)
            return "\(number),\(n == count ? lastName : "王建国"),\(id(n)),青岛港,港工会,深度困难,2022-03-15,3,12000,,重特大疾病,13812345678,工行,6222020200112233446,在档"
        }).joined(separator: "\n")
    }

    /// Where `needle` starts in `line`, in terminal columns.
    func column(of needle: String, in line: String) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return line[..<range.lowerBound].unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }

    @Test func aLongTableKeepsItsFirstPagesWidthsAndCutsALaterLongNameWithAnEllipsis() throws {
        // Given 1,001 archives, the last with a name far wider than the first thousand's
        let runner = try CommandRunner()
        let long = "欧阳慕容司马上官诸葛东方皇甫长孙"
        #expect(try runner.run(["import", "households", try runner.file("h.csv", Self.archives(1001, lastName: long))]).status == 0)
        // When they are listed as a table
        let listed = try runner.run(["households", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        // Then the last row's name is cut with … and its 身份证号 stands where the first row's does
        let first = try #require(lines.first { $0.hasPrefix("QD-0001") })
        let last = try #require(lines.first { $0.hasPrefix("QD-1001") })
        #expect(last.contains("欧阳慕…") && !last.contains(long), "\(last)")
        #expect(column(of: Self.id(1001), in: last) == column(of: Self.id(1), in: first))
        #expect(lines.first?.hasPrefix("档案编号") == true && lines.last == "共 1001 户")
        // And the CSV and JSON keep the whole name
        #expect(try runner.run(["households", "list", "--format", "csv"]).stdout.contains(long))
        #expect(try runner.run(["households", "list", "--format", "json"]).stdout.contains(long))
    }

    @Test func aTableWithinItsFirstPageIsAsWideAsItsWidestCell() throws {
        // Given two archives, one with a long name
        let runner = try CommandRunner()
        #expect(try runner.run(["import", "households", try runner.file("h.csv", Self.archives(2, lastName: "欧阳慕容司马上官"))]).status == 0)
        // Then nothing is cut and the column takes the long name's width
        let lines = try runner.run(["households", "list"]).stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("QD-0002   欧阳慕容司马上官  3") })
        #expect(lines.contains { $0.hasPrefix("QD-0001   王建国" + String(repeating: " ", count: 12) + "3") })
        #expect(!lines.joined().contains("…"))
    }

    @Test func limitAndOffsetPickTheSameRowsInEveryFormat() throws {
        // Given three archives
        let runner = try CommandRunner.withSmallArchive()
        // When the second alone is asked for
        let window = ["--offset", "1", "--limit", "1"]
        let table = try runner.run(["households", "list"] + window).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try runner.run(["households", "list", "--format", "json"] + window).stdout.utf8)) as? [[String: Any]])
        let csv = try runner.run(["households", "list", "--format", "csv"] + window).stdout.split(separator: "\r\n")
        // Then each format gives QD-002 and nothing else
        #expect(table.contains("QD-002") && !table.contains("QD-001") && !table.contains("QD-003") && table.hasSuffix("共 1 户\n"))
        #expect(json.map { $0["archive_no"] as? String } == ["QD-002"])
        #expect(csv.count == 2 && csv[1].hasPrefix("QD-002,李秀英"))
        // And QD-002's members start the page of members (it has none), QD-001's are not shown
        #expect(json.first?["members"] as? [Any] != nil && (json.first?["members"] as? [Any])?.isEmpty == true)
        // And an offset past the end lists nothing
        #expect(try runner.run(["households", "list", "--format", "json", "--offset", "9"]).stdout == "[]\n")
    }

    @Test func limitAndOffsetPageABatchsEntries() throws {
        // Given a computed batch over the small archive (two active archives: two entries)
        let runner = try CommandRunner.withSmallArchive()
        let id = try runner.computedBatch("living", date: "2024-01-20")
        // When its second entry alone is shown
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try runner.run(["batch", "show", id, "--format", "json", "--offset", "1"]).stdout.utf8)) as? [String: Any])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(try runner.run(["batch", "show", id, "--format", "json"]).stdout.utf8)) as? [String: Any])
        // Then it is the batch's second entry, and the batch's total is still the whole batch's
        let entries = try #require(json["entries"] as? [[String: Any]])
        let every = try #require(all["entries"] as? [[String: Any]])
        #expect(every.count == 2 && entries.count == 1)
        #expect(entries.first?["id_number"] as? String == every.last?["id_number"] as? String)
        #expect(json["total_fen"] as? Int == all["total_fen"] as? Int)
    }

    @Test func aNegativeLimitIsAUsageError() throws {
        let runner = try CommandRunner.withSmallArchive()
        let refused = try runner.run(["households", "list", "--limit", "-1"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--limit"))
    }
}

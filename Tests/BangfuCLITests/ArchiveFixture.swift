import BangfuCore
import Foundation
import Testing

/// A small archive shared by the batch tests: a deep household with an undergraduate and a
/// pupil, a relative household, and one that has left hardship (脱困).
extension CommandRunner {
    static let qingdaoPolicy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("policies/qingdao-2024.toml").path

    static func idNumber(_ year: Int, _ n: Int) -> String {
        IDNumber(region: 370202, birth: CalendarDate(year: year, month: 1 + n % 12, day: 1 + n % 28)!, sequence: n).value
    }

    static func withSmallArchive() throws -> CommandRunner {
        let runner = try CommandRunner()
        let households = """
            档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态
            QD-001,王建国,\(idNumber(1975, 1)),青岛港,港工会,深度困难,2022-03-15,3,12000,,重特大疾病,13812345678,工行,6222020200112233446,在档
            QD-002,李秀英,\(idNumber(1978, 2)),海尔,海尔工会,相对困难,2023-01-05,2,50000,,下岗失业,13912345678,建行,6217000010012345678,在档
            QD-003,赵敏,\(idNumber(1980, 3)),海尔,海尔工会,相对困难,2023-01-05,2,30000,,下岗失业,13912345678,建行,6222020200112233446,脱困
            """
        let members = """
            档案编号,姓名,身份证号,与户主关系,就学阶段,学校,备注
            QD-001,王建国,\(idNumber(1975, 1)),本人,无,,
            QD-001,王小明,\(idNumber(2005, 4)),子女,大学本科,中国海洋大学,
            QD-001,王小红,\(idNumber(2012, 5)),子女,义务教育,,
            """
        #expect(try runner.run(["import", "households", try runner.file("h.csv", households)]).status == 0)
        #expect(try runner.run(["import", "members", try runner.file("m.csv", members)]).status == 0)
        return runner
    }

    /// Creates a batch and computes it; returns its id.
    func computedBatch(_ kind: String, date: String, name: String = "测试批次", budget: String? = nil) throws -> String {
        let created = try run(["batch", "create", "--kind", kind, "--policy", Self.qingdaoPolicy, "--date", date, "--name", name]
                              + (budget.map { ["--budget", $0] } ?? []))
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let computed = try run(["batch", "compute", id])
        #expect(computed.status == 0, "\(computed.stderr)")
        return id
    }

    /// `batch show ID --format json` as a dictionary.
    func batchJSON(_ id: String) throws -> [String: Any] {
        let shown = try run(["batch", "show", id, "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    }

    /// 初审 by 张敏 and 复审 by 李强, each expected to succeed.
    func reviewTwice(_ id: String) throws {
        for (stage, person) in [("first", "张敏"), ("second", "李强")] {
            let reviewed = try run(["batch", "review", id, "--stage", stage, "--by", person])
            #expect(reviewed.status == 0, "\(reviewed.stderr)")
        }
    }

    /// Both reviews and approval by 王主席.
    func approve(_ id: String) throws {
        try reviewTwice(id)
        let approved = try run(["batch", "approve", id, "--by", "王主席"])
        #expect(approved.status == 0, "\(approved.stderr)")
    }

    /// A part of a zip file (an xlsx is one), or all its parts together, unzipped as text.
    static func unzipped(_ path: String, _ member: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", path] + (member.map { [$0] } ?? [])
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

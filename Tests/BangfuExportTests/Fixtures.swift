import BangfuCore
import BangfuExport
import Foundation

/// A 公示 notice as the batch screens will make it: numbers, names, amounts, a total.
enum Notice {
    static let headers = ["序号", "档案编号", "姓名", "工作单位", "救助类别", "金额（元）"]

    static let sheet = Sheet(
        name: "公示",
        title: "2024年春节困难职工帮扶资金发放公示",
        subtitle: ["公示期：2024-01-20 至 2024-01-26"],
        headers: headers,
        rows: [
            [.integer(1), .text("QD-001"), .text("王建国"), .text("青岛港集团"), .text("生活救助"), .money(.yuan(6000))],
            [.integer(2), .text("QD-002"), .text("李秀英"), .text("青岛啤酒股份有限公司第二分厂"), .text("医疗救助"), .money(Money(fen: 600_050))],
            [.integer(3), .text("QD-003"), .text("张伟"), .text("市北区环卫所"), .text("助学"), .money(.yuan(1500))],
        ],
        footer: [.text("合计"), .empty, .empty, .empty, .empty, .money(Money(fen: 1_350_050))],
        notes: ["如有异议，请于公示期内向市总工会帮扶中心反映。联系电话：0532-12345678"]
    )
}

/// A folder of its own under the system's temporary folder, removed after `body`.
func withTemporaryFolder<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// One part of a zip file (an xlsx is one), read with the system's `unzip`.
func zipMember(_ member: String, of path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = ["-p", path, member]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Small import files written to a temporary folder, which goes with the fixture, and an
/// in-memory store to import into.
final class Fixture: Sendable {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes `text` as a file in the given encoding; `bom` prefixes the UTF-8 BOM.
    func file(_ name: String, _ text: String, gb18030: Bool = false, bom: Bool = false) throws -> String {
        let url = folder.appendingPathComponent(name)
        var bytes = bom ? [UInt8]([0xEF, 0xBB, 0xBF]) : []
        bytes += gb18030 ? try Self.gb18030(text) : Array(text.utf8)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// `text` encoded as GB18030 with glibc's iconv, as Excel on a Chinese Windows saves it.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let descriptor = iconv_open("GB18030", "UTF-8")
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
        var produced = 0
        input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                _ = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                produced = outBuffer.count - outLeft
            }
        }
        return Array(output.prefix(produced))
    }
}

/// Valid id numbers for tests, distinct by `n`.
func testID(_ n: Int, born year: Int = 1980) -> String {
    IDNumber(region: 370202, birth: CalendarDate(year: year, month: 1 + n % 12, day: 1 + n % 28)!, sequence: n % 1000).value
}

let householdHeader = "档案编号,户主姓名,户主身份证号,工作单位,所属工会,困难类别,建档日期,家庭人口,家庭年纯收入,自付医疗费用,致困原因,联系电话,开户银行,银行账号,档案状态"

func householdLine(_ archive: String, name: String = "王建国", id: String = testID(1), category: String = "深度困难",
                   size: String = "3", income: String = "24000", status: String = "在档") -> String {
    "\(archive),\(name),\(id),青岛港集团,青岛港集团工会,\(category),2022-03-15,\(size),\(income),,重特大疾病,13812345678,中国工商银行青岛分行,6222020200112233446,\(status)"
}

/// The clerk the fixtures import as.
let fixtureClerk = RequestContext(actor: try! Person(name: "测试录入员"))

/// Imports households from `path` into `store` as `bangfu import households` does: the same
/// use case, so a rule of the real import holds here too.
func importHouseholds(_ path: String, into store: BangfuDatabase, today: CalendarDate? = nil) throws -> ImportSummary {
    let context = today.map { RequestContext(actor: fixtureClerk.actor, on: $0) } ?? fixtureClerk
    return try Imports.run(.households, path: path, into: store, context: context)
}

func importMembers(_ path: String, into store: BangfuDatabase) throws -> ImportSummary {
    try Imports.run(.members, path: path, into: store, context: fixtureClerk)
}

func importAid(_ path: String, into store: BangfuDatabase) throws -> ImportSummary {
    try Imports.run(.aid, path: path, into: store, context: fixtureClerk)
}

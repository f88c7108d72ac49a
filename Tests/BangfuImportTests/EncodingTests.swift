import BangfuCore
import BangfuImport
import BangfuStore
import Testing

struct EncodingTests {
    let text = householdHeader + "\n" + householdLine("QD-001", name: "李秀英") + "\n"

    @Test func utf8WithoutBOMIsRead() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let summary = try importHouseholds(try fixture.file("h.csv", text), into: store)
        #expect(summary.encoding == .utf8)
        #expect(summary.written == 1)
    }

    @Test func utf8WithBOMAsExcelSavesCSVUTF8IsRead() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let summary = try importHouseholds(try fixture.file("h.csv", text, bom: true), into: store)
        #expect(summary.encoding == .utf8)
        var names: [String] = []
        try store.forEachHousehold { household, _ in names.append(household.headName) }
        #expect(names == ["李秀英"])
    }

    @Test func gb18030AsExcelOnChineseWindowsSavesIsDetectedAndConverted() throws {
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        let summary = try importHouseholds(try fixture.file("h.csv", text, gb18030: true), into: store)
        #expect(summary.encoding == .gb18030)
        var names: [String] = []
        try store.forEachHousehold { household, _ in names.append(household.headName + household.category.chineseName) }
        #expect(names == ["李秀英深度困难"])
    }

    @Test func gb18030SpanningManyReadChunksIsConvertedWhole() throws {
        // More than one 1 MiB read chunk, so multi-byte characters are cut at chunk ends.
        let fixture = try Fixture()
        let store = try BangfuDatabase()
        var lines = [householdHeader]
        for index in 0..<12_000 { lines.append(householdLine("QD-\(index)", name: "欧阳娜娜", id: testID(index))) }
        let summary = try importHouseholds(try fixture.file("big.csv", lines.joined(separator: "\r\n"), gb18030: true), into: store)
        #expect(summary.written == 12_000)
        var allNamesIntact = true
        try store.forEachHousehold { household, _ in allNamesIntact = allNamesIntact && household.headName == "欧阳娜娜" }
        #expect(allNamesIntact)
    }

    @Test func utf16IsRefusedWithAnExplanation() throws {
        let fixture = try Fixture()
        let path = fixture.folder.appendingPathComponent("u16.csv")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "档案编号".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: path)
        let store = try BangfuDatabase()
        #expect(throws: ImportError.self) { try importHouseholds(path.path, into: store) }
    }
}

import Foundation

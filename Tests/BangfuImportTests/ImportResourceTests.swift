import BangfuCore
import BangfuImport
import Foundation
import Testing

/// Found by `bench/fuzz` (issue 17): every CSV import kept its file open — the parser held
/// the reader's record handler, which held the reader — so a server ran out of file
/// descriptors after enough imports, good or refused.
struct ImportResourceTests {
    /// This process's open file descriptors.
    func openFiles() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count }

    @Test func importsGoodOrRefusedCloseTheirFiles() throws {
        let fixture = try Fixture()
        let good = try fixture.file("good.csv", householdHeader + "\n" + householdLine("QD-001") + "\n")
        let refused = try fixture.file("refused.csv", "不是表头,也不是\n1,2\n")
        let importer = CSVImporter(format: RecordFormat.households, today: CalendarDate(year: 2024, month: 6, day: 1)!)
        let before = try openFiles()
        for _ in 0..<300 {
            _ = try importer.run(path: good) { _, _ in .written }
            _ = try? importer.run(path: refused) { _, _ in .written }
        }
        // 600 imports: with the leak, 600 more descriptors; other tests running beside may
        // hold a few at the moment of counting.
        #expect(try openFiles() - before < 100)
    }
}

import BangfuImport
import Foundation
import Testing

/// The shipped templates and sample are what the importers read.
struct TemplateTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("each template is the file's header, UTF-8 with a BOM", arguments: [
        ("households.csv", ImportFileRows.householdHeader), ("members.csv", ImportFileRows.memberHeader),
        ("model-workers.csv", ImportFileRows.modelWorkerHeader), ("aid.csv", ImportFileRows.aidHeader),
    ])
    func templatesCarryTheSpecHeaders(file: String, header: [String]) throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("import/templates/\(file)"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text == header.joined(separator: ","))
    }
}

import BangfuCore
import BangfuImport
import BangfuPolicyFiles
import Foundation

/// The libFuzzer entry (issue 17): the bytes as a policy file, as a project file, as a CSV of
/// one of the four import files (the input's length picks which, so every reader's columns
/// and checks are reached) and as an xlsx. Every one must end in a value or a typed error —
/// never a crash, a trap or a hang. Built only by `bench/fuzz` (the target is in the
/// package when BANGFU_FUZZ is set).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let text = String(decoding: data, as: UTF8.self)
    _ = try? PolicyFile.parse(text, file: "fuzz.toml")
    _ = try? ProjectFile.parse(text, file: "fuzz-project.toml")
    let csv = FuzzFiles.write(data, extension: "csv")
    let today = CalendarDate(year: 2024, month: 6, day: 1)!
    switch count % 4 {
    case 0: _ = try? CSVImporter(format: RecordFormat.households, today: today).run(path: csv) { _, _ in .written }
    case 1: _ = try? CSVImporter(format: RecordFormat.members, today: today).run(path: csv) { _, _ in .written }
    case 2: _ = try? CSVImporter(format: RecordFormat.modelWorkers, today: today).run(path: csv) { _, _ in .written }
    default: _ = try? CSVImporter(format: RecordFormat.aid, today: today).run(path: csv) { _, _ in .written }
    }
    let xlsx = FuzzFiles.write(data, extension: "xlsx")
    if let reader = try? XLSXSheetReader(path: xlsx) { try? reader.forEachRow { _ in true } }
    return 0
}

/// One file per process and extension, rewritten for each input.
enum FuzzFiles {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bangfu-fuzz-\(getpid())")

    static func write(_ data: Data, extension suffix: String) -> String {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("input.\(suffix)")
        try? data.write(to: url)
        return url.path
    }
}

/// libFuzzer's driver, from the fuzzer runtime `-sanitize=fuzzer` links in.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry as SwiftPM names it (`<module>_main`): libFuzzer's driver over the
/// target above, with the command line as libFuzzer reads it.
@_cdecl("bangfu_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { start, size in fuzzOneInput(start, size) }
}

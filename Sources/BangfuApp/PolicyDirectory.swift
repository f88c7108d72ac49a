import BangfuCore
import BangfuPolicyFiles
import Foundation

/// The policies of `bangfu serve --policies DIR` (spec §9): every `*.toml` directly in the
/// folder (its `projects/` are project files, not policies).
public enum PolicyDirectory {
    /// The policies in `directory`, in file-name order. A folder that is not there is
    /// refused (a mistyped `--policies` would otherwise serve with no 低保 to check against);
    /// a file that is not a valid policy is refused with its own error, naming file and line.
    public static func load(_ directory: String) throws -> [Policy] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { throw PolicyDirectoryMissing(path: directory) }
        return try names.filter { $0.hasSuffix(".toml") }.sorted().map { name in
            try PolicyFile.load(path: (directory as NSString).appendingPathComponent(name))
        }
    }
}

/// `--policies` names no folder this process can read.
public struct PolicyDirectoryMissing: Error, Equatable, UserFacingError {
    public let path: String

    public var chinese: String { "找不到策略文件目录「\(path.escapedForDisplay)」（--policies；默认为当前目录下的 policies）" }
    public var english: String { "no policy folder \(path.escapedForDisplay) (--policies; default ./policies)" }
    public var failure: Failure { .badInput }
}

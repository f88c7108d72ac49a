import BangfuCore
import BangfuPolicyFiles
import Foundation

/// The policies of `bangfu serve --policies DIR` (spec §9): every `*.toml` directly in the
/// folder (its `projects/` are project files, not policies).
public enum PolicyDirectory {
    /// The policies in `directory`, in file-name order; none when the folder does not exist.
    /// A file that is not a valid policy is refused with its own error, naming file and line.
    public static func load(_ directory: String) throws -> [Policy] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return try names.filter { $0.hasSuffix(".toml") }.sorted().map { name in
            try PolicyFile.load(path: (directory as NSString).appendingPathComponent(name))
        }
    }
}

import BangfuCore
import BangfuPolicyFiles
import Foundation

/// The project files beside the policies (spec §9: `DIR/projects/*.toml`, named by
/// `[project] name`), read when a batch is created so that it keeps its project's budget.
public enum ProjectDirectory {
    /// Where the projects of a policy file are: `projects/` in the policy file's folder, as
    /// `--policies DIR` lays them out for `bangfu serve`.
    public static func folder(besidePolicy policyPath: String) -> String {
        ((policyPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("projects")
    }

    /// The project files of `folder` (`*.toml`), in file-name order; none when the folder is
    /// not there. A file that is not a valid project is refused with its own error (file and
    /// line): a batch created past it would skip its project's budget without a word.
    public static func projects(in folder: String) throws -> [Project] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return try names.filter { $0.hasSuffix(".toml") }.sorted().map { name in
            try ProjectFile.load(path: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// The project named `name` for `year` in `folder`, or nil.
    public static func project(named name: String, year: Int, in folder: String) throws -> Project? {
        try projects(in: folder).first { $0.name == name && $0.year == year }
    }
}

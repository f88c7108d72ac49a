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

    /// The project named `name` for `year` in `folder`, or nil when the folder or the file is
    /// not there. A project file that cannot be read is refused with its own error (file and
    /// line): a batch created past it would skip its project's budget without a word.
    public static func project(named name: String, year: Int, in folder: String) throws -> Project? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        for file in names.sorted() where file.hasSuffix(".toml") {
            let project = try ProjectFile.load(path: (folder as NSString).appendingPathComponent(file))
            if project.name == name && project.year == year { return project }
        }
        return nil
    }
}

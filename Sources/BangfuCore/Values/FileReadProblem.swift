import Foundation

/// Why a file a person named could not be read, in words for that person: Foundation's
/// own errors (`NSCocoaErrorDomain Code=256`) say nothing to a clerk.
public enum FileReadProblem: Error, Hashable, Sendable, UserFacingError {
    /// No file at that path.
    case missing
    /// The path names a folder.
    case folder
    /// The file exists but this user may not read it.
    case notPermitted
    /// Any other failure of the system, by its errno.
    case other(code: Int32)

    /// What stands in the way of reading `path`, found by asking the file system again
    /// after a read failed.
    public static func diagnose(_ path: String) -> FileReadProblem {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .missing }
        if isFolder.boolValue { return .folder }
        if !FileManager.default.isReadableFile(atPath: path) { return .notPermitted }
        return .other(code: errno)
    }

    /// The problem in Chinese.
    public var chinese: String {
        switch self {
        case .missing: "文件不存在，请检查路径"
        case .folder: "这是一个文件夹，不是文件"
        case .notPermitted: "没有读取该文件的权限"
        case .other(let code): "系统读取出错（错误码 \(code)）"
        }
    }

    /// The problem in English.
    public var english: String {
        switch self {
        case .missing: "no such file"
        case .folder: "it is a folder, not a file"
        case .notPermitted: "permission denied"
        case .other(let code): String(cString: strerror(code))
        }
    }
}

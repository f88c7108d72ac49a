import BangfuCore
import Foundation

/// A folder or file operation that failed (`--out` in a place that cannot be made, a disk
/// that is full), said for a person: the path and the reason, without Foundation's
/// `NSCocoaErrorDomain` wording.
struct FileSystemFailure: UserFacingError {
    let chinese: String
    let english: String
    var failure: Failure { .unavailable }

    init(_ error: CocoaError) {
        let path = error.filePath ?? error.url?.path ?? ""
        let code = ((error.userInfo[NSUnderlyingErrorKey] as? any Error).map { Int32(($0 as NSError).code) }) ?? EIO
        let chinese: String =
            switch code {
            case ENOENT: "路径中的文件夹或文件不存在"
            case EACCES, EPERM: "没有权限"
            case ENOSPC, EDQUOT: "磁盘已满"
            case EROFS: "文件系统只读"
            case ENOTDIR: "路径中有一段不是文件夹"
            case EISDIR: "这是一个文件夹，不是文件"
            case EEXIST: "已有同名的文件"
            default: "文件操作失败（错误码 \(code)）"
            }
        self.chinese = (path.isEmpty ? "" : "\(path)：") + chinese
        english = (path.isEmpty ? "" : "\(path): ") + String(cString: strerror(code))
    }
}

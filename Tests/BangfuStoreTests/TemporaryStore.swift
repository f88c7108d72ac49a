import Foundation

/// The path of a database file of its own under the system's temporary folder.
func temporaryStorePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
}

/// Removes the database file at `path` with the files SQLite keeps beside it.
func removeStore(at path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

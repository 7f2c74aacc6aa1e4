import Foundation

/// An SQLite file for one benchmark under the temporary directory, removed with its WAL and
/// shared-memory files when the benchmark is done.
public struct ScratchDatabase: Sendable {
    /// The file's path.
    public let path: String

    public init(_ prefix: String) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString).sqlite").path
    }

    /// Removes the file, its `-wal` and its `-shm`.
    public func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

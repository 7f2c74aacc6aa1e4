/// Why a store call failed. The code is stable (it becomes an API problem type); the message
/// says what happened in words.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// Someone else changed what this call was based on (a concurrent publish).
        case conflict = "Conflict"
        /// The named thing does not exist.
        case notFound = "NotFound"
        /// The database cannot be reached or opened; retrying later may succeed.
        case unavailable = "DatabaseUnavailable"
        /// A value cannot be stored (text with a NUL character, an empty path).
        case invalidInput = "InvalidInput"
        /// The database URL is malformed or names an unknown scheme.
        case invalidDatabaseURL = "InvalidDatabaseURL"
        /// The database refused the request (a bug, or a schema newer than this program).
        case failed = "DatabaseError"
    }

    /// What kind of failure.
    public var code: Code
    /// What happened.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

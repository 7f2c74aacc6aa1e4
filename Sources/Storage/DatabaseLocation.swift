import Foundation

/// Where a store lives, from `--database`: `sqlite:PATH` (or a bare path) or `postgres://…`.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL server, by its URL.
    case postgres(url: String)

    /// The default: `revenue.sqlite` in the working directory.
    public static let defaultLocation = DatabaseLocation.sqlite(path: "revenue.sqlite")

    /// Reads a `--database` value.
    ///
    /// - Throws: ``StoreError/Code/invalidDatabaseURL`` for an empty path or an unknown scheme.
    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
            return
        }
        let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
        if let colon = text.firstIndex(of: ":"), !text.hasPrefix("sqlite:"), text[..<colon].allSatisfy(\.isLetter),
           text[..<colon].count > 1
        {
            throw StoreError(.invalidDatabaseURL,
                             "'\(text)' names an unknown database kind '\(text[..<colon])'; use sqlite:PATH or postgres://USER@HOST/DB")
        }
        guard !path.isEmpty else {
            throw StoreError(.invalidDatabaseURL, "'\(text)' names no file; use sqlite:PATH")
        }
        self = .sqlite(path: path)
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): DatabaseLocation.redacted(url)
        }
    }

    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}

import Foundation

/// Checks of text before it is stored, the same for every store: PostgreSQL cannot hold a NUL
/// character in text, so no store accepts one.
public enum StoredText {
    /// `text`, or `InvalidInput` naming `field` when it holds a NUL character.
    public static func check(_ text: String, _ field: @autoclosure () -> String) throws(StoreError) {
        if containsNUL(text) { throw StoreError(.invalidInput, "\(field()) contains a NUL character") }
    }

    /// Whether `text` holds a NUL character.
    static func containsNUL(_ text: String) -> Bool {
        // Native strings are contiguous UTF-8: memchr, not the UTF8View's index walk.
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.isEmpty ? false : memchr(bytes.baseAddress!, 0, bytes.count) != nil
        } ?? text.utf8.contains(0)
    }

    /// Checks a file's path: not empty, no NUL.
    public static func check(path: String) throws(StoreError) {
        guard !path.isEmpty else { throw StoreError(.invalidInput, "a definitions file path is empty") }
        try check(path, "the path '\(path.replacingNULs)'")
    }

    /// Checks what a publish records.
    public static func check(_ publication: Publication) throws(StoreError) {
        for file in publication.files { try check(path: file.path) }
        try check(publication.author, "the author")
        try check(publication.comment, "the comment")
    }
}

extension String {
    /// The text with NUL shown as `\0`, for messages.
    var replacingNULs: String { split(separator: "\u{0}", omittingEmptySubsequences: false).joined(separator: "\\0") }
}

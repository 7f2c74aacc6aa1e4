public import Definitions
public import Storage

extension PublishedVersion {
    /// The version as one JSON object, the same for `revenue definitions versions --json` and the
    /// API: `version`, `publishedAt`, `author`, `comment`, `files`, `checksum`, `restores`, and
    /// whatever `extra` adds.
    public func write(to out: JSONWriter, extra: (JSONWriter) -> Void = { _ in }) {
        out.object {
            out.field("version", number)
            out.field("publishedAt", StoredTime.iso8601(publishedAt))
            out.field("author", author)
            out.field("comment", comment)
            out.field("files", fileCount)
            out.field("checksum", checksum)
            out.field("restores", restores)
            extra(out)
        }
    }
}

extension DefinitionChange {
    /// The change as one JSON object, the same for `revenue definitions diff --json` and the API:
    /// `change` (added, removed or changed), `document`, `path`, `old`, `new`.
    public func write(to out: JSONWriter) {
        out.object {
            out.field("change", kind.rawValue)
            out.field("document", document)
            out.key("path")
            out.array(path) { out.string($0) }
            out.field("old", old)
            out.field("new", new)
        }
    }
}

import Definitions
import Foundation
import Publishing
import Storage

/// Published versions as a table or JSON.
enum VersionText {
    static func table(_ versions: [PublishedVersion]) -> String {
        guard !versions.isEmpty else { return "Nothing is published yet; publish with revenue definitions publish DIR.\n" }
        let rows = versions.map { version in
            ["\(version.number)", timestamp(version.publishedAt), version.author, "\(version.fileCount)",
             String(version.checksum.prefix(12)),
             (version.restores.map { "[restores \($0)] " } ?? "") + version.comment]
        }
        return TextTable.render(header: ["version", "published (UTC)", "author", "files", "checksum", "comment"], rows: rows)
    }

    static func json(_ versions: [PublishedVersion]) -> String {
        let out = JSONWriter()
        out.array(versions) { $0.write(to: out) }
        return out.text
    }

    /// `2026-11-23 09:30:00`, in UTC, for tables.
    static func timestamp(_ date: Date) -> String {
        let iso = StoredTime.iso8601(date)
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(8)
    }
}

/// Semantic changes as a table grouped by document, or JSON.
enum ChangeText {
    static func table(_ changes: [DefinitionChange], from old: DefinitionsLifecycle.Selection,
                      to new: DefinitionsLifecycle.Selection) -> String
    {
        guard !changes.isEmpty else { return "No changes from \(old) to \(new).\n" }
        var text = "Changes from \(old) to \(new):\n"
        var document = ""
        for change in changes {
            let sign = switch change.kind {
            case .added: "+"
            case .removed: "-"
            case .changed: "~"
            }
            if change.path.isEmpty {
                text += "\n\(sign) \(change.document)\n"
                document = ""
                continue
            }
            if change.document != document {
                text += "\n\(change.document)\n"
                document = change.document
            }
            let value = switch change.kind {
            case .added: change.new ?? ""
            case .removed: change.old ?? ""
            case .changed: "\(change.old ?? "") → \(change.new ?? "")"
            }
            text += "  \(sign) \(change.pathText): \(value)\n"
        }
        let counts = [DefinitionChange.Kind.added, .removed, .changed].map { kind in
            "\(changes.count { $0.kind == kind }) \(kind.rawValue)"
        }
        return text + "\n\(changes.count) change\(changes.count == 1 ? "" : "s"): \(counts.joined(separator: ", ")).\n"
    }

    static func json(_ changes: [DefinitionChange]) -> String {
        let out = JSONWriter()
        out.array(changes) { $0.write(to: out) }
        return out.text
    }
}

/// Plain text tables with columns padded to their widest cell.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacing(/\ +$/, with: "")
        }.joined(separator: "\n") + "\n"
    }
}

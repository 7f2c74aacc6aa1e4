/// The semantic difference between two sets of definitions documents: which documents were added
/// or removed, and inside the documents present in both, which values changed, with list items
/// matched by natural key (a product's `id`, a price entry's product and currency, an element's
/// `id`), so that reordering a list or moving a document to another file is no change at all.
///
/// ```swift
/// let changes = DefinitionDiff.changes(from: old.documents, to: new.documents)
/// for change in changes { print(change.document, change.pathText, change.old ?? "", "→", change.new ?? "") }
/// ```
public enum DefinitionDiff {
    /// The changes from `old` to `new`, in document order (kind, id, version) and then in the
    /// order of the new document's keys.
    public static func changes(from old: [DefinitionDocument], to new: [DefinitionDocument]) -> [DefinitionChange] {
        let before = Dictionary(old.map { (DocumentKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { (DocumentKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [DefinitionChange] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            switch (before[key], after[key]) {
            case (let old?, let new?):
                compare(old.root, new.root, path: [], document: key.title, into: &changes)
            case (let old?, nil):
                changes.append(DefinitionChange(kind: .removed, document: key.title, path: [], old: NodeText.of(old.root), new: nil))
            case (nil, let new?):
                changes.append(DefinitionChange(kind: .added, document: key.title, path: [], old: nil, new: NodeText.of(new.root)))
            case (nil, nil):
                break
            }
        }
        return changes
    }

    /// A document's identity across sets: kind, id and version (its file does not matter).
    private struct DocumentKey: Hashable, Comparable {
        let kind: String
        let id: String
        let version: Int

        init(_ document: DefinitionDocument) {
            kind = document.kind
            id = document.id
            version = document.version
        }

        var title: String { "\(kind) '\(id)' v\(version)" }

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.kind, lhs.id, lhs.version) < (rhs.kind, rhs.id, rhs.version)
        }
    }

    private static func compare(_ old: DocumentNode, _ new: DocumentNode, path: [String], document: String,
                                into changes: inout [DefinitionChange])
    {
        switch (old.content, new.content) {
        case (.mapping(let before), .mapping(let after)):
            let oldValues = Dictionary(before.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            let newKeys = Set(after.map(\.key))
            for entry in after {
                if let previous = oldValues[entry.key] {
                    compare(previous, entry.value, path: path + [entry.key], document: document, into: &changes)
                } else {
                    changes.append(DefinitionChange(kind: .added, document: document, path: path + [entry.key], old: nil,
                                                    new: NodeText.of(entry.value)))
                }
            }
            for entry in before where !newKeys.contains(entry.key) {
                changes.append(DefinitionChange(kind: .removed, document: document, path: path + [entry.key],
                                                old: NodeText.of(entry.value), new: nil))
            }
        case (.sequence(let before), .sequence(let after)) where !isScalarList(before) || !isScalarList(after):
            compareItems(before, after, path: path, document: document, into: &changes)
        default:
            guard !NodeText.sameValue(old, new) else { return }
            changes.append(DefinitionChange(kind: .changed, document: document, path: path, old: NodeText.of(old),
                                            new: NodeText.of(new)))
        }
    }

    /// Compares list items by natural key when the items have one, else by position.
    private static func compareItems(_ before: [DocumentNode], _ after: [DocumentNode], path: [String], document: String,
                                     into changes: inout [DefinitionChange])
    {
        let name = path.last ?? ""
        let prefix = Array(path.dropLast())
        func itemPath(_ label: String) -> [String] { prefix + ["\(name)[\(label)]"] }
        let labels = NaturalKey.labels(before, after)
        let oldByLabel = Dictionary(zip(labels.old, before).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        let newLabels = Set(labels.new)
        for (label, item) in zip(labels.new, after) {
            if let previous = oldByLabel[label] {
                compare(previous, item, path: itemPath(label), document: document, into: &changes)
            } else {
                changes.append(DefinitionChange(kind: .added, document: document, path: itemPath(label), old: nil,
                                                new: NodeText.of(item)))
            }
        }
        for (label, item) in zip(labels.old, before) where !newLabels.contains(label) {
            changes.append(DefinitionChange(kind: .removed, document: document, path: itemPath(label),
                                            old: NodeText.of(item), new: nil))
        }
    }

    private static func isScalarList(_ items: [DocumentNode]) -> Bool {
        items.allSatisfy { if case .scalar = $0.content { true } else { false } }
    }
}

import Money

/// Document values as one line of text for diffs: scalars as written, lists and mappings in
/// flow style (`{ product: SERVER, unitPrice: 15000 }`).
enum NodeText {
    static func of(_ node: DocumentNode) -> String {
        switch node.content {
        case .scalar(let text, .null, _): text.isEmpty ? "null" : text
        case .scalar(let text, _, _): text
        case .sequence(let items): "[" + items.map(of).joined(separator: ", ") + "]"
        case .mapping(let entries):
            entries.isEmpty ? "{}" : "{ " + entries.map { "\($0.key): \(of($0.value))" }.joined(separator: ", ") + " }"
        }
    }

    /// Whether two values are the same: numbers by value (`15000` and `15000.00` are equal),
    /// everything else by kind and text.
    static func sameValue(_ old: DocumentNode, _ new: DocumentNode) -> Bool {
        if case .scalar(let before, .number, _) = old.content, case .scalar(let after, .number, _) = new.content,
           let left = try? ExactDecimal(before), let right = try? ExactDecimal(after)
        {
            return left == right
        }
        switch (old.content, new.content) {
        case (.scalar(let before, let beforeKind, _), .scalar(let after, let afterKind, _)):
            return before == after && beforeKind == afterKind
        default:
            return of(old) == of(new)
        }
    }
}

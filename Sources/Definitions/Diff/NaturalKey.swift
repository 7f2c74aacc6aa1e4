/// How list items are named in a diff: by the first set of key fields that every item of both
/// lists has and that tells the items apart, else by position (1-based).
enum NaturalKey {
    /// Key fields tried in order: ids first, then the fields that identify a price entry, a rate
    /// card entry, an exchange rate, a plan option, a tier, a bundle rule.
    static let candidates: [[String]] = [
        ["id"],
        ["product", "resource"],
        ["product", "currency", "sellingModel", "effectiveFrom"],
        ["from", "to", "effectiveFrom"],
        ["procedure"],
        ["parent", "component"],
        ["lower"],
        ["when"],
        ["name"],
        ["product"],
    ]

    /// The label of every item of `old` and of `new`.
    static func labels(_ old: [DocumentNode], _ new: [DocumentNode]) -> (old: [String], new: [String]) {
        for fields in candidates {
            if let old = labels(old, by: fields), let new = labels(new, by: fields) { return (old, new) }
        }
        return (old.indices.map { "\($0 + 1)" }, new.indices.map { "\($0 + 1)" })
    }

    /// Labels by `fields`, or `nil` when an item lacks the first field or two items share a label.
    private static func labels(_ items: [DocumentNode], by fields: [String]) -> [String]? {
        var seen = Set<String>()
        var labels: [String] = []
        for item in items {
            guard case .mapping(let entries) = item.content else { return nil }
            var values: [String] = []
            for (position, field) in fields.enumerated() {
                guard let value = entries.first(where: { $0.key == field })?.value else {
                    if position == 0 { return nil }
                    continue
                }
                values.append(NodeText.of(value))
            }
            let label = values.joined(separator: ", ")
            guard seen.insert(label).inserted else { return nil }
            labels.append(label)
        }
        return labels
    }
}

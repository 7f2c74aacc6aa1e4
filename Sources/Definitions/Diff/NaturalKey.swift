/// How list items are named in a diff: by the first key that every item of both lists has and
/// that tells the items apart, else by position (1-based).
enum NaturalKey {
    /// A key: fields every item must have, and fields added to the label where an item has them.
    struct Candidate {
        let required: [String]
        let optional: [String]
    }

    /// Keys tried in order: ids first, then what identifies a rate card entry, a price entry, an
    /// exchange rate, a plan option, a bundle rule, a tier.
    static let candidates: [Candidate] = [
        Candidate(required: ["id"], optional: []),
        Candidate(required: ["product", "resource"], optional: []),
        Candidate(required: ["product", "currency"], optional: ["sellingModel", "effectiveFrom"]),
        Candidate(required: ["from", "to"], optional: ["effectiveFrom"]),
        Candidate(required: ["procedure"], optional: []),
        Candidate(required: ["parent"], optional: ["component"]),
        Candidate(required: ["lower"], optional: []),
        Candidate(required: ["when"], optional: []),
        Candidate(required: ["name"], optional: []),
        Candidate(required: ["product"], optional: []),
    ]

    /// The label of every item of `old` and of `new`.
    static func labels(_ old: [DocumentNode], _ new: [DocumentNode]) -> (old: [String], new: [String]) {
        for candidate in candidates {
            if let old = labels(old, by: candidate), let new = labels(new, by: candidate) { return (old, new) }
        }
        return (old.indices.map { "\($0 + 1)" }, new.indices.map { "\($0 + 1)" })
    }

    /// Labels by a key, or `nil` when an item lacks a required field or two items share a label.
    private static func labels(_ items: [DocumentNode], by candidate: Candidate) -> [String]? {
        var seen = Set<String>()
        var labels: [String] = []
        for item in items {
            guard case .mapping(let entries) = item.content else { return nil }
            func value(_ field: String) -> String? {
                entries.first { $0.key == field }.map { NodeText.of($0.value) }
            }
            var values: [String] = []
            for field in candidate.required {
                guard let text = value(field) else { return nil }
                values.append(text)
            }
            values += candidate.optional.compactMap(value)
            let label = values.joined(separator: ", ")
            guard seen.insert(label).inserted else { return nil }
            labels.append(label)
        }
        return labels
    }
}

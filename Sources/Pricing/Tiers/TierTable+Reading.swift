public import Definitions

extension TierTable {
    /// Reads a tier list `[{lower, upper?, …}]` from a definitions document and runs the
    /// save-time checks (``problems(basis:)``), reporting each problem at its tier; `nil` when
    /// anything is wrong. `value` reads the rest of one tier.
    public static func read(_ reader: ObjectReader, key: String = "tiers", basis: Basis,
                            value: (ObjectReader) -> Value?) -> TierTable?
    {
        var tiers: [Tier] = []
        var valid = true
        let items = reader.objects(key)
        for item in items {
            defer { item.finish() }
            let lower = item.decimal("lower")
            let upper = item.decimal("upper", required: false)
            let tierValue = value(item)
            guard let lower, let tierValue else {
                valid = false
                continue
            }
            tiers.append(Tier(lower: lower, upper: upper, value: tierValue))
        }
        guard valid, reader.has(key) else { return nil }
        let table = TierTable(tiers: tiers)
        let problems = table.problems(basis: basis)
        for problem in problems {
            let path = "\(reader.path(of: key))[\(problem.index)]"
            let location = problem.index < items.count ? items[problem.index].location(of: "lower") : reader.location(of: key)
            reader.context.diagnostics.error(problem.code, at: location, path: path, problem.message)
        }
        return problems.isEmpty ? table : nil
    }
}

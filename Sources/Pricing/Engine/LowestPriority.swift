/// The candidates that share the lowest priority (DOMAIN.md §1.4, §1.5): one winner, or several
/// for the caller to report as ambiguous.
func lowestPriority<T>(_ candidates: some Sequence<T>, priority: (T) -> Int) -> [T] {
    var best: [T] = []
    for candidate in candidates {
        if let first = best.first {
            let current = priority(first)
            if priority(candidate) > current { continue }
            if priority(candidate) < current { best.removeAll() }
        }
        best.append(candidate)
    }
    return best
}

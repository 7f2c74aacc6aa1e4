/// The candidates that share the lowest priority (DOMAIN.md §1.4, §1.5): one winner, or several
/// for the caller to report as ambiguous. Offering candidates allocates only when they tie.
struct LowestPriority<T> {
    /// The first candidate with the lowest priority so far.
    private(set) var winner: T?
    /// The lowest priority so far.
    private(set) var priority = Int.max
    /// Later candidates with the same priority as ``winner``.
    private(set) var ties: [T] = []

    /// Keeps `candidate` if its priority is the lowest so far, or ties with it.
    mutating func offer(_ candidate: T, priority candidatePriority: Int) {
        if winner == nil || candidatePriority < priority {
            winner = candidate
            priority = candidatePriority
            ties.removeAll()
        } else if candidatePriority == priority {
            ties.append(candidate)
        }
    }

    /// Whether several candidates share the lowest priority.
    var isAmbiguous: Bool { !ties.isEmpty }

    /// The winner and its ties, in the order offered.
    var all: [T] { (winner.map { [$0] } ?? []) + ties }
}

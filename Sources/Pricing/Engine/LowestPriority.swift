/// The candidates that share the lowest priority (DOMAIN.md §1.4, §1.5): one winner, or several
/// for the caller to report as ambiguous. Candidates are positions in the caller's list, so
/// offering them copies nothing and allocates only when they tie.
struct LowestPriority {
    /// The first position with the lowest priority so far.
    private(set) var winner: Int?
    /// The lowest priority so far.
    private(set) var priority = Int.max
    /// Later positions with the same priority as ``winner``.
    private(set) var ties: [Int] = []

    /// Keeps `position` if its priority is the lowest so far, or ties with it.
    mutating func offer(_ position: Int, priority candidatePriority: Int) {
        if winner == nil || candidatePriority < priority {
            winner = position
            priority = candidatePriority
            ties.removeAll()
        } else if candidatePriority == priority {
            ties.append(position)
        }
    }

    /// Whether several candidates share the lowest priority.
    var isAmbiguous: Bool { !ties.isEmpty }

    /// The winner and its ties, in the order offered.
    var all: [Int] { (winner.map { [$0] } ?? []) + ties }
}

/// Finds cycles in a quote's parent links in one pass over the lines.
///
/// Each line is walked up until it reaches a line already settled, a line without a parent, or a
/// line on the walk itself (a cycle), so every line is visited a constant number of times.
struct ParentCycles {
    /// Per line: the index into ``cycles`` of the cycle it is on or hangs under.
    private var cycleOf: [Int?]
    /// The members of each cycle, in quote order.
    private var cycles: [[Int]] = []

    init(parents: [Int?]) {
        enum Mark { case unvisited, onWalk, settled }
        var marks = [Mark](repeating: .unvisited, count: parents.count)
        cycleOf = [Int?](repeating: nil, count: parents.count)
        var walk: [Int] = []
        for start in parents.indices where marks[start] == .unvisited {
            walk.removeAll(keepingCapacity: true)
            var cursor: Int? = start
            var found: Int?
            while let current = cursor {
                switch marks[current] {
                case .unvisited:
                    marks[current] = .onWalk
                    walk.append(current)
                    cursor = parents[current]
                    continue
                case .onWalk:
                    // The walk came back to itself: the cycle is the walk from `current` on.
                    guard let first = walk.firstIndex(of: current) else { break }
                    cycles.append(walk[first...].sorted())
                    found = cycles.count - 1
                case .settled:
                    found = cycleOf[current]
                }
                break
            }
            for line in walk {
                marks[line] = .settled
                cycleOf[line] = found
            }
        }
    }

    /// The cycle a line is on or hangs under, or `nil`.
    func cycle(under line: Int) -> [Int]? {
        cycleOf[line].map { cycles[$0] }
    }
}

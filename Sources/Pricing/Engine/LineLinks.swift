import Definitions

/// A quote's line ids resolved once, before any line is priced: which lines repeat an earlier
/// line's id, where each line's bundle parent is, and whether the parent links form cycles.
struct LineLinks {
    private let lines: [Quote.Line]
    private let index: LineIndex
    /// Positions whose id an earlier line already has (the earlier line keeps it).
    private let duplicates: Set<Int>
    /// Whether any line names a parent.
    let namesParents: Bool
    /// Whether every parent comes before its children, so that lines can be prepared in quote
    /// order, a block at a time.
    let parentsPrecede: Bool
    /// The cycles in the parent links, found only when some parent comes after its child.
    let cycles: ParentCycles?

    init(_ lines: [Quote.Line]) {
        self.lines = lines
        var index = LineIndex(lines)
        var duplicates = Set<Int>()
        var namesParents = false
        for position in lines.indices {
            if !index.insert(at: position) { duplicates.insert(position) }
            namesParents = namesParents || lines[position].parentLineId != nil
        }
        self.index = index
        self.duplicates = duplicates
        self.namesParents = namesParents
        var parentsPrecede = true
        if namesParents {
            for position in lines.indices {
                guard let parentId = lines[position].parentLineId, let parent = index.position(of: parentId) else { continue }
                if parent >= position {
                    parentsPrecede = false
                    break
                }
            }
        }
        self.parentsPrecede = parentsPrecede
        cycles = parentsPrecede ? nil : ParentCycles(parents: lines.map { $0.parentLineId.flatMap(index.position(of:)) })
    }

    /// Whether an earlier line has the id of the line at `position`.
    func isDuplicate(_ position: Int) -> Bool { !duplicates.isEmpty && duplicates.contains(position) }

    /// The position of the parent of the line at `position`, if it names one that is in the quote.
    func parent(of position: Int) -> Int? { lines[position].parentLineId.flatMap(index.position(of:)) }
}

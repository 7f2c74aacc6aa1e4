import Definitions

/// The positions of a quote's lines by line id. Small quotes are scanned (cheaper than building
/// and hashing into a dictionary); larger ones are hashed.
struct LineIndex {
    /// Quotes up to this many lines are scanned.
    static let scanLimit = 8

    private let lines: [Quote.Line]
    private var positions: [String: Int]?

    init(_ lines: [Quote.Line]) {
        self.lines = lines
        positions = lines.count > Self.scanLimit ? Dictionary(minimumCapacity: lines.count) : nil
    }

    /// Records the line at `position`, in quote order; `false` when an earlier line has its id
    /// (which keeps it).
    mutating func insert(at position: Int) -> Bool {
        let id = lines[position].id
        guard positions != nil else { return !lines[..<position].contains { $0.id == id } }
        guard let first = positions?.updateValue(position, forKey: id) else { return true }
        positions?[id] = first
        return false
    }

    /// The position of the first line with `id`, once every line is inserted.
    func position(of id: String) -> Int? {
        if let positions { return positions[id] }
        return lines.firstIndex { $0.id == id }
    }
}

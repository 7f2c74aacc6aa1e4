public import Money

/// A half-open window of dates `[from, to)` in UTC; `to == nil` means open-ended.
///
/// ```swift
/// let window = EffectiveWindow(from: try CivilDate("2026-01-01"), to: nil)
/// window.contains(try CivilDate("2030-06-30"))   // true
/// ```
public struct EffectiveWindow: Sendable, Hashable, CustomStringConvertible {
    /// The first day in force.
    public var from: CivilDate
    /// The first day no longer in force, or `nil` for open-ended.
    public var to: CivilDate?

    /// Creates a window; `to`, when given, must be after `from` (checked by the loader).
    public init(from: CivilDate, to: CivilDate? = nil) {
        self.from = from
        self.to = to
    }

    /// A window that is always in force.
    public static let always = EffectiveWindow(from: .earliest, to: nil)

    /// Whether `date` is in force: `from ≤ date < to`.
    public func contains(_ date: CivilDate) -> Bool { from <= date && (to.map { date < $0 } ?? true) }

    /// Whether the two windows share at least one day.
    public func overlaps(_ other: EffectiveWindow) -> Bool {
        (to.map { other.from < $0 } ?? true) && (other.to.map { from < $0 } ?? true)
    }

    /// The days both windows share, or `nil` if none.
    public func intersection(_ other: EffectiveWindow) -> EffectiveWindow? {
        guard overlaps(other) else { return nil }
        let end: CivilDate? = switch (to, other.to) {
        case (nil, nil): nil
        case (let a?, nil): a
        case (nil, let b?): b
        case (let a?, let b?): min(a, b)
        }
        return EffectiveWindow(from: max(from, other.from), to: end)
    }

    /// `[2026-01-01, 2027-01-01)` or `[2026-01-01, …)`.
    public var description: String { "[\(from), \(to.map(\.description) ?? "…"))" }
}

/// A definition that is in force for an ``EffectiveWindow``: one version of a product, a price
/// book, an entry, a procedure …
public protocol Windowed {
    /// When it is in force.
    var window: EffectiveWindow { get }
}

extension Array where Element: Windowed {
    /// The version in force on `date`: the last whose window contains it (versions are kept in
    /// `from` order, so that is the latest).
    @inlinable public func inForce(on date: CivilDate) -> Element? {
        last { $0.window.contains(date) }
    }
}

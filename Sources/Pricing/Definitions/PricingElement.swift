public import Definitions
import Expressions
public import Money

/// One step of a pricing procedure (DOMAIN.md §1.3–§1.4).
///
/// Elements are immutable and shared by reference: the engine hands the same element to every
/// line without copying its rules and tiers.
public final class PricingElement: Sendable {
    /// What the element does, with its parameters.
    public indirect enum Kind: Sendable {
        /// Resolves the price book entry and sets P (converting currency if the book allows it).
        case listPrice
        /// Applies the account's or contract's negotiated price (§1.7).
        case contractPrice
        /// Sets the line total from block tiers (§1.6).
        case blockPrice(BlockSchedule)
        /// Multiplies P by `termMonths / pricingTermMonths`, then applies an optional term schedule (§1.8).
        case termPricing(TermPricing)
        /// Converts a list price resolved in another currency, as its own waterfall step (§1.9).
        case currencyConversion
        /// Rules on line attributes.
        case attributeAdjustment([Rule])
        /// Rules for components under a bundle parent.
        case bundleAdjustment([BundleRule])
        /// A volume (range) schedule.
        case volumeDiscount(ScheduleStep)
        /// A graduated (slab) schedule.
        case tierDiscount(ScheduleStep)
        /// Applies the line's manual discount.
        case manualDiscount
        /// P = a source's price × percent (a transaction-wide barrier).
        case derivedPrice(DerivedPrice)
        /// P = an expression.
        case formula(ContextExpression)
        /// A line field = an expression (P unchanged).
        case assignment(field: String, ContextExpression)
        /// A header field = the sum of an expression over lines (a barrier).
        case aggregate(Aggregate)
        /// Pushes bundle parents' discounts down to components, or rolls component totals up (a barrier).
        case propagation(Propagation)
        /// Checks floors and caps (§1.10); never changes P.
        case guardrail(Guardrail)
        /// Rounds P (§1.11).
        case rounding(scale: Int?, mode: RoundingMode)

        /// The kind's name, as written in definitions.
        public var name: String {
            switch self {
            case .listPrice: "listPrice"
            case .contractPrice: "contractPrice"
            case .blockPrice: "blockPrice"
            case .termPricing: "termPricing"
            case .currencyConversion: "currencyConversion"
            case .attributeAdjustment: "attributeAdjustment"
            case .bundleAdjustment: "bundleAdjustment"
            case .volumeDiscount: "volumeDiscount"
            case .tierDiscount: "tierDiscount"
            case .manualDiscount: "manualDiscount"
            case .derivedPrice: "derivedPrice"
            case .formula: "formula"
            case .assignment: "assignment"
            case .aggregate: "aggregate"
            case .propagation: "propagation"
            case .guardrail: "guardrail"
            case .rounding: "rounding"
            }
        }

        /// The category, derived from the kind.
        public var category: Category {
            switch self {
            case .listPrice, .contractPrice, .blockPrice, .termPricing, .currencyConversion, .derivedPrice: .price
            case .attributeAdjustment, .bundleAdjustment, .volumeDiscount, .tierDiscount: .automaticDiscount
            case .manualDiscount: .manual
            case .guardrail: .guardrail
            case .rounding: .rounding
            case .formula, .assignment, .aggregate, .propagation: .other
            }
        }

        /// Whether every line must reach this element before it runs.
        /// Every expression the kind evaluates on a line.
        var expressions: [ContextExpression] {
            switch self {
            case .attributeAdjustment(let rules): rules.map(\.condition)
            case .volumeDiscount(let step), .tierDiscount(let step): step.quantity.map { [$0] } ?? []
            case .derivedPrice(let derived):
                if case .quoteTotal(let filter?) = derived.source { [filter] } else { [] }
            case .formula(let expression), .assignment(_, let expression): [expression]
            case .aggregate(let aggregate): [aggregate.value] + (aggregate.filter.map { [$0] } ?? [])
            case .listPrice, .contractPrice, .blockPrice, .termPricing, .currencyConversion, .bundleAdjustment,
                 .manualDiscount, .propagation, .guardrail, .rounding: []
            }
        }

        public var isBarrier: Bool {
            switch self {
            case .aggregate, .propagation, .derivedPrice: true
            default: false
            }
        }
    }

    /// The element categories of §1.3.
    public enum Category: String, Sendable, Hashable {
        case price, automaticDiscount, manual, guardrail, rounding, other
    }

    /// A conditional adjustment rule.
    public struct Rule: Sendable {
        /// When the rule matches (over line fields and attributes).
        public var condition: ContextExpression
        /// What it does.
        public var adjustment: Adjustment
        /// Lower wins when several match.
        public var priority: Int
    }

    /// A bundle adjustment rule.
    public struct BundleRule: Sendable {
        /// The bundle parent's product.
        public var parentProductId: String
        /// The component's product; `nil` matches every component.
        public var componentProductId: String?
        /// What it does.
        public var adjustment: Adjustment
        /// Lower wins when several match.
        public var priority: Int
    }

    /// A quantity schedule and the quantity it reads.
    public struct ScheduleStep: Sendable {
        /// The tiers.
        public var schedule: AdjustmentSchedule
        /// The quantity to tier by; `nil` is the line quantity.
        public var quantity: ContextExpression?
    }

    /// Term pricing parameters.
    public struct TermPricing: Sendable {
        /// How a term is measured.
        public enum Basis: String, Sendable, CaseIterable { case months, days }
        /// How partial months are counted with the days basis.
        public enum Alignment: String, Sendable, CaseIterable { case anniversary, calendar }
        /// Months or days.
        public var basis: Basis
        /// Anniversary or calendar months (days basis).
        public var alignment: Alignment
        /// An optional volume schedule with tiers in months.
        public var schedule: TierTable<Adjustment>?
    }

    /// Where a derived price comes from.
    public struct DerivedPrice: Sendable {
        /// The source.
        public enum Source: Sendable {
            /// The line's bundle parent.
            case parent
            /// The one line with this product.
            case product(String)
            /// The sum of the other lines' extended amounts, optionally filtered.
            case quoteTotal(ContextExpression?)
        }
        /// The source.
        public var source: Source
        /// Percent of the source price.
        public var percent: ExactDecimal
    }

    /// A header field that sums an expression over the lines.
    public struct Aggregate: Sendable {
        /// The header field written.
        public var field: String
        /// The number summed per line.
        public var value: ContextExpression
        /// Which lines count; `nil` is all.
        public var filter: ContextExpression?
    }

    /// Moves values between bundle parents and components.
    public enum Propagation: Sendable {
        /// Components get their parent's discount percentage off their own price.
        case down
        /// The parent's line field gets the sum of its components' extended amounts.
        case up(field: String)
    }

    /// Floors and caps (§1.10); all bounds inclusive.
    public struct Guardrail: Sendable {
        /// `(list − P) / list × 100 ≤ max`.
        public var maxDiscountPercent: ExactDecimal?
        /// `(P − cost) / P × 100 ≥ floor`.
        public var marginFloorPercent: ExactDecimal?
        /// `P ≥ min`, per currency.
        public var minUnitPrice: [Currency: ExactDecimal]?
    }

    /// Unique within the procedure.
    public let id: String
    /// Execution order.
    public let sequence: Int
    /// What it does.
    public let kind: Kind
    /// Shown in the waterfall.
    public let label: String
    /// When false for a line, the element is skipped (`conditionFalse`).
    public let condition: ContextExpression?
    /// Whether percentages are taken of the list price instead of P.
    public let usesListPriceBase: Bool
    /// Where it is defined.
    public let location: DefinitionLocation
    /// The kind's category, kept so the engine need not look into ``kind`` for it.
    public let category: Category
    /// Whether the kind is a transaction-wide barrier.
    public let isBarrier: Bool
    /// The field slots its condition and expressions read, so lines fill in only those.
    public let slotsRead: [Int]
    /// The start of each of its waterfall steps in JSON, the same for every line:
    /// `{"elementId":"…","kind":"…","label":"…","status":"`.
    let jsonStepPrefix: [UInt8]

    /// Creates an element.
    public init(id: String, sequence: Int, kind: Kind, label: String, condition: ContextExpression?,
                usesListPriceBase: Bool, location: DefinitionLocation)
    {
        self.id = id
        self.sequence = sequence
        self.kind = kind
        self.label = label
        self.condition = condition
        self.usesListPriceBase = usesListPriceBase
        self.location = location
        category = kind.category
        isBarrier = kind.isBarrier
        slotsRead = Array(Set(([condition].compactMap { $0 } + kind.expressions).flatMap(\.slotsRead))).sorted()
        var prefix = Array(#"{"elementId":"#.utf8)
        JSONString.appendQuoted(id, to: &prefix)
        prefix += #","kind":"#.utf8
        JSONString.appendQuoted(kind.name, to: &prefix)
        prefix += #","label":"#.utf8
        JSONString.appendQuoted(label, to: &prefix)
        prefix += #","status":""#.utf8
        jsonStepPrefix = prefix
    }
}

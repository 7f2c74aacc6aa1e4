public import Catalog
public import Definitions
public import Expressions
public import Money

/// A quote to price: a header and lines (DOMAIN.md §1.2).
///
/// ```swift
/// let quote = Quote(id: "Q-1", currency: .usd, pricingDate: try CivilDate("2026-03-01"),
///                   lines: [Quote.Line(id: "1", productId: "LAPTOP-14", quantity: 10)])
/// ```
public struct Quote: Sendable, Equatable {
    /// One line of the quote.
    public struct Line: Sendable, Equatable {
        /// Unique within the quote.
        public var id: String
        /// The product.
        public var productId: String
        /// Quantity > 0; whole where tiers count units.
        public var quantity: ExactDecimal
        /// The selling model; `nil` is the product's first.
        public var sellingModel: SellingModel?
        /// Term in months for recurring lines.
        public var termMonths: ExactDecimal?
        /// Term start, for the days basis.
        public var startDate: CivilDate?
        /// Term end (exclusive), for the days basis.
        public var endDate: CivilDate?
        /// Attribute values by name.
        public var attributes: [String: ExpressionValue]
        /// The bundle parent line.
        public var parentLineId: String?
        /// A manual discount (amounts in the quote currency).
        public var manualDiscount: Adjustment?
        /// A token that waives guardrail violations, recorded in the waterfall.
        public var approvalOverride: String?
        /// Custom line fields declared by the procedures.
        public var fields: [String: ExpressionValue]
        /// Where the line is written, when read from a file.
        public var location: DefinitionLocation?

        /// Creates a line.
        public init(id: String, productId: String, quantity: ExactDecimal, sellingModel: SellingModel? = nil,
                    termMonths: ExactDecimal? = nil, startDate: CivilDate? = nil, endDate: CivilDate? = nil,
                    attributes: [String: ExpressionValue] = [:], parentLineId: String? = nil,
                    manualDiscount: Adjustment? = nil, approvalOverride: String? = nil,
                    fields: [String: ExpressionValue] = [:], location: DefinitionLocation? = nil)
        {
            self.id = id
            self.productId = productId
            self.quantity = quantity
            self.sellingModel = sellingModel
            self.termMonths = termMonths
            self.startDate = startDate
            self.endDate = endDate
            self.attributes = attributes
            self.parentLineId = parentLineId
            self.manualDiscount = manualDiscount
            self.approvalOverride = approvalOverride
            self.fields = fields
            self.location = location
        }
    }

    /// The transaction id.
    public var id: String
    /// The account; its parents are found in the catalog.
    public var accountId: String?
    /// A contract whose contract prices apply.
    public var contractId: String?
    /// The sales channel.
    public var channel: String?
    /// The transaction currency.
    public var currency: Currency
    /// The date prices are taken on.
    public var pricingDate: CivilDate
    /// The price book; `nil` is the channel's default.
    public var priceBookId: String?
    /// The procedure plan; `nil` is the only plan in force.
    public var planId: String?
    /// A procedure to use directly instead of a plan.
    public var procedureId: String?
    /// Custom header fields declared by the procedures.
    public var fields: [String: ExpressionValue]
    /// The lines.
    public var lines: [Line]

    /// Creates a quote.
    public init(id: String, accountId: String? = nil, contractId: String? = nil, channel: String? = nil,
                currency: Currency, pricingDate: CivilDate, priceBookId: String? = nil, planId: String? = nil,
                procedureId: String? = nil, fields: [String: ExpressionValue] = [:], lines: [Line])
    {
        self.id = id
        self.accountId = accountId
        self.contractId = contractId
        self.channel = channel
        self.currency = currency
        self.pricingDate = pricingDate
        self.priceBookId = priceBookId
        self.planId = planId
        self.procedureId = procedureId
        self.fields = fields
        self.lines = lines
    }
}

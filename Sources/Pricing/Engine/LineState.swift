import Definitions
import Catalog
import Expressions
import Money

/// The running state of one line while its procedure runs.
struct LineState {
    /// Position in the quote.
    let index: Int
    /// The quote's lines, shared by every state (a state keeps no copy of its line).
    let lines: [Quote.Line]
    /// The input line.
    var line: Quote.Line { lines[index] }
    /// The product (nil only for lines that failed before pricing).
    var product: Product?
    /// The product's price book entries and costs (nil only for lines that failed before pricing).
    var prices: ProductPrices?
    /// The selling model used.
    var sellingModel: SellingModel = .oneTime
    /// The bundle parent's index.
    var parent: Int?
    /// The bundle parent's product.
    var parentProductId: String?
    /// The running unit price P.
    var price: ExactDecimal?
    /// The exact extended amount `P × Q` left by a graduated schedule, valid until P changes.
    var extended: ExactDecimal?
    /// The quantity P is multiplied by (1 after block pricing, which sets the total).
    var effectiveQuantity: ExactDecimal
    /// The reference list price (after conversion and term multiplier).
    var listPrice: ExactDecimal?
    /// The first price the line got, as reported.
    var initialListPrice: ExactDecimal?
    /// The unit cost, if known.
    var cost: ExactDecimal?
    /// The price book entry's pricing term.
    var pricingTermMonths: Int?
    /// A list price resolved in another currency, waiting for a `currencyConversion` element.
    var pendingConversion: PendingConversion?
    /// The contract price that wins for the line's product, once the quote's winners are known.
    var contractWinner: ContractWinner?
    /// A contract price suppressed later automatic discounts.
    var suppressesAutomaticDiscounts = false
    /// The steps so far.
    var waterfall: [WaterfallEntry] = []
    /// Why the line failed.
    var error: PricingError?
    /// The expression context, kept current for the slots expressions read.
    var context: ExpressionContext
    /// Custom field slots the quote left empty.
    var missingSlots: Set<Int>

    var isLive: Bool { error == nil }

    /// `P × Q` unrounded, or the exact graduated amount.
    func extendedAmount() throws(MoneyError) -> ExactDecimal? {
        if let extended { return extended }
        guard let price else { return nil }
        return try price.multiplied(by: effectiveQuantity)
    }
}

/// A list price conversion waiting for its `currencyConversion` element. Rare, so it is kept out
/// of line: every ``LineState`` then stays small.
final class PendingConversion {
    let conversion: WaterfallDetail.Conversion

    init(_ conversion: WaterfallDetail.Conversion) {
        self.conversion = conversion
    }
}

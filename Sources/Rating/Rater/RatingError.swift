/// Why usage could not be rated: a summary the rater refuses, or a usage record the bulk rater
/// rejects. Codes are stable names (DOMAIN.md §2).
public struct RatingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable code.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Neither a negotiated rate nor a base rate card entry is in force.
        case rateNotFound = "RateNotFound"
        /// The quantity lies beyond the last tier.
        case quantityOutOfRange = "QuantityOutOfRange"
        /// A negative or non-numeric quantity, or one with more than 12 decimals.
        case invalidQuantity = "InvalidQuantity"
        /// An asset that is not defined, or not on the first day of the period.
        case unknownAsset = "UnknownAsset"
        /// A usage resource that is not defined, or not on the first day of the period.
        case unknownResource = "UnknownResource"
        /// A resource names a rating procedure with no version in force.
        case noRatingProcedure = "NoRatingProcedure"
        /// Several attribute entries match with the same priority.
        case ambiguousRuleMatch = "AmbiguousRuleMatch"
        /// An attribute condition could not be evaluated.
        case expressionFailed = "ExpressionFailed"
        /// An amount adjustment took the rate, or the tiers took the amount, below zero.
        case negativeAmount = "NegativeAmount"
        /// A number grew beyond the exact range.
        case overflow = "Overflow"
        /// A timestamp that is not ISO 8601 with a zone.
        case invalidTimestamp = "InvalidTimestamp"
        /// A required field is absent or empty.
        case missingField = "MissingField"
        /// A CSV record with more or fewer fields than the header.
        case wrongColumnCount = "WrongColumnCount"
        /// A quoted CSV field that never closes.
        case unterminatedQuote = "UnterminatedQuote"
        /// A line that is not a JSON object of the record's fields, or a field of the wrong type.
        case invalidRecord = "InvalidRecord"
        /// An attribute whose value does not have its declared type.
        case invalidAttribute = "InvalidAttribute"
        /// A record id seen before with a different payload.
        case duplicateRecordConflict = "DuplicateRecordConflict"
    }

    /// The code.
    public var code: Code
    /// What went wrong, for people.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

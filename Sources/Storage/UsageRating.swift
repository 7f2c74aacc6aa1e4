public import Foundation

/// One rating of a billing period's stored usage: against which definitions, over which records
/// (by fingerprint), and what came of it. The latest run of a period holds its results.
public struct UsageRatingRun: Sendable, Hashable {
    /// 1, 2, 3, … in the order runs were stored; 0 before it is stored.
    public var number: Int
    /// The billing period: `2026-10` for a month, `2026-10-17` for a day.
    public var period: String
    /// The published definitions version the records were rated with.
    public var definitionsVersion: Int
    /// SHA-256 of the period's records as rated (each record's id and payload, in the order of
    /// ``UsageRatingStore/usageRecords(from:to:after:limit:)``), in hex: the same records rated with the same version again is a no-op.
    public var fingerprint: String
    /// Records of the period: `rated + rejected`.
    public var records: Int
    public var rated: Int
    public var rejected: Int
    /// Summaries rated (asset, resource, period and attribute values).
    public var summaries: Int
    /// The rated amount per currency, `USD 1234.56`, joined by `, ` in currency order.
    public var totals: String
    /// Who rated.
    public var author: String
    public var ratedAt: Date

    /// Creates a run.
    public init(number: Int = 0, period: String, definitionsVersion: Int, fingerprint: String, records: Int, rated: Int,
                rejected: Int, summaries: Int, totals: String, author: String, ratedAt: Date)
    {
        self.number = number
        self.period = period
        self.definitionsVersion = definitionsVersion
        self.fingerprint = fingerprint
        self.records = records
        self.rated = rated
        self.rejected = rejected
        self.summaries = summaries
        self.totals = totals
        self.author = author
        self.ratedAt = ratedAt
    }
}

/// What rating made of one stored usage record: an amount, or why it was rejected.
public struct RatedUsageRecord: Sendable, Hashable {
    public var recordId: String
    /// The billing period it was rated in.
    public var period: String
    /// What became of it.
    public var outcome: Outcome

    public enum Outcome: Sendable, Hashable {
        /// Its share of its summary's amount, as exact decimal text in the currency's minor units;
        /// the summary's net unit rate, and its tiers as `revenue rate` writes them
        /// (`graduated 0-1000:1000@0.1; 1000-:250@0.08`).
        case rated(amount: String, currency: String, rate: String, tiers: String)
        /// Rejected: the field at fault, a stable code and the reason.
        case rejected(field: String, code: String, reason: String)
    }

    /// Creates a result.
    public init(recordId: String, period: String, outcome: Outcome) {
        self.recordId = recordId
        self.period = period
        self.outcome = outcome
    }
}

/// Gives the results of a rating run a batch at a time, so that a period of millions of records
/// is stored without holding them all.
public protocol RatedUsageSource: Sendable {
    /// The next results, at most `limit`; empty when there are no more.
    func next(_ limit: Int) throws(StoreError) -> [RatedUsageRecord]
}

/// Where rating runs and their results live, by period and record id.
public protocol UsageRatingStore: Sendable {
    /// Usage records whose ``UsageRecord/occurredAt`` falls in `[start, end)` (Unix seconds), in
    /// (occurredAt, id) order after the record `last` (the last of the previous page), at most
    /// `limit`.
    func usageRecords(from start: Int64, to end: Int64, after last: UsageRecord?, limit: Int) async throws(StoreError)
        -> [UsageRecord]
    /// The latest run of `period`, if it was rated.
    func latestRatingRun(period: String) async throws(StoreError) -> UsageRatingRun?
    /// Stores a run and its results in one transaction, replacing the period's earlier results:
    /// afterwards the period holds exactly these, or (on a failure) what it held before. Returns
    /// the run with its number.
    func storeRatingRun(_ run: UsageRatingRun, results: any RatedUsageSource) async throws(StoreError) -> UsageRatingRun
    /// The rating runs, newest first.
    func ratingRuns() async throws(StoreError) -> [UsageRatingRun]
    /// The results of `period`'s latest run in record id order after `after`, at most `limit`.
    func ratedUsage(period: String, after: String?, limit: Int) async throws(StoreError) -> [RatedUsageRecord]
}

extension StoredText {
    /// Checks a rating run's text fields.
    public static func check(_ run: UsageRatingRun) throws(StoreError) {
        try StoredText.check(run.period, "rating run period")
        try StoredText.check(run.fingerprint, "rating run fingerprint")
        try StoredText.check(run.totals, "rating run totals")
        try StoredText.check(run.author, "rating run author")
    }

    /// Checks a rated record's text fields.
    public static func check(_ record: RatedUsageRecord) throws(StoreError) {
        // The message is built only on failure.
        func check(_ value: String, _ field: String) throws(StoreError) {
            try StoredText.check(value, "rated usage record '\(record.recordId.replacingNULs)' \(field)")
        }
        try check(record.recordId, "id")
        try check(record.period, "period")
        switch record.outcome {
        case .rated(let amount, let currency, let rate, let tiers):
            try check(amount, "amount")
            try check(currency, "currency")
            try check(rate, "rate")
            try check(tiers, "tiers")
        case .rejected(let field, let code, let reason):
            try check(field, "field")
            try check(code, "code")
            try check(reason, "reason")
        }
    }
}

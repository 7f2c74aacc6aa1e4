/// How a bulk rating run reads and writes.
public struct BulkRatingOptions: Sendable {
    /// The output format of rated records and the summary.
    public enum OutputFormat: String, Sendable, CaseIterable {
        case csv, jsonl
    }

    /// The billing period records are summed over; a month by default.
    public var period: BillingPeriod.Length
    /// The format of `rated` and `summary`.
    public var format: OutputFormat
    /// Stop with an error once more records than this are rejected; `nil` never stops.
    public var maxErrors: Int?
    /// Threads to use; `nil` uses every core.
    public var workers: Int?
    /// Bytes of input per unit of parallel work.
    public var chunkSize: Int

    /// Creates options.
    public init(period: BillingPeriod.Length = .month, format: OutputFormat = .csv, maxErrors: Int? = nil,
                workers: Int? = nil, chunkSize: Int = 4 << 20)
    {
        self.period = period
        self.format = format
        self.maxErrors = maxErrors
        self.workers = workers.map { max(1, $0) }
        self.chunkSize = max(1 << 10, chunkSize)
    }
}

/// What a bulk rating run did. Every input record is counted once:
/// `records == rated + rejected + duplicates`.
public struct BulkRatingReport: Sendable, Equatable {
    /// Records read (blank lines are not records).
    public var records: Int
    /// Records rated and written to `rated`.
    public var rated: Int
    /// Records written to `rejects`, with file:line, field and reason.
    public var rejected: Int
    /// Records whose id and payload repeat an earlier record's, written to `duplicates`.
    public var duplicates: Int
    /// Summaries rated (asset, resource, period and attribute values).
    public var summaries: Int
    /// The files written.
    public var outputs: [String]
}

/// How far a run is, reported between units of work.
public struct BulkRatingProgress: Sendable {
    /// 1 reads, checks and sums; 2 finds repeated ids, rates the summaries and works out the
    /// shares; 3 writes.
    public var pass: Int
    /// Input bytes done in this pass, and in all.
    public var bytesDone: Int
    public var bytesTotal: Int
    /// Records read so far in the first pass.
    public var records: Int
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPlatform
import Money

/// Rates usage files in bulk (DOMAIN.md §2.3): sums records per (asset, resource, period,
/// attribute values), rates each summary once, and shares its amount out to the records pro rata
/// with the remainder on the last one, so that record amounts add up exactly.
///
/// Three passes over the mapped files, each split in chunks over every core, keep memory flat
/// however large the input: the first checks records and sums them, the second works out the
/// shares, the third writes records in input order. See `docs/rating.md`.
///
/// ```swift
/// let report = try BulkRater(definitions).run(files: ["usage.csv"], outputDirectory: "rated")
/// print(report.records, report.rated, report.rejected, report.duplicates)
/// ```
public struct BulkRater: Sendable {
    /// The definitions it rates with.
    public let definitions: RatingDefinitions
    /// How it reads and writes.
    public let options: BulkRatingOptions

    /// Creates a bulk rater.
    public init(_ definitions: RatingDefinitions, options: BulkRatingOptions = BulkRatingOptions()) {
        self.definitions = definitions
        self.options = options
    }

    /// Rates `files` into `outputDirectory`: `rated.csv|jsonl`, `summary.csv|jsonl`,
    /// `rejects.csv` and `duplicates.csv`. Files appear complete or not at all.
    ///
    /// - Throws: ``RatingInputError`` for a file that cannot be read or has a bad header, an
    ///   output directory that cannot be written, or more rejected records than `maxErrors`.
    public func run(files: [String], outputDirectory: String,
                    progress: @escaping (BulkRatingProgress) -> Void = { _ in }) throws(RatingInputError) -> BulkRatingReport
    {
        guard !files.isEmpty else { throw RatingInputError("no usage files given") }
        guard files.count < 256 else { throw RatingInputError("at most 255 usage files in one run, given \(files.count)") }
        let vocabulary = try RecordVocabulary(definitions: definitions, period: options.period)
        var sources: [UsageSource] = []
        for (index, path) in files.enumerated() {
            sources.append(try UsageSource(path: path, index: index, layout: vocabulary.layout))
        }
        try Output.prepare(outputDirectory)
        let scratch = "\(outputDirectory)/.rating-\(getpid())"
        guard mkdir(scratch, 0o700) == 0 || errno == EEXIST else {
            throw RatingInputError("\(scratch): cannot create a scratch directory: \(String(cString: strerror(errno)))")
        }
        defer { Self.removeScratch(scratch) }
        var run = RatingRun(rater: self, sources: sources, vocabulary: vocabulary, stream: try RecordStream(directory: scratch),
                      progress: progress)
        let duplicates = try DuplicateFinder(directory: scratch)
        try run.sum(into: duplicates)
        // Each pass frees what it built on its threads; handing it back keeps the peak low.
        revenue_heap_release_free_memory()
        try run.findRepeats(duplicates)
        try run.rateSummaries()
        run.share()
        // The share pass read with twice the workers the write pass does.
        run.stream.releaseReadBuffers()
        revenue_heap_release_free_memory()
        return try run.write(to: outputDirectory)
    }

    var workers: Int { options.workers ?? Parallel.cores }

    /// Workers for passes that read scratch files back: twice as many, so that while some wait
    /// for the disk the others keep the cores busy.
    var readingWorkers: Int { workers == 1 ? 1 : 2 * workers }

    /// Removes the scratch directory and whatever is left in it (files still open are unlinked).
    private static func removeScratch(_ directory: String) {
        if let handle = opendir(directory) {
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != ".", name != ".." { unlink("\(directory)/\(name)") }
            }
            closedir(handle)
        }
        rmdir(directory)
    }
}

/// A record's place: its file and byte offset, packed so that file order is numeric order.
struct RecordLocation {
    static func pack(source: Int, offset: Int) -> UInt64 { UInt64(source) << 48 | UInt64(offset) }
    static func source(_ location: UInt64) -> Int { Int(location >> 48) }
    static func offset(_ location: UInt64) -> Int { Int(location & (1 << 48 - 1)) }
}

/// One chunk of a file: records that start in `start..<end`.
struct Chunk {
    let source: Int
    var start: Int
    var end: Int
    var firstLine = 0
    /// Its valid records in the ``RecordStream``.
    var checked: Range<Int> = 0..<0
    /// How many of its records were rejected by the record-level checks.
    var rejected = 0
}

/// A record left out of rating: a later copy of an id.
struct RepeatedRecord {
    /// The same payload (a duplicate) or a different one (a conflict).
    let isConflict: Bool
    /// Where the first record with the id is.
    let original: UInt64
}

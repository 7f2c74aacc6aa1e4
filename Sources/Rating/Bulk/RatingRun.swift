#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Money

/// The state of one bulk rating run, pass by pass.
struct RatingRun {
    let rater: BulkRater
    let sources: [UsageSource]
    let vocabulary: RecordVocabulary
    /// Valid records as the first pass checked them.
    let stream: RecordStream
    let progress: (BulkRatingProgress) -> Void
    let bytesTotal: Int

    var chunks: [Chunk] = []
    var records = 0
    var rejectedInScan = 0
    var firstReject: String?
    /// Summaries in key order, and each key's index.
    var ledgers: [SummaryLedger] = []
    var ledgerIndex = KeyTable()
    /// Later copies of ids, by location.
    var repeats: [UInt64: RepeatedRecord] = [:]
    /// What the record passes read per summary, packed (see ``HotSummary``).
    var hot: [HotSummary] = []
    /// Every rated summary's line suffix, back to back.
    var suffixes: [UInt8] = []

    init(rater: BulkRater, sources: [UsageSource], vocabulary: RecordVocabulary, stream: RecordStream,
         progress: @escaping (BulkRatingProgress) -> Void)
    {
        self.rater = rater
        self.stream = stream
        self.sources = sources
        self.vocabulary = vocabulary
        self.progress = progress
        bytesTotal = sources.reduce(0) { $0 + $1.bytes.count }
    }

    // MARK: Pass 1: check and sum

    private struct ScanResult {
        var chunk: Chunk
        /// Pieces of the chunk of about `chunkSize` bytes, starting at records, with their first
        /// line relative to the chunk's: the units of the later passes.
        var pieces: [Chunk] = []
        var newlines = 0
        var records = 0
        var rejected = 0
        var firstReject: (line: Int, field: String, error: RatingError)?
        /// Summaries in this chunk, with their quantities and record counts by index.
        var keys = KeyTable()
        var quantities: [Int128] = []
        var counts: [Int] = []
        var ids: [UInt64] = []
        /// The valid records, in order; each piece's count is in its `checked`.
        var checked: [CheckedRecord] = []
    }

    /// Reads every record once: checks it, adds it to its summary, and notes its id.
    mutating func sum(into duplicates: DuplicateFinder) throws(RatingInputError) {
        // Reading units are larger than writing units: each unit's sums are merged on one thread,
        // and a larger unit repeats fewer summaries.
        let size = rater.options.chunkSize * 2
        var tentative: [Chunk] = []
        for source in sources {
            var start = source.firstRecord
            let count = source.bytes.count
            while start < count {
                var end = min(count, start + size)
                // Speculatively at a line start; a quoted line break there is found and fixed below.
                if end < count, let found = memchr(source.bytes.baseAddress! + end, 0x0A, count - end) {
                    end = source.bytes.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
                } else {
                    end = count
                }
                tentative.append(Chunk(source: source.index, start: start, end: end))
                start = end
            }
        }
        let merger = SumMerger(duplicates: duplicates, stream: stream)
        var checkedCount = 0
        var done = 0
        let batch = 2 * rater.workers
        var position = 0
        var previous: (source: Int, end: Int, line: Int)?
        while position < tentative.count {
            let slice = Array(tentative[position..<min(tentative.count, position + batch)])
            var results = Parallel.map(slice.count, workers: rater.workers) { scan(slice[$0]) }
            for index in results.indices {
                var result = results[index]
                let chunk = result.chunk
                // The chunk must start where the previous one's last record ended.
                let expectedStart = previous.flatMap { $0.source == chunk.source ? $0.end : nil }
                    ?? sources[chunk.source].firstRecord
                if chunk.start != expectedStart {
                    var fixed = chunk
                    fixed.start = expectedStart
                    fixed.end = max(chunk.end, expectedStart)
                    result = scan(fixed)
                }
                result.chunk.firstLine = previous.flatMap { $0.source == chunk.source ? $0.line : nil }
                    ?? sources[chunk.source].firstLine
                previous = (chunk.source, result.chunk.end, result.chunk.firstLine + result.newlines)
                results[index] = result
            }
            for result in results {
                for var piece in result.pieces {
                    piece.firstLine += result.chunk.firstLine
                    piece.checked = (piece.checked.lowerBound + checkedCount)..<(piece.checked.upperBound + checkedCount)
                    chunks.append(piece)
                }
                checkedCount += result.checked.count
                records += result.records
                rejectedInScan += result.rejected
                if firstReject == nil, let reject = result.firstReject {
                    firstReject = "\(sources[result.chunk.source].path):\(result.chunk.firstLine + reject.line): \(reject.field.isEmpty ? "" : reject.field + ": ")\(reject.error.message)"
                }
                sources[result.chunk.source].file.release(result.chunk.start..<result.chunk.end)
                done += result.chunk.end - result.chunk.start
            }
            merger.merge(results.map { SumMerger.Part(keys: $0.keys, quantities: $0.quantities, counts: $0.counts,
                                                       ids: $0.ids, checked: $0.checked) })
            if let error = merger.error { throw error }
            try checkErrors(rejectedInScan)
            progress(BulkRatingProgress(pass: 1, bytesDone: done, bytesTotal: bytesTotal, records: records))
            position += slice.count
        }
        let sums = merger.sums
        let quantities = merger.quantities
        let counts = merger.counts
        let order = sums.ordered.indices.sorted { sums.ordered[$0] < sums.ordered[$1] }
        ledgerIndex = KeyTable(capacity: order.count)
        ledgers = order.map { index in
            let key = sums.ordered[index]
            _ = ledgerIndex.insert(key)
            var ledger = SummaryLedger(key: SummaryKey(raw: key))
            ledger.quantity = quantities[index]
            ledger.records = counts[index]
            return ledger
        }
    }

    /// Scans the records that start in the chunk; the last may run past its end.
    private func scan(_ chunk: Chunk) -> ScanResult {
        var result = ScanResult(chunk: chunk)
        let source = sources[chunk.source]
        let bytes = source.bytes
        var fields = RecordFields(roles: vocabulary.layout.roleCount)
        var decoder = RecordDecoder(vocabulary)
        var position = chunk.start
        var piece = Chunk(source: chunk.source, start: position, end: position, firstLine: 0)
        let pieceSize = rater.options.chunkSize
        while position < chunk.end {
            if position - piece.start >= pieceSize {
                piece.end = position
                piece.checked = piece.checked.lowerBound..<result.checked.count
                result.pieces.append(piece)
                piece = Chunk(source: chunk.source, start: position, end: position, firstLine: result.newlines,
                              checked: result.checked.count..<result.checked.count)
            }
            let (end, newlines, blank) = source.scan(at: position, into: &fields)
            defer {
                result.newlines += newlines
                position = end
            }
            if blank { continue }
            result.records += 1
            switch decoder.decode(fields, in: bytes) {
            case .success(let record):
                let index = result.keys.insert(record.key.raw)
                if index == result.quantities.count {
                    result.quantities.append(record.quantity)
                    result.counts.append(1)
                } else {
                    result.quantities[index] += record.quantity
                    result.counts[index] += 1
                }
                let location = RecordLocation.pack(source: chunk.source, offset: position)
                result.ids.append(record.idHash)
                result.ids.append(location)
                result.checked.append(CheckedRecord(record, location: location))
            case .failure(let rejection):
                result.rejected += 1
                if result.firstReject == nil { result.firstReject = (result.newlines, rejection.field, rejection.error) }
            }
        }
        result.chunk.end = position
        piece.end = position
        piece.checked = piece.checked.lowerBound..<result.checked.count
        if piece.end > piece.start { result.pieces.append(piece) }
        return result
    }

    /// Merges the first pass's results in order: summary sums, id candidates and checked records.
    private final class SumMerger {
        struct Part {
            let keys: KeyTable
            let quantities: [Int128]
            let counts: [Int]
            let ids: [UInt64]
            let checked: [CheckedRecord]
        }

        let duplicates: DuplicateFinder
        let stream: RecordStream
        var sums = KeyTable(capacity: 1 << 16)
        var quantities: [Int128] = []
        var counts: [Int] = []
        /// The first error; read only after the queue has drained.
        var error: RatingInputError?

        init(duplicates: DuplicateFinder, stream: RecordStream) {
            self.duplicates = duplicates
            self.stream = stream
        }

        func merge(_ parts: [Part]) {
            guard error == nil else { return }
            do {
                for part in parts {
                    try stream.append(part.checked)
                    for (local, key) in part.keys.ordered.enumerated() {
                        let index = sums.insert(key)
                        if index == quantities.count {
                            quantities.append(0)
                            counts.append(0)
                        }
                        quantities[index] += part.quantities[local]
                        counts[index] += part.counts[local]
                    }
                    var pair = 0
                    while pair < part.ids.count {
                        try duplicates.add(hash: part.ids[pair], location: part.ids[pair + 1])
                        pair += 2
                    }
                }
            } catch {
                self.error = error
            }
        }
    }

    /// Stops the run once more records are rejected than `--max-errors` allows.
    private func checkErrors(_ rejected: Int) throws(RatingInputError) {
        guard let limit = rater.options.maxErrors, rejected > limit else { return }
        throw RatingInputError("stopped: \(rejected) record\(rejected == 1 ? "" : "s") rejected, more than --max-errors \(limit) allows; the first: \(firstReject ?? "a summary that cannot be rated")")
    }

    // MARK: Repeated ids

    /// Tells duplicates from conflicts among records whose ids hash alike, comparing the real ids,
    /// and takes every later copy out of its summary.
    mutating func findRepeats(_ duplicates: DuplicateFinder) throws(RatingInputError) {
        progress(BulkRatingProgress(pass: 2, bytesDone: 0, bytesTotal: bytesTotal, records: records))
        var fields = RecordFields(roles: vocabulary.layout.roleCount)
        var decoder = RecordDecoder(vocabulary)
        var found: [UInt64: RepeatedRecord] = [:]
        for locations in try duplicates.candidates(workers: rater.workers) {
            var groups: [[UInt8]: (location: UInt64, record: DecodedRecord)] = [:]
            for location in locations {
                guard let (id, record) = decode(location, &fields, &decoder) else { continue }
                guard let first = groups[id] else {
                    groups[id] = (location, record)
                    continue
                }
                let same = first.record.key == record.key && first.record.quantity == record.quantity
                    && first.record.timestamp == record.timestamp
                found[location] = RepeatedRecord(isConflict: !same, original: first.location)
                if let index = ledgerIndex.index(of: record.key.raw) {
                    ledgers[index].quantity -= record.quantity
                    ledgers[index].records -= 1
                }
            }
        }
        repeats = found
        if rater.options.maxErrors != nil {
            try checkErrors(rejectedInScan + repeats.values.filter(\.isConflict).count)
        }
    }

    /// The id and the decoded record at `location`.
    func decode(_ location: UInt64, _ fields: inout RecordFields, _ decoder: inout RecordDecoder)
        -> ([UInt8], DecodedRecord)?
    {
        let source = sources[RecordLocation.source(location)]
        _ = source.scan(at: RecordLocation.offset(location), into: &fields)
        guard case .success(let record) = decoder.decode(fields, in: source.bytes),
              let id = decoder.withID(fields.spans[RecordLayout.recordId], in: source.bytes, { Array($0) }) else { return nil }
        return (id, record)
    }

    // MARK: Rating

    /// Rates every summary, on every core.
    mutating func rateSummaries() throws(RatingInputError) {
        let engine = Rater(rater.definitions)
        let format = rater.options.format
        let vocabulary = self.vocabulary
        let ledgers = self.ledgers
        let blocks = stride(from: 0, to: ledgers.count, by: 1024).map { $0..<min(ledgers.count, $0 + 1024) }
        let ratings = Parallel.map(blocks.count, workers: rater.workers) { block in
            blocks[block].map { index -> (Result<SummaryRating, RatingError>?, [UInt8]) in
                // A summary whose records all repeat earlier ids has nothing to rate.
                guard ledgers[index].records > 0 else { return (nil, []) }
                let key = ledgers[index].key
                let summary = UsageSummary(
                    assetId: vocabulary.assetIds[key.asset], resourceId: vocabulary.resourceIds[key.resource],
                    period: vocabulary.period(key.period), quantity: ExactDecimal(rawValue: ledgers[index].quantity),
                    attributes: vocabulary.attributes(resource: key.resource, values: key.attributes))
                do throws(RatingError) {
                    let rated = try engine.rate(summary, explained: false)
                    return (.success(SummaryRating(rated)), SummaryRating.suffix(rated, format: format))
                } catch {
                    return (.failure(error), [])
                }
            }
        }
        var failedRecords = 0
        hot.reserveCapacity(ledgers.count)
        for (index, (rating, suffix)) in ratings.joined().enumerated() {
            self.ledgers[index].rating = rating
            var summary = HotSummary(self.ledgers[index])
            summary.suffixStart = UInt32(suffixes.count)
            summary.suffixLength = UInt32(suffix.count)
            suffixes += suffix
            hot.append(summary)
            if case .failure = rating {
                failedRecords += self.ledgers[index].records
                if firstReject == nil, case .failure(let error) = rating {
                    firstReject = "summary \(vocabulary.assetIds[ledgers[index].key.asset]) / \(vocabulary.resourceIds[ledgers[index].key.resource]): \(error.message)"
                }
            }
        }
        guard suffixes.count <= Int(UInt32.max) else {
            throw RatingInputError("the rated summaries' line text exceeds 4 GB; rate fewer files at once")
        }
        try checkErrors(rejectedInScan + repeats.values.filter(\.isConflict).count + failedRecords)
    }

    // MARK: Pass 2: shares

    /// Works out each record's share and, per summary, the sum of shares and the record that takes
    /// the remainder. Workers take every n-th chunk and keep their own totals.
    mutating func share() {
        let workers = rater.workers
        let chunks = self.chunks
        let count = ledgers.count
        let partials = Parallel.map(workers, workers: workers) { worker -> ShareTotals in
            var totals = ShareTotals(count: count)
            // A reader for ties, which re-read both records' ids.
            var tieFields = RecordFields(roles: vocabulary.layout.roleCount)
            var tieDecoder = RecordDecoder(vocabulary)
            for chunkIndex in stride(from: worker, to: chunks.count, by: workers) {
                let range = chunks[chunkIndex].checked
                for record in stream.read(range.lowerBound, range.count) {
                    guard let (index, share) = share(of: record) else { continue }
                    totals.shares[index] += share
                    if totals.lastLocation[index] != .max,
                       !isLater((record.timestamp, record.location),
                                than: (totals.lastTimestamp[index], totals.lastLocation[index]), &tieFields, &tieDecoder) {
                        continue
                    }
                    totals.lastTimestamp[index] = record.timestamp
                    totals.lastLocation[index] = record.location
                    totals.lastShare[index] = share
                }
            }
            return totals
        }
        var fields = RecordFields(roles: vocabulary.layout.roleCount)
        var decoder = RecordDecoder(vocabulary)
        for partial in partials {
            for index in 0..<count {
                ledgers[index].shares += partial.shares[index]
                let location = partial.lastLocation[index]
                guard location != .max else { continue }
                let timestamp = partial.lastTimestamp[index]
                if let last = ledgers[index].last,
                   !isLater((timestamp, location), than: (last.timestamp, last.location), &fields, &decoder) {
                    continue
                }
                ledgers[index].last = (timestamp, location, partial.lastShare[index])
            }
        }
        for index in ledgers.indices { hot[index].lastLocation = ledgers[index].last?.location ?? .max }
    }

    /// One worker's sums of shares and latest record per summary (`UInt64.max`: none yet).
    struct ShareTotals {
        var shares: [Int128]
        var lastTimestamp: [Int64]
        var lastLocation: [UInt64]
        var lastShare: [Int128]

        init(count: Int) {
            shares = Array(repeating: 0, count: count)
            lastTimestamp = Array(repeating: 0, count: count)
            lastLocation = Array(repeating: .max, count: count)
            lastShare = Array(repeating: 0, count: count)
        }
    }

    /// Whether record `a` comes after record `b` by (timestamp, record id).
    private func isLater(_ a: (Int64, UInt64), than b: (Int64, UInt64), _ fields: inout RecordFields,
                         _ decoder: inout RecordDecoder) -> Bool
    {
        if a.0 != b.0 { return a.0 > b.0 }
        guard let idA = decode(a.1, &fields, &decoder)?.0, let idB = decode(b.1, &fields, &decoder)?.0 else {
            return a.1 > b.1
        }
        return idA.lexicographicallyPrecedes(idB) ? false : (idA == idB ? a.1 > b.1 : true)
    }

    /// What became of one record.
    enum Outcome {
        case rejected(field: String, error: RatingError)
        case repeated(RepeatedRecord)
        /// Rated in summary `index` with this share (before the remainder rule).
        case rated(index: Int, share: Int128, timestamp: Int64)
    }

    /// Scans a chunk and tells what became of each record: `body(location, line, outcome, id)`
    /// with the span of the record id.
    func forEachRecord(in chunk: Chunk, _ fields: inout RecordFields, _ decoder: inout RecordDecoder,
                       _ body: (UInt64, Int, Outcome, FieldSpan) -> Void)
    {
        let source = sources[chunk.source]
        let checked = stream.read(chunk.checked.lowerBound, chunk.checked.count)
        var next = 0
        var position = chunk.start
        var line = chunk.firstLine
        while position < chunk.end {
            let (end, newlines, blank) = source.scan(at: position, into: &fields)
            defer {
                line += newlines
                position = end
            }
            if blank { continue }
            let location = RecordLocation.pack(source: chunk.source, offset: position)
            let id = fields.spans[RecordLayout.recordId]
            guard next < checked.count, checked[next].location == location else {
                // Not a valid record: decoding again gives the reason the first pass found.
                if case .failure(let rejection) = decoder.decode(fields, in: source.bytes) {
                    body(location, line, .rejected(field: rejection.field, error: rejection.error), id)
                }
                continue
            }
            let record = checked[next]
            next += 1
            if !repeats.isEmpty, let repeated = repeats[location] {
                body(location, line, .repeated(repeated), id)
                continue
            }
            guard let index = ledgerIndex.index(of: record.key) else { continue }
            if let share = share(record.quantity, in: index) {
                body(location, line, .rated(index: index, share: share, timestamp: record.timestamp), id)
            } else if case .failure(let error) = ledgers[index].rating {
                body(location, line, .rejected(field: Self.field(of: error), error: error), id)
            }
        }
        source.file.release(chunk.start..<chunk.end)
    }

    /// The summary of a valid record and its share, or `nil` for a repeated record or a summary
    /// that could not be rated.
    @inline(__always)
    private func share(of record: CheckedRecord) -> (Int, Int128)? {
        if !repeats.isEmpty, repeats[record.location] != nil { return nil }
        guard let index = ledgerIndex.index(of: record.key), let share = share(record.quantity, in: index) else {
            return nil
        }
        return (index, share)
    }

    /// The share of `quantity` in summary `index`, or `nil` when the summary is not rated.
    @inline(__always)
    private func share(_ quantity: Int128, in index: Int) -> Int128? {
        let summary = hot[index]
        if summary.isFast, quantity >= 0, quantity <= Int128(UInt64.max) {
            return summary.share(of: UInt64(quantity))
        }
        guard case .success(let rating) = ledgers[index].rating else { return nil }
        return rating.share(of: quantity, in: ledgers[index].quantity)
    }

    /// The record field a summary's rating error is about.
    static func field(of error: RatingError) -> String {
        switch error.code {
        case .unknownAsset: "assetId"
        case .quantityOutOfRange, .invalidQuantity: "quantity"
        default: "resourceId"
        }
    }
}

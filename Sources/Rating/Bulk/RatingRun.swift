#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPlatform
import Dispatch
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
    /// Summaries in the order of their packed numbers (``SummaryIndex``), and the index by key.
    var ledgers: [SummaryLedger] = []
    var ledgerIndex = SummaryIndex()
    /// Later copies of ids, by location.
    var repeats: [UInt64: RepeatedRecord] = [:]
    /// What the record passes read per summary, packed (see ``HotSummary``).
    var hot = LargeBuffer(repeating: HotSummary(), count: 0)
    /// Every rated summary's line suffix, back to back.
    var suffixes = LargeBuffer<UInt8>(repeating: 0, count: 0)
    /// Each summary's ``SummaryLedger/remainderAdjustment``, apart from the ledgers: the write
    /// pass reads it for one record in each summary, at random, and a small array of it misses
    /// the cache less than the ledgers and their ratings do.
    var remainderAdjustments: [Int128] = []

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
        /// (id hash, location) pairs.
        var ids: [UInt64] = []
        /// The valid records, in order; each piece's count is in its `checked`.
        var checked: [CheckedRecord] = []
        /// The valid records by summary partition, for summing.
        var sorted = PartitionedRecords()
    }

    /// Reads every record once: checks it, adds it to its summary, and notes its id.
    mutating func sum(into duplicates: DuplicateFinder) throws(RatingInputError) {
        // Reading units are larger than writing units, so that fewer rounds of summing wait for
        // the slowest worker.
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
        let partitions = (0..<SummaryIndex.partitions).map { SummaryPartition(number: $0) }
        let pools = FirstPassPools()
        // Checked records and id candidates are written while the next batch is read.
        let appender = CheckedAppender(duplicates: duplicates, stream: stream)
        let writer = DispatchQueue(label: "revenue.rating.checked")
        var checkedCount = 0
        var done = 0
        let batch = 2 * rater.workers
        var position = 0
        var previous: (source: Int, end: Int, line: Int)?
        while position < tentative.count {
            let slice = Array(tentative[position..<min(tentative.count, position + batch)])
            var results = Parallel.map(slice.count, workers: rater.workers) { scan(slice[$0], pools) }
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
                    result = scan(fixed, pools)
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
            // Each partition sums its records of every chunk, in order; partitions run on every core.
            let packed = results.map { UnsafeMutableBufferPointer<UInt32>.allocate(capacity: $0.sorted.entries.count) }
            defer { packed.forEach { $0.deallocate() } }
            let reader = self
            _ = Parallel.map(partitions.count, workers: rater.workers) { number in
                for (index, result) in results.enumerated() {
                    let range = result.sorted.offsets[number]..<result.sorted.offsets[number + 1]
                    guard !range.isEmpty else { continue }
                    result.sorted.entries.withUnsafeBufferPointer { entries in
                        partitions[number].add(UnsafeBufferPointer(rebasing: entries[range]),
                                               packed: UnsafeMutableBufferPointer(rebasing: packed[index][range])) { a, b in
                            var fields = RecordFields(roles: reader.vocabulary.layout.roleCount)
                            var decoder = RecordDecoder(reader.vocabulary)
                            return reader.isLater(a, than: b, &fields, &decoder)
                        }
                    }
                }
            }
            if let full = partitions.first(where: { $0.keys.count >= SummaryIndex.localLimit }) {
                throw RatingInputError("more than \(SummaryIndex.localLimit) summaries (asset, resource, period and attribute values) fall in one of the \(SummaryIndex.partitions) summary partitions (\(full.keys.count)); rate fewer records at once")
            }
            writer.sync {}
            if let error = appender.error { throw error }
            for index in results.indices {
                var checked = results[index].checked
                let sorted = results[index].sorted
                let ids = results[index].ids
                results[index] = ScanResult(chunk: results[index].chunk)
                var next = sorted.offsets
                checked.withUnsafeMutableBufferPointer { records in
                    for position in records.indices {
                        let partition = Int(sorted.partitions[position])
                        records[position].summary = packed[index][next[partition]]
                        next[partition] += 1
                    }
                }
                sorted.recycle(into: pools)
                writer.async { [checked] in
                    appender.append(checked, ids: ids)
                    pools.checked.recycle(checked)
                    pools.ids.recycle(ids)
                }
            }
            try checkErrors(rejectedInScan)
            progress(BulkRatingProgress(pass: 1, bytesDone: done, bytesTotal: bytesTotal, records: records))
            position += slice.count
        }
        writer.sync {}
        if let error = appender.error { throw error }
        try stream.finish()
        // Partition by partition, in the order summaries first appeared: the order of the
        // packed numbers the checked records carry.
        ledgerIndex = SummaryIndex(partitions)
        ledgers = []
        ledgers.reserveCapacity(partitions.reduce(0) { $0 + $1.sums.count })
        for partition in partitions {
            for (local, sum) in partition.sums.enumerated() {
                var ledger = SummaryLedger(key: SummaryKey(raw: partition.keys.ordered[local]))
                ledger.quantity = sum.quantity
                ledger.records = sum.records
                ledger.last = (sum.lastTimestamp, sum.lastLocation)
                ledgers.append(ledger)
            }
        }
    }

    /// Scans the records that start in the chunk; the last may run past its end.
    private func scan(_ chunk: Chunk, _ pools: FirstPassPools) -> ScanResult {
        var result = ScanResult(chunk: chunk)
        let source = sources[chunk.source]
        let bytes = source.bytes
        var fields = RecordFields(roles: vocabulary.layout.roleCount)
        var decoder = RecordDecoder(vocabulary)
        // Room for records of 40 bytes on average, so that the buffers seldom grow and copy
        // themselves into fresh pages; room not written to costs no memory.
        let estimate = (chunk.end - chunk.start) / 40 + 16
        var keys = pools.keys.take(reserving: estimate)
        var timestamps = pools.timestamps.take(reserving: estimate)
        result.ids = pools.ids.take(reserving: 2 * estimate)
        result.checked = pools.checked.take(reserving: estimate)
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
                let location = RecordLocation.pack(source: chunk.source, offset: position)
                result.ids.append(record.idHash)
                result.ids.append(location)
                keys.append(record.key.raw)
                timestamps.append(record.timestamp)
                result.checked.append(CheckedRecord(record, location: location, offset: position,
                                                    id: fields.spans[RecordLayout.recordId]))
            case .failure(let rejection):
                result.rejected += 1
                piece.rejected += 1
                if result.firstReject == nil { result.firstReject = (result.newlines, rejection.field, rejection.error) }
            }
        }
        result.chunk.end = position
        piece.end = position
        piece.checked = piece.checked.lowerBound..<result.checked.count
        if piece.end > piece.start { result.pieces.append(piece) }
        result.sorted = PartitionedRecords(keys: keys, timestamps: timestamps, records: result.checked, pools: pools)
        pools.keys.recycle(keys)
        pools.timestamps.recycle(timestamps)
        return result
    }

    /// Appends the checked records and the id candidates of chunks, in order, on the queue that
    /// writes them, keeping the first error.
    private final class CheckedAppender: @unchecked Sendable {
        let duplicates: DuplicateFinder
        let stream: RecordStream
        /// Read only after the queue has drained.
        private(set) var error: RatingInputError?

        init(duplicates: DuplicateFinder, stream: RecordStream) {
            self.duplicates = duplicates
            self.stream = stream
        }

        func append(_ checked: [CheckedRecord], ids: [UInt64]) {
            guard error == nil else { return }
            do {
                try stream.append(checked)
                try duplicates.add(pairs: ids)
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
        for locations in try duplicates.candidates(workers: rater.readingWorkers) {
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
                    if ledgers[index].last?.location == location { ledgers[index].lastIsStale = true }
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
        let ratings = ratedSummaries()
        var failedRecords = 0
        let suffixBytes = ratings.joined().reduce(0) { $0 + $1.1.count }
        guard suffixBytes <= Int(UInt32.max) else {
            throw RatingInputError("the rated summaries' line text exceeds 4 GB; rate fewer files at once")
        }
        hot = LargeBuffer(repeating: HotSummary(), count: ledgers.count)
        suffixes = LargeBuffer(repeating: 0, count: suffixBytes)
        var suffixEnd = 0
        for (index, (rating, suffix)) in ratings.joined().enumerated() {
            ledgers[index].rating = rating
            var summary = HotSummary(ledgers[index])
            summary.suffixStart = UInt32(suffixEnd)
            summary.suffixLength = UInt32(suffix.count)
            _ = UnsafeMutableBufferPointer(rebasing: suffixes.values[suffixEnd...]).initialize(from: suffix)
            suffixEnd += suffix.count
            hot[index] = summary
            if case .failure(let error) = rating {
                failedRecords += ledgers[index].records
                if firstReject == nil {
                    let key = ledgers[index].key
                    firstReject = "summary \(vocabulary.assetIds[key.asset]) / \(vocabulary.resourceIds[key.resource]): \(error.message)"
                }
            }
        }
        try checkErrors(rejectedInScan + repeats.values.filter(\.isConflict).count + failedRecords)
    }

    /// Each summary's rating and line suffix, in blocks of summaries rated on every core; `nil`
    /// for a summary whose records all repeat earlier ids, which has nothing to rate.
    ///
    /// A function of its own, so that the ledgers it reads are no longer held when
    /// ``rateSummaries()`` writes the ratings into them: a copy of the ledgers would be made.
    private func ratedSummaries() -> [[(Result<SummaryRating, RatingError>?, [UInt8])]] {
        let engine = Rater(rater.definitions)
        let format = rater.options.format
        let vocabulary = self.vocabulary
        let ledgers = self.ledgers
        // Periods are few: each is made, and named, once.
        var periods: [Int: (period: BillingPeriod, name: String)] = [:]
        for ledger in ledgers where periods[ledger.key.period] == nil {
            let period = vocabulary.period(ledger.key.period)
            periods[ledger.key.period] = (period, period.description)
        }
        let blocks = stride(from: 0, to: ledgers.count, by: 1024).map { $0..<min(ledgers.count, $0 + 1024) }
        return Parallel.map(blocks.count, workers: rater.workers) { [periods] block in
            blocks[block].map { index -> (Result<SummaryRating, RatingError>?, [UInt8]) in
                guard ledgers[index].records > 0 else { return (nil, []) }
                let key = ledgers[index].key
                let period = periods[key.period]!
                let summary = UsageSummary(
                    assetId: vocabulary.assetIds[key.asset], resourceId: vocabulary.resourceIds[key.resource],
                    period: period.period, quantity: ExactDecimal(rawValue: ledgers[index].quantity),
                    attributes: vocabulary.attributes(resource: key.resource, values: key.attributes))
                do throws(RatingError) {
                    let rated = try engine.rate(summary, explained: false)
                    return (.success(SummaryRating(rated, period: period.name)), SummaryRating.suffix(rated, format: format))
                } catch {
                    return (.failure(error), [])
                }
            }
        }
    }

    // MARK: Pass 2: shares

    /// Works out the sum of the shares of every summary and, where the first pass's last record
    /// was a repeated id, the record that takes the remainder. Workers take every n-th chunk and
    /// keep their own totals.
    mutating func share() {
        let workers = rater.readingWorkers
        let chunks = self.chunks
        let count = ledgers.count
        let partials = Parallel.map(workers, workers: workers) { worker -> ShareTotals in
            var totals = ShareTotals(count: count)
            var fields = RecordFields(roles: vocabulary.layout.roleCount)
            var decoder = RecordDecoder(vocabulary)
            withSummaries { summaries in
                for chunkIndex in stride(from: worker, to: chunks.count, by: workers) {
                    stream.withRecords(chunks[chunkIndex].checked) { records in
                        addShares(of: records, to: &totals, summaries, &fields, &decoder)
                    }
                }
            }
            return totals
        }
        var fields = RecordFields(roles: vocabulary.layout.roleCount)
        var decoder = RecordDecoder(vocabulary)
        for index in ledgers.indices where ledgers[index].lastIsStale { ledgers[index].last = nil }
        for partial in partials {
            for index in 0..<count { ledgers[index].shares += partial.shares[index] }
            for (index, candidate) in partial.lasts {
                if let last = ledgers[index].last, !isLater(candidate, than: last, &fields, &decoder) { continue }
                ledgers[index].last = candidate
            }
        }
        for index in ledgers.indices where ledgers[index].lastIsStale {
            hot[index].lastLocation = ledgers[index].last?.location ?? .max
        }
        remainderAdjustments = ledgers.map(\.remainderAdjustment)
    }

    /// Adds the shares of `records` to `totals`, and for the summaries that must find their last
    /// record again, the latest of them.
    private func addShares(of records: UnsafeBufferPointer<CheckedRecord>, to totals: inout ShareTotals,
                           _ summaries: SummaryView, _ fields: inout RecordFields, _ decoder: inout RecordDecoder)
    {
        let shares = totals.shares.values
        for position in records.indices {
            summaries.prefetch(of: records, after: position)
            if let near = summaries.indexAhead(of: records, after: position) {
                revenue_prefetch_for_write(shares.baseAddress! + near)
            }
            let record = records[position]
            guard let (index, share) = share(of: record, summaries) else { continue }
            shares[index] += share
            guard summaries.hot[index].findsLast,
                  let timestamp = decode(record.location, &fields, &decoder)?.1.timestamp else { continue }
            if let last = totals.lasts[index],
               !isLater((timestamp, record.location), than: last, &fields, &decoder) {
                continue
            }
            totals.lasts[index] = (timestamp, record.location)
        }
    }

    /// One worker's sums of shares per summary, and the latest record of each summary that must
    /// find it again.
    struct ShareTotals {
        /// On large pages: every record adds to one at random (``LargeBuffer``).
        let shares: LargeBuffer<Int128>
        var lasts: [Int: (timestamp: Int64, location: UInt64)] = [:]

        init(count: Int) {
            shares = LargeBuffer(repeating: 0, count: count)
        }
    }

    /// Whether record `a` comes after record `b` by (timestamp, record id).
    func isLater(_ a: (Int64, UInt64), than b: (Int64, UInt64), _ fields: inout RecordFields,
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
        case rejected(line: Int, field: String, error: RatingError)
        case repeated(line: Int, RepeatedRecord)
        /// Rated: its amount in minor units at the currency's `scale` (the remainder rule
        /// applied), and the summary's line suffix to follow it.
        case rated(amount: Int128, scale: Int, suffix: UnsafeBufferPointer<UInt8>)
    }

    /// Tells what became of each record of a chunk, in order: `body(location, outcome, id)` with
    /// the span of the record id. A chunk without rejected records is read from the checked
    /// records alone; one with rejects is scanned again to find them.
    func forEachRecord(in chunk: Chunk, _ fields: inout RecordFields, _ decoder: inout RecordDecoder,
                       _ body: (UInt64, Outcome, FieldSpan) -> Void)
    {
        stream.withRecords(chunk.checked) { checked in
            withSummaries { summaries in forEachRecord(in: chunk, checked: checked, summaries, &fields, &decoder, body) }
        }
        sources[chunk.source].file.release(chunk.start..<chunk.end)
    }

    private func forEachRecord(in chunk: Chunk, checked: UnsafeBufferPointer<CheckedRecord>, _ summaries: SummaryView,
                               _ fields: inout RecordFields, _ decoder: inout RecordDecoder,
                               _ body: (UInt64, Outcome, FieldSpan) -> Void)
    {
        let source = sources[chunk.source]
        guard chunk.rejected > 0 else {
            // Lines are counted only for the records that need them, from the last one counted.
            var counted = (offset: chunk.start, line: chunk.firstLine)
            func line(at offset: Int) -> Int {
                counted = (offset, counted.line + CSVScanner.countNewlines(source.bytes, counted.offset, offset))
                return counted.line
            }
            for position in checked.indices {
                summaries.prefetch(of: checked, after: position)
                summaries.prefetchSuffix(of: checked, after: position)
                let record = checked[position]
                let offset = RecordLocation.offset(record.location)
                var id: FieldSpan
                if record.idKnown {
                    let start = offset + Int(record.idStart)
                    id = FieldSpan(start: start, end: start + Int(record.idLength), kind: .text, escape: .none)
                } else {
                    _ = source.scan(at: offset, into: &fields)
                    id = fields.spans[RecordLayout.recordId]
                }
                outcome(of: record, id: id, summaries, line: { line(at: offset) }, body)
            }
            return
        }
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
                    body(location, .rejected(line: line, field: rejection.field, error: rejection.error), id)
                }
                continue
            }
            let record = checked[next]
            next += 1
            outcome(of: record, id: id, summaries, line: { line }, body)
        }
    }

    /// Passes a view of the rated summaries to `body`, for the record passes.
    func withSummaries<T>(_ body: (SummaryView) -> T) -> T {
        body(SummaryView(index: ledgerIndex, hot: UnsafeBufferPointer(hot.values),
                         suffixes: UnsafeBufferPointer(suffixes.values)))
    }

    /// What became of a valid record: repeated, rated, or rejected with its summary.
    @inline(__always)
    private func outcome(of record: CheckedRecord, id: FieldSpan, _ summaries: SummaryView, line: () -> Int,
                         _ body: (UInt64, Outcome, FieldSpan) -> Void)
    {
        if !repeats.isEmpty, let repeated = repeats[record.location] {
            body(record.location, .repeated(line: line(), repeated), id)
            return
        }
        let index = summaries.index.index(packed: record.summary)
        if let share = share(record.quantity, in: index, summaries) {
            let summary = summaries.hot[index]
            let amount = summary.lastLocation == record.location ? share + remainderAdjustments[index] : share
            let suffix = UnsafeBufferPointer(rebasing: summaries.suffixes[Int(summary.suffixStart)..<Int(summary.suffixStart + summary.suffixLength)])
            body(record.location, .rated(amount: amount, scale: Int(summary.scale), suffix: suffix), id)
        } else if case .failure(let error) = ledgers[index].rating {
            body(record.location, .rejected(line: line(), field: Self.field(of: error), error: error), id)
        }
    }

    /// The summary of a valid record and its share, or `nil` for a repeated record or a summary
    /// that could not be rated.
    @inline(__always)
    private func share(of record: CheckedRecord, _ summaries: SummaryView) -> (Int, Int128)? {
        if !repeats.isEmpty, repeats[record.location] != nil { return nil }
        let index = summaries.index.index(packed: record.summary)
        guard let share = share(record.quantity, in: index, summaries) else { return nil }
        return (index, share)
    }

    /// The share of `quantity` in summary `index`, or `nil` when the summary is not rated.
    @inline(__always)
    private func share(_ quantity: Int128, in index: Int, _ summaries: SummaryView) -> Int128? {
        let summary = summaries.hot[index]
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

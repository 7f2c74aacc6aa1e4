import Definitions
import Dispatch
import Money

/// Writes the summary file on a queue of its own, keeping the error.
private final class SummaryWriter: @unchecked Sendable {
    private let run: RatingRun
    private let format: BulkRatingOptions.OutputFormat
    private let output: Output
    /// Read only after the queue has drained.
    private(set) var error: RatingInputError?

    init(run: RatingRun, format: BulkRatingOptions.OutputFormat, output: Output) {
        self.run = run
        self.format = format
        self.output = output
    }

    func write() {
        do throws(RatingInputError) { try run.writeSummary(format, to: output) } catch { self.error = error }
    }
}

/// One chunk's output lines, made in parallel and written in order.
struct ChunkOutput {
    /// Rated lines, the bulk of the output, in a buffer without a uniqueness check per append.
    var rated: ByteOutput
    var rejects: [UInt8] = []
    var duplicates: [UInt8] = []
    var ratedCount = 0
    var rejectedCount = 0
    var duplicateCount = 0
}

extension RatingRun {
    // MARK: Pass 3: write

    /// Writes every record in input order, then the summary, and renames the files into place.
    func write(to directory: String) throws(RatingInputError) -> BulkRatingReport {
        let format = rater.options.format
        let ext = format.rawValue
        let rated = try Output("\(directory)/rated.\(ext)", header: format == .csv ? "recordId,amount,currency,rate,tiers\n" : "")
        let rejects = try Output("\(directory)/rejects.csv", header: "file,line,recordId,field,code,reason\n")
        let duplicates = try Output("\(directory)/duplicates.csv", header: "file,line,recordId,firstFile,firstLine\n")
        let summary = try Output("\(directory)/summary.\(ext)",
                                 header: format == .csv ? "account,resource,period,currency,records,quantity,amount\n" : "")
        var report = BulkRatingReport(records: records, rated: 0, rejected: 0, duplicates: 0, summaries: 0, outputs: [])
        progress(BulkRatingProgress(pass: 3, bytesDone: 0, bytesTotal: bytesTotal, records: records))
        var done = 0
        // The summary file reads only the summaries: it is made alongside the records.
        let summaryWriter = SummaryWriter(run: self, format: format, output: summary)
        let summaryQueue = DispatchQueue(label: "revenue.rating.summary")
        summaryQueue.async { summaryWriter.write() }
        // Workers make chunks' lines as they free up; this thread writes them in order.
        var failure: RatingInputError?
        let chunks = self.chunks
        Parallel.pipeline(chunks.count, workers: rater.workers, lookahead: 2 * rater.workers) {
            lines(of: chunks[$0])
        } consume: { index, output in
            do throws(RatingInputError) {
                try output.rated.withBytes { bytes throws(RatingInputError) in try rated.append(bytes) }
                try rejects.append(output.rejects)
                try duplicates.append(output.duplicates)
            } catch {
                failure = error
                return false
            }
            report.rated += output.ratedCount
            report.rejected += output.rejectedCount
            report.duplicates += output.duplicateCount
            done += chunks[index].end - chunks[index].start
            progress(BulkRatingProgress(pass: 3, bytesDone: done, bytesTotal: bytesTotal, records: records))
            return true
        }
        if let failure { throw failure }
        summaryQueue.sync {}
        if let error = summaryWriter.error { throw error }
        report.summaries = ledgers.count { if case .success = $0.rating { true } else { false } }
        for output in [rated, rejects, duplicates, summary] { try output.commit() }
        report.outputs = ["rated.\(ext)", "summary.\(ext)", "rejects.csv", "duplicates.csv"].map { "\(directory)/\($0)" }
        return report
    }

    /// The output lines of one chunk.
    private func lines(of chunk: Chunk) -> ChunkOutput {
        // Rated lines run longer than the records they come from (the summary's rate and tiers follow
        // each amount); room for twice the input means the buffer never grows and copies.
        var output = ChunkOutput(rated: ByteOutput(capacity: (chunk.end - chunk.start) * 2))
        var rated = output.rated
        var fields = RecordFields(roles: vocabulary.layout.roleCount)
        var decoder = RecordDecoder(vocabulary)
        var idFields = RecordFields(roles: vocabulary.layout.roleCount)
        var idDecoder = RecordDecoder(vocabulary)
        let format = rater.options.format
        let path = Array(CSVText.escape(sources[chunk.source].path).utf8)
        let bytes = sources[chunk.source].bytes
        /// An id in the rejects or duplicates file: as text, with bytes that are not UTF-8 replaced.
        func appendText(_ idSpan: FieldSpan, to output: inout [UInt8]) {
            let text = idDecoder.withID(idSpan, in: bytes) { String(decoding: $0, as: UTF8.self) } ?? ""
            output += Array(CSVText.escape(CSVText.printable(text)).utf8)
        }
        forEachRecord(in: chunk, &fields, &decoder) { location, outcome, idSpan in
            switch outcome {
            case .rejected(let line, let field, let error):
                output.rejectedCount += 1
                output.rejects += path + Array(",\(line),".utf8)
                appendText(idSpan, to: &output.rejects)
                output.rejects += Array(",\(CSVText.escape(field)),\(error.code.rawValue),\(CSVText.escape(CSVText.printable(error.message)))\n".utf8)
            case .repeated(let line, let repeated) where repeated.isConflict:
                output.rejectedCount += 1
                let (file, firstLine) = place(of: repeated.original, &idFields, &idDecoder)
                output.rejects += path + Array(",\(line),".utf8)
                appendText(idSpan, to: &output.rejects)
                output.rejects += Array(",recordId,DuplicateRecordConflict,\(CSVText.escape("the record id was first used at \(file):\(firstLine) with a different payload"))\n".utf8)
            case .repeated(let line, let repeated):
                output.duplicateCount += 1
                let (file, firstLine) = place(of: repeated.original, &idFields, &idDecoder)
                output.duplicates += path + Array(",\(line),".utf8)
                appendText(idSpan, to: &output.duplicates)
                output.duplicates += Array(",\(CSVText.escape(file)),\(firstLine)\n".utf8)
            case .rated(let amount, let scale, let suffix):
                output.ratedCount += 1
                if format == .csv {
                    _ = idDecoder.withID(idSpan, in: bytes) { CSVText.append($0, to: &rated) }
                    rated.append(0x2C)
                    DecimalText.append(minor: amount, scale: scale, to: &rated)
                } else {
                    rated.append("{\"recordId\":")
                    _ = idDecoder.withID(idSpan, in: bytes) { JSONString.appendQuoted($0, to: &rated) }
                    rated.append(",\"amount\":\"")
                    DecimalText.append(minor: amount, scale: scale, to: &rated)
                    rated.append(0x22)
                }
                rated.append(UnsafeRawBufferPointer(suffix))
            }
        }
        return output
    }

    /// The file and line of a record.
    private func place(of location: UInt64, _ fields: inout RecordFields, _ decoder: inout RecordDecoder) -> (String, Int) {
        let source = RecordLocation.source(location)
        let offset = RecordLocation.offset(location)
        let chunk = chunks.last { $0.source == source && $0.start <= offset } ?? chunks[0]
        return (sources[source].path, chunk.firstLine + CSVScanner.countNewlines(sources[source].bytes, chunk.start, offset))
    }

    /// Rated amounts per account, resource, period and currency, in that order, written as they
    /// are summed so that no table of groups is held.
    fileprivate func writeSummary(_ format: BulkRatingOptions.OutputFormat, to output: Output) throws(RatingInputError) {
        /// A rated summary as the file needs it, carried through the sort so that the groups are
        /// summed in order rather than by reading the ledgers at random.
        struct Row {
            var account: Int
            /// Resource (10 bits), period (18 bits) and currency, packed below the account.
            var rank: UInt64
            var records: Int
            var quantity: Int128
            var rating: SummaryRating
        }
        // Sort by (account, resource, period, currency) on small integers: resources and periods
        // are already ranked in the summary key; accounts are numbered as they come, then ranked
        // by name; currencies are few and ranked by code.
        var accountNumbers: [String: Int] = [:]
        var currencyNumbers: [String: Int] = [:]
        /// The number of `name`, the next one when it is new.
        func number(of name: String, in numbers: inout [String: Int]) -> Int {
            let number = numbers[name, default: numbers.count]
            numbers[name] = number
            return number
        }
        var rows: [Row] = []
        rows.reserveCapacity(ledgers.count)
        for ledger in ledgers {
            guard case .success(let rating) = ledger.rating, ledger.records > 0 else { continue }
            let account = number(of: rating.accountId, in: &accountNumbers)
            let currency = number(of: rating.currency.code, in: &currencyNumbers)
            rows.append(Row(account: account, rank: UInt64(ledger.key.resource) << 40 | UInt64(ledger.key.period) << 20
                                | UInt64(currency),
                            records: ledger.records, quantity: ledger.quantity, rating: rating))
        }
        let accountRank = Self.ranks(accountNumbers)
        let currencyRank = Self.ranks(currencyNumbers)
        for index in rows.indices {
            rows[index].account = accountRank[rows[index].account]
            rows[index].rank = rows[index].rank & ~0xF_FFFF | UInt64(currencyRank[Int(rows[index].rank & 0xF_FFFF)])
        }
        rows.sort { ($0.account, $0.rank) < ($1.account, $1.rank) }
        let text = ByteOutput(capacity: 1 << 20)
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].account == rows[start].account, rows[end].rank == rows[start].rank {
                end += 1
            }
            var records = 0
            var quantity: Int128 = 0
            var amountMinor: Int128 = 0
            for row in rows[start..<end] {
                records += row.records
                quantity += row.quantity
                amountMinor += row.rating.amountMinor
            }
            Self.appendSummaryLine(rows[start].rating, records: records, quantity: quantity, amountMinor: amountMinor,
                                   format: format, to: text)
            if text.count >= 1 << 20 {
                try text.withBytes { bytes throws(RatingInputError) in try output.append(bytes) }
                text.removeAll()
            }
            start = end
        }
        try text.withBytes { bytes throws(RatingInputError) in try output.append(bytes) }
    }

    /// The rank of each number's name among the names, by name: `ranks[number]`.
    private static func ranks(_ numbers: [String: Int]) -> [Int] {
        var ranks = [Int](repeating: 0, count: numbers.count)
        for (rank, name) in numbers.keys.sorted().enumerated() { ranks[numbers[name]!] = rank }
        return ranks
    }

    private static func appendSummaryLine(_ rating: SummaryRating, records: Int, quantity: Int128, amountMinor: Int128,
                                          format: BulkRatingOptions.OutputFormat, to output: ByteOutput)
    {
        var line = output
        if format == .csv {
            CSVText.append(rating.accountId, to: &line)
            line.append(0x2C)
            CSVText.append(rating.resourceId, to: &line)
            line.append(0x2C)
            CSVText.append(rating.period, to: &line)
            line.append(0x2C)
            CSVText.append(rating.currency.code, to: &line)
            line.append(0x2C)
            line.append(number: records)
            line.append(0x2C)
            line.append(decimal: ExactDecimal(rawValue: quantity))
            line.append(0x2C)
            DecimalText.append(minor: amountMinor, scale: rating.currency.minorUnits, to: &line)
            line.append(0x0A)
            return
        }
        line.append("{\"account\":")
        JSONString.appendQuoted(rating.accountId, to: &line)
        line.append(",\"resource\":")
        JSONString.appendQuoted(rating.resourceId, to: &line)
        line.append(",\"period\":")
        JSONString.appendQuoted(rating.period, to: &line)
        line.append(",\"currency\":\"")
        line.append(rating.currency.code)
        line.append("\",\"records\":")
        line.append(number: records)
        line.append(",\"quantity\":\"")
        line.append(decimal: ExactDecimal(rawValue: quantity))
        line.append("\",\"amount\":\"")
        DecimalText.append(minor: amountMinor, scale: rating.currency.minorUnits, to: &line)
        line.append("\"}\n")
    }
}

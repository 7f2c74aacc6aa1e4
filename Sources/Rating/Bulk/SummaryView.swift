import CPlatform

/// The rated summaries as the record passes read them, without reference counting in the loop.
struct SummaryView {
    let index: SummaryIndex
    let hot: UnsafeBufferPointer<HotSummary>
    /// Every summary's line suffix, back to back (``HotSummary/suffixStart``).
    let suffixes: UnsafeBufferPointer<UInt8>

    /// Asks for the summaries of the records a little ahead to be brought into cache: the record
    /// passes look summaries up in random order, and would otherwise wait on memory for each.
    @inline(__always)
    func prefetch(of records: UnsafeBufferPointer<CheckedRecord>, after position: Int) {
        // The summary 16 records ahead, and the line suffix of the one 8 ahead, whose summary
        // was asked for 8 records ago.
        let far = position + 16
        if far < records.count, let hot = hot.baseAddress {
            revenue_prefetch(hot + index.index(packed: records[far].summary))
        }
        let near = position + 8
        if near < records.count, let suffixes = suffixes.baseAddress {
            let start = Int(hot[index.index(packed: records[near].summary)].suffixStart)
            if start < self.suffixes.count { revenue_prefetch(suffixes + start) }
        }
    }
}

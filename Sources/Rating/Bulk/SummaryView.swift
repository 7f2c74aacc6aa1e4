import CPlatform

/// The rated summaries as the record passes read them, without reference counting in the loop.
struct SummaryView {
    let index: SummaryIndex
    let hot: UnsafeBufferPointer<HotSummary>
    /// Every summary's line suffix, back to back (``HotSummary/suffixStart``).
    let suffixes: UnsafeBufferPointer<UInt8>

    /// Asks for the summary of the record 16 ahead of `position` to be brought into cache: the
    /// record passes look summaries up in random order, and would otherwise wait on memory for
    /// each. Eight records later, ``index(ahead:of:after:)`` can read it without waiting, to
    /// ask for what the summary points to.
    @inline(__always)
    func prefetch(of records: UnsafeBufferPointer<CheckedRecord>, after position: Int) {
        let far = position + 16
        if far < records.count, let hot = hot.baseAddress {
            revenue_prefetch(hot + index.index(packed: records[far].summary))
        }
    }

    /// The summary index of the record 8 ahead of `position`, or `nil` past the end.
    @inline(__always)
    func indexAhead(of records: UnsafeBufferPointer<CheckedRecord>, after position: Int) -> Int? {
        let near = position + 8
        return near < records.count ? index.index(packed: records[near].summary) : nil
    }

    /// Asks for the line suffix of the record 8 ahead of `position`, whose summary was asked for
    /// 8 records ago.
    @inline(__always)
    func prefetchSuffix(of records: UnsafeBufferPointer<CheckedRecord>, after position: Int) {
        if let near = indexAhead(of: records, after: position), let suffixes = suffixes.baseAddress {
            let start = Int(hot[near].suffixStart)
            if start < self.suffixes.count { revenue_prefetch(suffixes + start) }
        }
    }
}

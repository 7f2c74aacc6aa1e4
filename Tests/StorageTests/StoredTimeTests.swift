import Foundation
import Money
import Storage
import Testing

@Suite("Stored times")
struct StoredTimeTests {
    /// Foundation's format style for whole seconds, with the stored milliseconds after them: the
    /// style itself truncates a `Double` and is sometimes a millisecond short.
    @Test("ISO 8601 times are the calendar time of their stored milliseconds")
    func iso8601() {
        var rng = SplitMix64(seed: 42)
        let style = Date.ISO8601FormatStyle.iso8601.year().month().day().time(includingFractionalSeconds: false)
            .timeZone(separator: .omitted)
        var stored: [Int64] = [0, -1, 951_782_400_000, 1_795_430_399_999, -3_155_759_999_500]
        for _ in 0..<2_000 { stored.append(Int64(rng.next() % 8_000_000_000_000) - 2_000_000_000_000) }
        for milliseconds in stored {
            let date = StoredTime.date(milliseconds: milliseconds)
            #expect(StoredTime.milliseconds(date) == milliseconds)
            let (seconds, fraction) = (milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000,
                                       (milliseconds % 1000 + 1000) % 1000)
            let whole = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(style).dropLast()
            let expected = "\(whole).\(String(repeating: "0", count: 3 - String(fraction).count))\(fraction)Z"
            #expect(StoredTime.iso8601(date) == expected, "\(milliseconds)")
        }
        #expect(StoredTime.iso8601(Date(timeIntervalSince1970: 1_795_430_400.125)) == "2026-11-23T10:40:00.125Z")
    }
}

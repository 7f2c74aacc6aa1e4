import Foundation
import Money

/// Writes realistic usage files for the demo resources: records spread over the assets, the
/// resources and the days of a month, with quantities in each resource's unit and a region where
/// the resource has one. The same seed writes the same bytes.
struct UsageGenerator {
    enum Format: String, CaseIterable { case csv, jsonl }

    let assets: [String]
    let month: CivilDate
    let seed: UInt64

    /// The accounts and assets of `count` generated customers: `CUST-00001` owns `AS-00001`, and
    /// every third plan is Enterprise. JSON definitions documents, one per file.
    static func customers(_ count: Int) -> (accounts: String, assets: String, assetIds: [String]) {
        let width = max(5, String(count).count)
        func number(_ index: Int) -> String {
            let text = String(index)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var accounts = #"{"kind":"Accounts","id":"generated-customers","version":1,"effectiveFrom":"2026-01-01","accounts":["#
        var assets = #"{"kind":"Assets","id":"generated-assets","version":1,"effectiveFrom":"2026-01-01","assets":["#
        var ids: [String] = []
        for index in 1...max(1, count) {
            let separator = index == 1 ? "\n" : ",\n"
            accounts += separator + #"{"id":"CUST-\#(number(index))","segment":"\#(["smb", "midmarket", "enterprise"][index % 3])"}"#
            let plan = index % 3 == 0 ? "CLOUD-ENTERPRISE" : "CLOUD-STANDARD"
            assets += separator + #"{"id":"AS-\#(number(index))","account":"CUST-\#(number(index))","product":"\#(plan)","currency":"USD"}"#
            ids.append("AS-\(number(index))")
        }
        return (accounts + "\n]}\n", assets + "\n]}\n", ids)
    }

    /// Writes `records` records to `path`.
    func write(records: Int, format: Format, to path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw GeneratorError("cannot create \(path)")
        }
        defer { try? handle.close() }
        var random = SplitMix64(seed: seed)
        let usage = DemoDefinitions.usage
        let days = CivilDate.daysIn(year: month.components.year, month: month.components.month)
        let monthText = String(month.description.prefix(8))
        let regions = ["EU", "US", "APAC"]
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        if format == .csv { buffer += Array("recordId,assetId,resourceId,timestamp,quantity,region\n".utf8) }
        for index in 0..<records {
            let asset = assets[Int(random.next() % UInt64(assets.count))]
            let item = usage[Int(random.next() % UInt64(usage.count))]
            let day = Int(random.next() % UInt64(days)) + 1
            let second = Int(random.next() % 86_400)
            let timestamp = "\(monthText)\(day < 10 ? "0" : "")\(day)T\(Self.two(second / 3600)):\(Self.two(second / 60 % 60)):\(Self.two(second % 60))Z"
            let quantity = Self.quantity(item, &random)
            let region = item.regional ? regions[Int(random.next() % 3)] : ""
            let id = "u\(seed)-\(index)"
            switch format {
            case .csv:
                buffer += Array("\(id),\(asset),\(item.id),\(timestamp),\(quantity),\(region)\n".utf8)
            case .jsonl:
                let attributes = region.isEmpty ? "" : #","attributes":{"region":"\#(region)"}"#
                buffer += Array(#"{"recordId":"\#(id)","assetId":"\#(asset)","resourceId":"\#(item.id)","timestamp":"\#(timestamp)","quantity":\#(quantity)\#(attributes)}"#.utf8)
                buffer.append(0x0A)
            }
            if buffer.count >= 1 << 20 {
                handle.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A quantity in the item's unit: whole units, or a fraction with its decimals.
    private static func quantity(_ item: DemoDefinitions.UsageItem, _ random: inout SplitMix64) -> String {
        guard item.decimals > 0 else { return String(Int(random.next() % UInt64(item.maximum)) + 1) }
        var scale = 1
        for _ in 0..<item.decimals { scale *= 10 }
        let raw = Int(random.next() % UInt64(item.maximum * scale)) + 1
        let fraction = String(raw % scale)
        return "\(raw / scale).\(String(repeating: "0", count: item.decimals - fraction.count))\(fraction)"
    }
}

struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

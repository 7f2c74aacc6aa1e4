public import Definitions
public import Storage

extension UsageRecord {
    /// The record as a JSON Lines usage record (`docs/usage-files.md`): the five fields, and the
    /// attributes as stored. What rating a period exports and what the API lists.
    public func write(to out: JSONWriter) {
        out.object {
            out.field("recordId", id)
            out.field("assetId", asset)
            out.field("resourceId", resource)
            out.field("timestamp", timestamp)
            out.field("quantity", quantity)
            if !attributes.isEmpty { out.field("attributes", json: attributes) }
        }
    }
}

import HTTPTypes

/// The paths the server serves and the methods of each, matched segment by segment (`:id`
/// matches any one segment), to answer a known path with the wrong method with a 405.
struct RouteTable: Sendable {
    private let routes: [(segments: [Substring], methods: [HTTPRequest.Method])]

    init(_ routes: [(path: String, methods: [HTTPRequest.Method])]) {
        self.routes = routes.map { ($0.path.split(separator: "/"), $0.methods) }
    }

    /// The methods of the first route whose pattern `path` matches; nil for an unknown path.
    func methods(of path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        return routes.first { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { pattern, segment in pattern.first == ":" || pattern == segment }
        }?.methods
    }
}

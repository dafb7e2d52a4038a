/// What a session has seen so far: request numbers, answers, misses, warnings and recorded entries.
///
/// One actor per session, so concurrent requests number themselves and record consistently.
actor SessionLog {
    private var count = 0
    private var matcher: RequestMatcher?
    private var exchanges: [Int: ServedExchange] = [:]
    private var recorded: [Int: CassetteEntry] = [:]
    private var misses: [ReplayMiss] = []
    private var warnings: [String] = []
    /// The first `User-Agent` seen: the client named in the cassette's metadata.
    private(set) var userAgent: String?
    /// Set when the session is stopping: the program has ended, and what the engine has not
    /// answered by now, it did not answer within the run.
    private(set) var isStopping = false

    func stopping() {
        isStopping = true
    }

    /// A log for a replay (with a matcher) or a recording (without).
    init(matcher: RequestMatcher?) {
        self.matcher = matcher
    }

    /// Numbers a request in order of arrival and notes when it came.
    func begin(method: String, path: String, received: Duration, userAgent: String?) -> Int {
        count += 1
        if self.userAgent == nil { self.userAgent = userAgent }
        exchanges[count] = ServedExchange(number: count, method: method, path: path, status: 0, entryIndex: nil, received: received)
        return count
    }

    /// Finds the recorded answer for a replayed request, noting a miss or version warnings.
    func match(number: Int, method: String, path: String, headers: [CassetteHeader], body: CassetteBody) -> RequestMatcher.MatchResult {
        guard var matcher else {
            let miss = ReplayMiss(
                number: number, method: method, path: path, closestEntry: nil, differences: [], reason: "cannot be replayed: no cassette.")
            misses.append(miss)
            return .miss(miss)
        }
        let result = matcher.match(number: number, method: method, path: path, body: body)
        switch result {
        case .hit(let index): matcher.versionWarnings(number: number, headers: headers, entry: index).forEach(warn)
        case .miss(let miss): misses.append(miss)
        }
        self.matcher = matcher
        return result
    }

    /// Notes that the response head went out.
    func responded(_ number: Int, status: Int, entryIndex: Int?, at time: Duration) {
        exchanges[number]?.status = status
        exchanges[number]?.entryIndex = entryIndex
        exchanges[number]?.firstByte = time
    }

    /// Notes that the transport refused the request itself.
    func refuse(_ number: Int) {
        exchanges[number]?.isRefused = true
    }

    /// Notes that the response ended or the connection was dropped.
    func ended(_ number: Int, status: Int? = nil, at time: Duration) {
        if let status { exchanges[number]?.status = status }
        exchanges[number]?.end = time
    }

    /// Keeps a recorded exchange (already redacted) under its request number.
    func record(_ number: Int, _ entry: CassetteEntry) {
        recorded[number] = entry
    }

    /// Adds a warning once, in order of first appearance.
    func warn(_ warning: String) {
        if !warnings.contains(warning) { warnings.append(warning) }
    }

    /// Everything, in request order: exchanges, misses, warnings, recorded entries, unasked entries.
    func snapshot() -> (
        exchanges: [ServedExchange], misses: [ReplayMiss], warnings: [String], recorded: [(Int, CassetteEntry)], unanswered: [Int]
    ) {
        (
            exchanges.values.sorted { $0.number < $1.number }, misses.sorted { $0.number < $1.number }, warnings,
            recorded.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, matcher?.unanswered ?? []
        )
    }
}

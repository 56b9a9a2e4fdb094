/// Numbers a compose file allows that the Kubernetes field they become does not: the API server
/// refuses an int32 field past 2,147,483,647 (replicas, probe seconds and thresholds, a Job's
/// backoffLimit) and a negative count or grace period. Each is the user's input, so it is a
/// located error that names the field, not a verification failure.
extension Conversion {
    static let int32Max = Int(Int32.max)

    /// `value` when `field` takes it (`range`, within int32 unless the field is int64), else nil
    /// with an error at `path`.
    func fitting(_ value: Int, _ range: ClosedRange<Int>, field: String, path: String) -> Int? {
        guard range.contains(value) else {
            let upper = range.upperBound == Int.max ? "" : " and \(range.upperBound)"
            let bounds = upper.isEmpty ? "at least \(range.lowerBound)" : "between \(range.lowerBound)\(upper)"
            fail("\(value) does not fit \(field), which Kubernetes takes \(bounds)", path: path)
            return nil
        }
        return value
    }

    /// Whole seconds of `duration`, rounded up, when `field` takes them (`range`), else nil with an
    /// error at `path`.
    func seconds(_ duration: Duration, _ range: ClosedRange<Int>, field: String, path: String) -> Int? {
        let seconds = (duration.seconds).rounded(.up)
        guard seconds >= Double(range.lowerBound), seconds <= Double(range.upperBound) else {
            let upper = range.upperBound == Int.max ? "" : " and \(range.upperBound) seconds"
            let bounds = upper.isEmpty ? "at least \(range.lowerBound) seconds" : "between \(range.lowerBound)\(upper)"
            fail("\(duration) does not fit \(field), which Kubernetes takes \(bounds)", path: path)
            return nil
        }
        return Int(seconds)
    }
}

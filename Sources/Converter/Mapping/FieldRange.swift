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
            fail("\(value) does not fit \(field), which Kubernetes takes \(Self.describe(range))", path: path)
            return nil
        }
        return value
    }

    /// Whole seconds of `duration`, rounded up, when `field` takes them (`range`), else nil with an
    /// error at `path`.
    func seconds(_ duration: Duration, _ range: ClosedRange<Int>, field: String, path: String) -> Int? {
        let seconds = (duration.seconds).rounded(.up)
        guard seconds >= Double(range.lowerBound), seconds <= Double(range.upperBound) else {
            fail("\(duration) does not fit \(field), which Kubernetes takes \(Self.describe(range, unit: " seconds"))", path: path)
            return nil
        }
        return Int(seconds)
    }

    /// `between 0 and 2147483647`, or `at least 0` for a range without an upper bound.
    private static func describe(_ range: ClosedRange<Int>, unit: String = "") -> String {
        range.upperBound == Int.max
            ? "at least \(range.lowerBound)\(unit)" : "between \(range.lowerBound) and \(range.upperBound)\(unit)"
    }
}

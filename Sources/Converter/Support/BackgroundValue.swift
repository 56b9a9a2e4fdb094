import Dispatch

/// A value computed on another core, waited for when first read.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once by the background task before `group` is left; read only after waiting on it.
    private var computed: Value?

    init(_ make: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: group) { [self] in computed = make() }
    }

    var value: Value {
        group.wait()
        return computed!
    }
}

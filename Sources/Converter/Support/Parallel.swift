import Dispatch
import Foundation

/// Work spread over the machine's cores, results in input order: the same output on any
/// number of cores.
package enum Parallel {
    /// `transform` of each element, run concurrently.
    package static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard elements.count > 1 else { return elements.map(transform) }
        let slots = Slots<Result>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            slots.store(transform(elements[index]), at: index)
        }
        return slots.values
    }

    /// `map`, with the costliest elements (by `cost`, a guess of their time) started first, so
    /// that none is left to run alone at the end; the results are still in input order.
    package static func mapCostliestFirst<Element: Sendable, Result: Sendable>(
        _ elements: [Element], cost: (Element) -> Int, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let order = costliestFirst(elements.map(cost))
        let results = map(order) { transform(elements[$0]) }
        var inOrder = [Result?](repeating: nil, count: elements.count)
        for (position, index) in order.enumerated() { inOrder[index] = results[position] }
        return inOrder.map { $0! }
    }

    /// The indices of `costs` by descending cost, ties in input order: the order work is handed
    /// out in (each core takes the next as it comes free).
    package static func costliestFirst(_ costs: [Int]) -> [Int] {
        costs.indices.sorted { costs[$0] > costs[$1] || (costs[$0] == costs[$1] && $0 < $1) }
    }

    /// `transform` of consecutive slices of `elements` (about sixteen, so both cores stay busy
    /// whatever the slices cost), in order.
    package static func chunkedMap<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (ArraySlice<Element>) -> Result
    ) -> [Result] {
        let size = max(1, elements.count / 16 + 1)
        let ranges = stride(from: 0, to: elements.count, by: size).map { $0..<min($0 + size, elements.count) }
        return map(ranges) { transform(elements[$0]) }
    }

    /// A value made on another core while the caller goes on; `value` waits for it. The value
    /// is made on a thread of its own, not a shared queue's: the work that waits for it may take
    /// every thread of the queue, which would then never run it.
    package final class Background<Value: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written once, on the making thread, before `done` is signalled; read after.
        private var made: Value?
        private let lock = NSLock()
        private var waited = false

        package init(_ make: @escaping @Sendable () -> Value) {
            Thread { [self] in
                made = make()
                done.signal()
            }.start()
        }

        /// The value, once made; any number of threads may ask.
        package var value: Value {
            lock.locked {
                if !waited {
                    done.wait()
                    waited = true
                }
            }
            return made!
        }
    }

    /// Lets go of `value` on another thread: freeing a large tree of objects (a conversion's
    /// tables of key paths, a parsed compose file) takes milliseconds that nothing waits for. The
    /// caller passes its last reference (`consume`), so the memory is freed there, not here.
    package static func release<Value>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.empty() }
    }

    /// Holds what `release` hands over. Unchecked `Sendable`: only the thread that empties it
    /// touches it after `init`.
    private final class Box<Value>: @unchecked Sendable {
        private var value: Value?

        init(_ value: consuming Value) {
            self.value = value
        }

        func empty() {
            value = nil
        }
    }

    /// One slot per result; each index is written by exactly one task, then read after all end.
    private final class Slots<Value>: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Value?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }

        func store(_ value: Value, at index: Int) {
            buffer[index] = value
        }

        var values: [Value] { buffer.map { $0! } }
    }
}

import CYaml
import Dispatch
import Foundation

/// libyaml's events read ahead on another thread, in batches, while the reader builds the tree
/// from the ones before: for a large file the parse and the tree take about as long each, so the
/// two run at the same time. The events and any error arrive in the order libyaml gave them.
///
/// `finish()` must be called before the parsed buffer goes away: it stops the reading thread
/// and waits for it.
final class PrefetchedYAMLEvents: @unchecked Sendable {
    private let events: YAMLEvents
    private let lock = NSLock()
    private let published = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    /// Guarded by `lock`.
    private var batches: [[Result<YAMLEvents.Event, Error>]] = []
    private var cancelled = false
    /// The reader's side.
    private var current: [Result<YAMLEvents.Event, Error>] = []
    private var index = 0
    private var readerDone = false
    private var finished = false
    private static let batchSize = 1_024

    init(_ events: YAMLEvents) {
        self.events = events
        // A thread of its own, not a shared queue's: the reader waits for it, and a queue whose
        // threads were all waiting (a load inside parallel work) would never run it.
        Thread { self.read() }.start()
    }

    func next() throws -> YAMLEvents.Event {
        if index == current.count {
            // The reading thread has stopped: libyaml is this thread's alone again.
            if readerDone { return try events.next() }
            published.wait()
            lock.lock()
            current = batches.removeFirst()
            lock.unlock()
            index = 0
            if current.isEmpty {
                readerDone = true
                return try events.next()
            }
        }
        index += 1
        return try current[index - 1].get()
    }

    /// Stops the reading thread (at its next batch) and waits until it has.
    func finish() {
        guard !finished else { return }
        finished = true
        lock.lock()
        cancelled = true
        lock.unlock()
        stopped.wait()
    }

    /// Reads batches until the stream ends, an error, or `finish()`; an empty batch says it stopped.
    private func read() {
        var batch: [Result<YAMLEvents.Event, Error>] = []
        batch.reserveCapacity(Self.batchSize)
        var ended = false
        while !ended {
            do {
                let event = try events.next()
                batch.append(.success(event))
                ended = event.type == YAML_STREAM_END_EVENT
            } catch {
                batch.append(.failure(error))
                ended = true
            }
            if batch.count == Self.batchSize || ended {
                lock.lock()
                batches.append(batch)
                let stop = cancelled
                lock.unlock()
                published.signal()
                batch = []
                batch.reserveCapacity(Self.batchSize)
                if stop { break }
            }
        }
        lock.lock()
        batches.append([])
        lock.unlock()
        published.signal()
        stopped.signal()
    }
}

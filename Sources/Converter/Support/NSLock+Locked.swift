import Foundation

extension NSLock {
    /// `body` with the lock held: Foundation's `withLock` needs macOS 14, and the package
    /// supports macOS 13.
    func locked<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }
}

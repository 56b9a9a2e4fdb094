#if canImport(Glibc)
    import Glibc
#endif

/// glibc's allocator returns freed memory to the system as soon as 128 KiB sit unused at the top
/// of the heap, and maps blocks over 128 KiB separately. A conversion allocates and frees in
/// waves (the parsed tree, the model, the objects, the output text), so each wave faulted its
/// pages in again: at 1,000 services that was a tenth of the run. Keeping freed memory for the
/// next wave costs nothing that stays: the process ends when the output is written.
enum MemoryTuning {
    static func apply() {
        #if canImport(Glibc)
            // `mallopt` is declared in <malloc.h>, which the Glibc module leaves out.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let trimThreshold: Int32 = -1
            let topPad: Int32 = -2
            let mmapThreshold: Int32 = -3  // M_* in <malloc.h>
            _ = mallopt(trimThreshold, 512 << 20)
            _ = mallopt(topPad, 64 << 20)
            _ = mallopt(mmapThreshold, 512 << 20)
        #endif
    }
}

/// Dense kernels over contiguous columns of doubles, written with explicit SIMD accumulators.
///
/// The compiler will not reorder a floating-point sum on its own (it must keep IEEE order), so a
/// plain `s += a[i] * b[i]` loop runs one addition per cycle of latency. Eight independent lanes
/// in a fixed order keep the units busy; the order depends only on the length, never on the
/// machine or the thread count, so the same inputs give the same bits.
enum ColumnKernels {
    /// Σ a[r]·b[r] for r in 0..<count.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var r = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while r + 8 <= count {
            let o = r * 8
            s0 += ra.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
            s1 += ra.loadUnaligned(fromByteOffset: o + 32, as: SIMD4<Double>.self)
                * rb.loadUnaligned(fromByteOffset: o + 32, as: SIMD4<Double>.self)
            r += 8
        }
        let s = s0 + s1
        var total = (s[0] + s[1]) + (s[2] + s[3])
        while r < count { total += a[r] * b[r]; r += 1 }
        return total
    }

    /// Σ a[r] for r in 0..<count.
    @inline(__always)
    static func sum(_ a: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var r = 0
        let ra = UnsafeRawPointer(a)
        while r + 8 <= count {
            let o = r * 8
            s0 += ra.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
            s1 += ra.loadUnaligned(fromByteOffset: o + 32, as: SIMD4<Double>.self)
            r += 8
        }
        let s = s0 + s1
        var total = (s[0] + s[1]) + (s[2] + s[3])
        while r < count { total += a[r]; r += 1 }
        return total
    }

    /// out[r] = a[r]·b[r] for r in 0..<count.
    @inline(__always)
    static func multiply(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                         into out: UnsafeMutablePointer<Double>, _ count: Int) {
        for r in 0..<count { out[r] = a[r] * b[r] }
    }

    /// y[r] += alpha·x[r] for r in 0..<count.
    @inline(__always)
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
        for r in 0..<count { y[r] += alpha * x[r] }
    }
}

import Foundation
import GSLSupport
import Testing
@testable import TrialDesign

/// ``KeySelection`` gives the order statistic quickselect gives, bit for bit, one set at a time
/// and four at once, on values whose keys are distinct, shared (values 1e-9 apart), tied, and
/// on the cases the keys cannot order (negative values, −0, +∞, all zero, more than 64 values).
@Suite struct KeySelectionTests {
    /// The variants of value sets: 0 uniform on (0, 40); 1 a grid of half-units (many ties);
    /// 2 values 1e-9 apart around 30 (shared keys, distinct values); 3 one +∞; 4 one −0 among
    /// them; 5 one negative; 6 all zero; 7 a trial's calendar times (even entries plus Exp draws).
    func values(_ n: Int, variant: Int, stream: RandomStream) -> [Double] {
        var v: [Double]
        switch variant {
        case 1: v = (0..<n).map { _ in (stream.uniform() * 20).rounded() / 2 }
        case 2: v = (0..<n).map { _ in 30 + (stream.uniform() * 1000).rounded() * 1e-9 }
        case 6: v = Array(repeating: 0, count: n)
        case 7: v = (0..<n).map { i in 18 * (Double(i) + 0.5) / Double(n) - 15.9 * log(stream.uniform()) }
        default: v = (0..<n).map { _ in stream.uniform() * 40 }
        }
        let at = Int(stream.uniform() * Double(n))
        if variant == 3 { v[at] = .infinity }
        if variant == 4 { v[at] = -0.0 }
        if variant == 5 { v[at] = -1 }
        return v
    }

    @Test func selectsEveryOrderStatistic() {
        let stream = RandomStream(seed: 21, stream: 0)
        let selection = KeySelection()
        for n in [1, 2, 3, 7, 8, 9, 27, 56, 63, 64, 65, 100] {
            for variant in 0..<8 {
                let v = values(n, variant: variant, stream: stream)
                let sorted = v.sorted()
                for k in 0..<n {
                    var copy = v
                    let x = copy.withUnsafeMutableBufferPointer { selection.select($0, k) }
                    #expect(x.bitPattern == sorted[k].bitPattern || (x == 0 && sorted[k] == 0),
                            "n \(n), variant \(variant), k \(k): \(x) vs \(sorted[k])")
                    #expect(copy.sorted() == sorted, "the values are only reordered")
                }
            }
        }
    }

    /// Four sets at once give what each gives alone, the sets differing in kind.
    @Test func fourAtOnceEqualOneAtATime() {
        let stream = RandomStream(seed: 22, stream: 0)
        let selection = KeySelection(), single = KeySelection()
        #expect(KeySelection.lanes == TrialSimulator.lanes)
        for n in [1, 5, 27, 56, 64, 80] {
            for trial in 0..<40 {
                let sets = (0..<4).map { j in values(n, variant: (trial + j) % 8, stream: stream) }
                for k in Set([0, n / 2, n - 1, Int(stream.uniform() * Double(n))]) {
                    var flat = sets.flatMap { $0 }
                    var selected = [Double](repeating: .nan, count: 4)
                    flat.withUnsafeMutableBufferPointer { f in
                        selected.withUnsafeMutableBufferPointer { selection.select(lanes: f.baseAddress!, count: n, k, into: $0.baseAddress!) }
                    }
                    for j in 0..<4 {
                        var set = sets[j]
                        let alone = set.withUnsafeMutableBufferPointer { single.select($0, k) }
                        #expect(selected[j].bitPattern == alone.bitPattern, "n \(n), k \(k), set \(j)")
                        #expect(selected[j] == sets[j].sorted()[k])
                    }
                }
            }
        }
    }

    /// The four sets' key scale comes from the previous call's answers: sets far below it (every
    /// key 0), far above it (every key clamped to the top), and sets straddling it still give
    /// the order statistics exactly.
    @Test func staleScalesStillSelectExactly() {
        let stream = RandomStream(seed: 23, stream: 0)
        let selection = KeySelection()
        for magnitude in [1.0, 1e6, 1e-6, 1.0, 1e300, 1e-300, 50.0, 0.02] {
            let n = 56
            // Set j spans magnitude · 4ʲ⁻¹, so the four straddle the previous scale differently.
            let sets = (0..<4).map { j in
                (0..<n).map { _ in stream.uniform() * 40 * magnitude * pow(4, Double(j) - 1) }
            }
            for k in [0, 26, n - 1] {
                var flat = sets.flatMap { $0 }
                var selected = [Double](repeating: .nan, count: 4)
                flat.withUnsafeMutableBufferPointer { f in
                    selected.withUnsafeMutableBufferPointer { selection.select(lanes: f.baseAddress!, count: n, k, into: $0.baseAddress!) }
                }
                for j in 0..<4 {
                    #expect(selected[j] == sets[j].sorted()[k], "magnitude \(magnitude), set \(j), k \(k)")
                }
            }
        }
    }
}

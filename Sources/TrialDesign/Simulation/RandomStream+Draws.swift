internal import Foundation
import GSLSupport

extension Taus2 {
    /// An Exp(1) variate, by the ziggurat method (``ExponentialZiggurat``) on this generator's bits.
    @inline(__always)
    mutating func standardExponential() -> Double { ExponentialZiggurat.shared.draw(&self) }
}

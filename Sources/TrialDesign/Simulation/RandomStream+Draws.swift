internal import Foundation
import GSLSupport

extension UniformSource {
    /// An Exp(1) variate, by the ziggurat method (``ExponentialZiggurat``) on this source's bits.
    @inline(__always)
    mutating func standardExponential() -> Double { ExponentialZiggurat.shared.draw(&self) }
}

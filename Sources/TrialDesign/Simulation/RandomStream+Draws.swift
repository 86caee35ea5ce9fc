internal import Foundation
import GSLSupport

extension RandomStream {
    /// An Exp(1) variate, by the ziggurat method (``ExponentialZiggurat``) on this stream's bits.
    @inline(__always)
    func standardExponential() -> Double { ExponentialZiggurat.shared.draw(self) }
}

import Foundation
import GSLSupport

extension RandomStream {
    /// Exp(1) by inversion, `−log U` (U uniform on (0, 1), never 0).
    @inline(__always)
    func standardExponential() -> Double { -log(uniform()) }
}

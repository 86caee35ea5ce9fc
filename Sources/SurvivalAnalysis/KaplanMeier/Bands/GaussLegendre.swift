internal import Foundation

/// Composite 20-point Gauss–Legendre quadrature, nodes computed once by Newton's method on P₂₀.
enum GaussLegendre {
    static let rule: (nodes: [Double], weights: [Double]) = {
        let n = 20
        var nodes = [Double](), weights = [Double]()
        for i in 1...n {
            var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...n {
                    let p2 = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
                    p0 = p1; p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let step = p1 / derivative
                x -= step
                if abs(step) < 1e-16 { break }
            }
            nodes.append(x)
            weights.append(2 / ((1 - x * x) * derivative * derivative))
        }
        return (nodes, weights)
    }()

    static func integrate(from lo: Double, to hi: Double, panels: Int, _ f: (Double) -> Double) -> Double {
        let width = (hi - lo) / Double(panels)
        var total = 0.0
        for p in 0..<panels {
            let mid = lo + (Double(p) + 0.5) * width
            for (x, w) in zip(rule.nodes, rule.weights) { total += w * f(mid + x * width / 2) }
        }
        return total * width / 2
    }
}

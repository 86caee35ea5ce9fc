/// Colours that stay distinguishable with the common colour-vision deficiencies: the Okabe–Ito
/// palette (M. Okabe and K. Ito, "Color Universal Design", 2008), in an order that puts the two
/// highest-contrast hues first for two-arm trials and leaves yellow (weak on white) last.
package enum Palette {
    /// blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
    package static let okabeIto = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// The colour of series `index` (cycling past eight).
    package static func colour(_ index: Int) -> String { okabeIto[index % okabeIto.count] }

    /// Axis, tick and text grey (contrast 10:1 on white).
    package static let ink = "#222222"
    /// Grid lines.
    package static let grid = "#E5E5E5"
}

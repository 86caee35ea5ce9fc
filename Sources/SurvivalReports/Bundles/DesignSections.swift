/// The sections of a design report: the design as `survkit design` prints it (assumptions,
/// events and patients, looks), then the figures and the sensitivity grid when there is one.
public struct DesignSections: Sendable {
    /// The design file the report is about.
    public let designFile: String
    /// `survkit design --file` text for the file.
    public let designText: String
    /// Figures: (file, svg, caption).
    public let figures: [(file: String, svg: String, caption: String)]
    /// `survkit design --grid` text, if a grid was asked for.
    public let sensitivityText: String?

    /// The sections of a design report from the design's text output and its figures (file, SVG, caption).
    public init(designFile: String, designText: String, figures: [(file: String, svg: String, caption: String)],
                sensitivityText: String?) {
        self.designFile = designFile; self.designText = designText; self.figures = figures
        self.sensitivityText = sensitivityText
    }

    /// The report's sections: assumptions and design, then one per figure.
    public var sections: [ReportDocument.Section] {
        var out: [ReportDocument.Section] = [
            .init("Design: assumptions, events and patients", [
                .paragraph("From the design file \(designFile), as `survkit design --file \(designFile)` prints it (rpact's getSampleSizeSurvival)."),
                .preformatted(designText),
            ]),
        ]
        if !figures.isEmpty {
            out.append(.init("Design figures", figures.map { .figure(file: $0.file, svg: $0.svg, caption: $0.caption) }))
        }
        if let sensitivityText {
            out.append(.init("Sensitivity to accrual and follow-up", [.preformatted(sensitivityText)]))
        }
        return out
    }
}

/// One term of a Cox model: a numeric covariate (one column) or a factor coded by treatment
/// contrasts (one 0/1 column per level after the first, R's `contr.treatment`).
public struct CoxTerm: Sendable, Equatable {
    /// Whether the term is a numeric covariate or a factor with its levels.
    public enum Kind: Sendable, Equatable {
        case covariate
        /// All levels in order; the first is the reference and has no column.
        case factor(levels: [String])
    }
    /// The column name as the user gave it.
    public let name: String
    /// Covariate or factor (with levels).
    public let kind: Kind
    /// The term's columns in the design matrix.
    public let columns: Range<Int>
}

/// The design matrix of a Cox model built from a ``SurvivalData``: covariates first, in the
/// order given, then factors. Factor columns are named `f=level` (R's `factor(f)level`).
public struct CoxDesign: Sendable {
    /// The model's terms: covariates first, in the order given, then factors.
    public let terms: [CoxTerm]
    /// One name per column: the covariate name or `factor=level`.
    public let columnNames: [String]
    /// Where each term's values come from, in term order (read row by row when the sorted
    /// matrix is laid out, so the unsorted matrix is never materialised).
    let sources: [CoxDesignSource]
    /// Number of design-matrix columns p.
    public var columns: Int { columnNames.count }

    /// The most levels a factor may have (as ``LogRankTest/maximumGroups``): a column with more is
    /// almost surely an identifier, and its p × p information matrix would not fit in memory.
    public static let maximumFactorLevels = 1000
    /// The most columns of the design matrix: Newton–Raphson costs O(n·p²) per iteration and
    /// O(p²) memory, so p is checked before anything of size p² is allocated.
    public static let maximumColumns = 500

    /// - Throws: ``InputError`` when there are no terms or a factor has a single level
    ///   (R: "contrasts can be applied only to factors with 2 or more levels").
    /// - Complexity: O(terms).
    public init(_ data: SurvivalData) throws(InputError) {
        var terms: [CoxTerm] = []
        var names: [String] = []
        for (name, _) in data.covariates {
            terms.append(CoxTerm(name: name, kind: .covariate, columns: names.count..<names.count + 1))
            names.append(name)
        }
        for (name, factor) in data.factors {
            guard factor.levels.count <= CoxDesign.maximumFactorLevels else {
                throw InputError(file: data.source, column: data.columnNumbers[name], columnName: name,
                                 message: "factor '\(name)' has \(factor.levels.count) levels; a Cox model takes at most \(CoxDesign.maximumFactorLevels) levels per factor (is it an identifier?)")
            }
            guard factor.levels.count >= 2 else {
                throw InputError(file: data.source, column: data.columnNumbers[name], columnName: name,
                                 message: "factor '\(name)' has a single level (\(factor.levels.first ?? "none")); it needs two or more")
            }
            let start = names.count
            names += factor.levels.dropFirst().map { "\(name)=\($0)" }
            terms.append(CoxTerm(name: name, kind: .factor(levels: factor.levels), columns: start..<names.count))
        }
        guard names.count <= CoxDesign.maximumColumns else {
            throw InputError(file: data.source,
                             message: "the Cox model has \(names.count) design columns (covariates and factor levels after the first); at most \(CoxDesign.maximumColumns) are supported")
        }
        guard !names.isEmpty else {
            throw InputError(file: data.source, message: "a Cox model needs at least one covariate or factor")
        }
        var sources: [CoxDesignSource] = data.covariates.map { .numeric($0.values) }
        sources += data.factors.map { .factor(codes: $0.factor.codes, levels: $0.factor.levels.count) }
        self.terms = terms
        self.columnNames = names
        self.sources = sources
    }

    /// The design row of one new subject, from `term=value` pairs (numbers for covariates,
    /// level labels for factors).
    /// - Complexity: O(p + levels).
    public func row(for assignments: [String: String]) throws(CoxPredictionError) -> [Double] {
        let typed = try CoxDesign.typed(assignments.map { ($0.key, $0.value) }, terms: terms)
        return try CoxDesign.row(terms: terms, columns: columns,
                                 for: Dictionary(typed, uniquingKeysWith: { _, last in last }))
    }

    /// Values as text made typed: a covariate's text must read as a finite number; anything
    /// else (a factor's or strata column's level) stays a label.
    static func typed(_ values: [(name: String, value: String)],
                      terms: [CoxTerm]) throws(CoxPredictionError) -> [(name: String, value: CoxValue)] {
        var typed: [(name: String, value: CoxValue)] = []
        for (name, text) in values {
            if let term = terms.first(where: { $0.name == name }), case .covariate = term.kind {
                guard let v = Double(text), v.isFinite else { throw .notANumber(term: name, value: text) }
                typed.append((name, .number(v)))
            } else {
                typed.append((name, .level(text)))
            }
        }
        return typed
    }

    static func row(terms: [CoxTerm], columns: Int, for assignments: [String: CoxValue]) throws(CoxPredictionError) -> [Double] {
        var row = [Double](repeating: 0, count: columns)
        for term in terms {
            guard let value = assignments[term.name] else { throw .missingTerm(term.name) }
            switch (term.kind, value) {
            case (.covariate, .number(let v)):
                guard v.isFinite else { throw .notANumber(term: term.name, value: value.description) }
                row[term.columns.lowerBound] = v
            case (.covariate, .level(let text)):
                throw .notANumber(term: term.name, value: text)
            case (.factor(let levels), _):
                guard let code = levels.firstIndex(where: { value.matches(level: $0) }) else {
                    throw .unknownLevel(term: term.name, value: value.description, levels: levels)
                }
                if code > 0 { row[term.columns.lowerBound + code - 1] = 1 }
            }
        }
        return row
    }
}

/// The values of one design term: a numeric column, or a factor's codes expanded to
/// `levels − 1` indicator columns (code 0, the reference, has none).
enum CoxDesignSource: Sendable {
    case numeric([Double])
    case factor(codes: [Int32], levels: Int)

    var width: Int {
        switch self {
        case .numeric: return 1
        case .factor(_, let levels): return levels - 1
        }
    }
}

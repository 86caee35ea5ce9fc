/// One term of a Cox model: a numeric covariate (one column) or a factor coded by treatment
/// contrasts (one 0/1 column per level after the first, R's `contr.treatment`).
public struct CoxTerm: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case covariate
        /// All levels in order; the first is the reference and has no column.
        case factor(levels: [String])
    }
    /// The column name as the user gave it.
    public let name: String
    public let kind: Kind
    /// The term's columns in the design matrix.
    public let columns: Range<Int>
}

/// The design matrix of a Cox model built from a ``SurvivalData``: covariates first, in the
/// order given, then factors. Factor columns are named `f=level` (R's `factor(f)level`).
public struct CoxDesign: Sendable {
    public let terms: [CoxTerm]
    /// One name per column: the covariate name or `factor=level`.
    public let columnNames: [String]
    /// Row-major `rows × columns`, in the data's row order.
    let values: [Double]
    public var columns: Int { columnNames.count }

    /// - Throws: ``InputError`` when there are no terms or a factor has a single level
    ///   (R: "contrasts can be applied only to factors with 2 or more levels").
    /// - Complexity: O(n·p).
    public init(_ data: SurvivalData) throws(InputError) {
        var terms: [CoxTerm] = []
        var names: [String] = []
        for (name, _) in data.covariates {
            terms.append(CoxTerm(name: name, kind: .covariate, columns: names.count..<names.count + 1))
            names.append(name)
        }
        for (name, factor) in data.factors {
            guard factor.levels.count >= 2 else {
                throw InputError(file: data.source, columnName: name,
                                 message: "factor '\(name)' has a single level (\(factor.levels.first ?? "none")); it needs two or more")
            }
            let start = names.count
            names += factor.levels.dropFirst().map { "\(name)=\($0)" }
            terms.append(CoxTerm(name: name, kind: .factor(levels: factor.levels), columns: start..<names.count))
        }
        guard !names.isEmpty else {
            throw InputError(file: data.source, message: "a Cox model needs at least one covariate or factor")
        }
        let n = data.count
        let p = names.count
        var values = [Double](repeating: 0, count: n * p)
        var column = 0
        for (_, v) in data.covariates {
            for i in 0..<n { values[i * p + column] = v[i] }
            column += 1
        }
        for (_, factor) in data.factors {
            for i in 0..<n {
                let code = Int(factor.codes[i])
                if code > 0 { values[i * p + column + code - 1] = 1 }
            }
            column += factor.levels.count - 1
        }
        self.terms = terms
        self.columnNames = names
        self.values = values
    }

    /// The design row of one new subject, from `term=value` pairs (numbers for covariates,
    /// level labels for factors).
    public func row(for assignments: [String: String]) throws(CoxPredictionError) -> [Double] {
        try CoxDesign.row(terms: terms, columns: columns, for: assignments)
    }

    static func row(terms: [CoxTerm], columns: Int, for assignments: [String: String]) throws(CoxPredictionError) -> [Double] {
        var row = [Double](repeating: 0, count: columns)
        for term in terms {
            guard let text = assignments[term.name] else { throw .missingTerm(term.name) }
            switch term.kind {
            case .covariate:
                guard let v = Double(text), v.isFinite else { throw .notANumber(term: term.name, value: text) }
                row[term.columns.lowerBound] = v
            case .factor(let levels):
                guard let code = levels.firstIndex(of: text) else {
                    throw .unknownLevel(term: term.name, value: text, levels: levels)
                }
                if code > 0 { row[term.columns.lowerBound + code - 1] = 1 }
            }
        }
        return row
    }
}

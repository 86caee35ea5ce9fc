import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG (or XHTML) file read back with Foundation's XMLParser, for tests that check what a
/// figure shows rather than its bytes: every element with its attributes, text and the classes
/// of the groups it sits in.
public struct SVGReader {
    public struct Element {
        public let name: String
        public let attributes: [String: String]
        public var text: String
        /// Classes of the enclosing elements, outermost first.
        public let ancestorClasses: [String]

        public func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
        public var cls: String? { attributes["class"] }
        public func isInside(_ groupClass: String) -> Bool { ancestorClasses.contains(groupClass) }
    }

    public let elements: [Element]

    /// Parses `text`; throws the parser's error for ill-formed XML (an unclosed tag, a bad entity).
    public init(_ text: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw parser.parserError ?? NSError(domain: "SVGReader", code: 1,
                                                userInfo: [NSLocalizedDescriptionKey: "XML parse failed at line \(parser.lineNumber)"])
        }
        elements = delegate.elements
    }

    public func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    public func all(_ name: String, class cls: String) -> [Element] { elements.filter { $0.name == name && $0.cls == cls } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [(index: Int, cls: String?)] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let classes = stack.compactMap(\.cls)
            elements.append(Element(name: name, attributes: attributes, text: "", ancestorClasses: classes))
            stack.append((elements.count - 1, attributes["class"]))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let top = stack.last { elements[top.index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
    }
}

/// The points of an SVG path's M, L, H and V commands (absolute coordinates only), and its
/// vertical segments.
public struct SVGPath {
    public let points: [(x: Double, y: Double)]
    /// Segments drawn by V (x, from y, to y), in order.
    public let verticals: [(x: Double, y0: Double, y1: Double)]

    public init(_ d: String) {
        var points: [(x: Double, y: Double)] = []
        var verticals: [(x: Double, y0: Double, y1: Double)] = []
        var x = 0.0, y = 0.0
        let tokens = d.split(separator: " ")
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let command = token.first!
            let value = Double(token.dropFirst())
            switch command {
            case "M", "L":
                x = value!; y = Double(tokens[i + 1])!; i += 1
                points.append((x, y))
            case "H":
                x = value!; points.append((x, y))
            case "V":
                verticals.append((x, y, value!))
                y = value!; points.append((x, y))
            default: break  // Z
            }
            i += 1
        }
        self.points = points
        self.verticals = verticals
    }
}

import Foundation

/// A small SVG document drawn on the server and put inline in a page (no script: the content
/// security policy allows none). Every text and attribute value is escaped here, so a
/// project's name or a row's label cannot break out of the drawing; the document carries
/// `role="img"`, an `aria-label` and a `<title>` for a screen reader, and each mark may carry
/// its own `<title>` (shown as a tooltip).
struct SVG {
    /// Fonts that draw Chinese on Debian (fonts-wqy-microhei, fonts-noto-cjk) and elsewhere.
    static let fontFamily = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

    let width: Double
    let height: Double
    /// What the chart shows, in a sentence: its `aria-label` and `<title>`.
    let label: String
    private var marks: [String] = []

    init(width: Double, height: Double, label: String) {
        self.width = width
        self.height = height
        self.label = label
    }

    /// A filled rectangle; `title` is its tooltip. A negative or non-finite size draws nothing.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil, cssClass: String? = nil) {
        guard width.isFinite, height.isFinite, width > 0, height > 0 else { return }
        let attributes = [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(width)), ("height", Self.number(height)), ("fill", fill)]
            + (cssClass.map { [("class", $0)] } ?? [])
        marks.append(element("rect", attributes, title: title))
    }

    /// A straight line; `dashed` for a reference line (the target, 100 %).
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false) {
        var attributes = [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)), ("stroke", stroke),
                          ("stroke-width", Self.number(width))]
        if dashed { attributes.append(("stroke-dasharray", "4 3")) }
        marks.append(element("line", attributes, title: nil))
    }

    /// `content` written at (x, y): its baseline there, anchored `start`, `middle` or `end`.
    mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12, fill: String = "#222", bold: Bool = false) {
        var attributes = [("x", Self.number(x)), ("y", Self.number(y)), ("text-anchor", anchor), ("font-size", Self.number(size)), ("fill", fill)]
        if bold { attributes.append(("font-weight", "bold")) }
        marks.append("<text" + Self.attributes(attributes) + ">" + Self.escape(content) + "</text>")
    }

    /// The document, to be put in a page as it is.
    func render() -> String {
        let head = Self.attributes([
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("role", "img"), ("aria-label", label),
            ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"), ("width", Self.number(width)), ("height", Self.number(height)),
            ("font-family", Self.fontFamily),
        ])
        return "<svg" + head + "><title>" + Self.escape(label) + "</title>" + marks.joined() + "</svg>"
    }

    private func element(_ name: String, _ attributes: [(String, String)], title: String?) -> String {
        guard let title else { return "<\(name)" + Self.attributes(attributes) + "/>" }
        return "<\(name)" + Self.attributes(attributes) + "><title>" + Self.escape(title) + "</title></\(name)>"
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// `text` safe inside an element or a quoted attribute.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate as SVG writes it, at most two decimals; a value that is not finite (a
    /// division by a zero budget upstream) is drawn as 0 rather than written `nan`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }
}

/// The length of a bar: its value's share of the scale's end, across `span` points.
struct BarScale: Equatable {
    /// The value at the end of the axis.
    let maximum: Double
    /// The points the axis spans.
    let span: Double

    /// `value`'s length: 0 for nothing, a negative or an undefined value, or a scale with no
    /// end (everything 0); never beyond the span (the caller marks what is cut).
    func length(of value: Double) -> Double {
        guard maximum.isFinite, maximum > 0, value.isFinite, value > 0, span > 0 else { return 0 }
        return min(value / maximum, 1) * span
    }

    /// Whether `value` is beyond the end of the axis (its bar is cut).
    func isCut(_ value: Double) -> Bool { maximum.isFinite && value.isFinite && value > maximum }
}

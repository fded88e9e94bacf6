import Foundation

/// A self-contained SVG plot of the sweep: one metric against NFE on log–log axes for one data law and schedule, one line
/// per sampler family, its guaranteed-level interval (Monte Carlo) as a shaded band. Non-positive values (an unbiased
/// MMD² estimate can be negative) are drawn at the plot's floor.
public enum SweepPlot {
    public static func svg(title: String, metric: String, rows: [SweepRow]) -> String? {
        let families = SweepFamily.allCases.map(\.rawValue).filter { f in rows.contains { $0.family == f } }
        let finite = rows.filter { $0.nfe > 0 && $0.estimate.isFinite && $0.upper.isFinite }
        guard !finite.isEmpty else { return nil }
        let positive = finite.flatMap { [$0.estimate, $0.upper, $0.lower] }.filter { $0 > 0 }
        guard let bottom = positive.min() else { return nil }
        // The top is the 90th percentile of the estimates plus a decade: a diverging configuration does not flatten
        // the others (it is drawn at the top edge).
        let estimates = finite.map(\.estimate).filter { $0 > 0 }.sorted()
        guard !estimates.isEmpty else { return nil }
        let top = estimates[min(estimates.count - 1, Int(Double(estimates.count) * 0.9))] * 10
        let yMax = log10(top) + 0.2, yMin = max(log10(bottom), log10(top) - 8) - 0.2
        let xs = finite.map { log10($0.nfe) }
        let xMin = (xs.min() ?? 0) - 0.05, xMax = (xs.max() ?? 3) + 0.05
        let (w, h, left, right, topMargin, bottomMargin) = (860.0, 520.0, 80.0, 210.0, 40.0, 50.0)
        func px(_ nfe: Double) -> Double { left + (log10(nfe) - xMin) / (xMax - xMin) * (w - left - right) }
        func py(_ v: Double) -> Double {
            let y = v > 0 ? min(max(log10(v), yMin), yMax) : yMin   // clipped to the frame
            return topMargin + (yMax - y) / (yMax - yMin) * (h - topMargin - bottomMargin)
        }
        let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" font-family=\"sans-serif\" "
            + "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(left)\" y=\"22\" font-size=\"14\">\(escape(title))</text>\n"
        for e in Int(ceil(yMin))...Int(floor(yMax)) {
            let y = py(pow(10, Double(e)))
            s += "<line x1=\"\(left)\" x2=\"\(w - right)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">1e\(e)</text>\n"
        }
        for nfe in [10.0, 20, 50, 100, 200, 500, 1000] where log10(nfe) >= xMin && log10(nfe) <= xMax {
            let x = px(nfe)
            s += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(topMargin)\" y2=\"\(h - bottomMargin)\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(x)\" y=\"\(h - bottomMargin + 16)\" text-anchor=\"middle\">\(Int(nfe))</text>\n"
        }
        s += "<text x=\"\((left + w - right) / 2)\" y=\"\(h - 12)\" text-anchor=\"middle\">E[NFE] (network evaluations per "
            + "sample, log scale)</text>\n"
        s += "<text transform=\"translate(18,\((topMargin + h - bottomMargin) / 2)) rotate(-90)\" text-anchor=\"middle\">"
            + "\(escape(metric)) (log scale)</text>\n"
        // Bands first (translucent), then the lines on top of every band.
        for (i, family) in families.enumerated() {
            let color = colors[i % colors.count]
            let points = finite.filter { $0.family == family }.sorted { $0.nfe < $1.nfe }
            guard points.contains(where: { $0.upper > $0.lower }) else { continue }
            let upper = points.map { "\(px($0.nfe)),\(py($0.upper))" }
            let lower = points.reversed().map { "\(px($0.nfe)),\(py($0.lower))" }
            s += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.12\" "
                + "opacity=\"0.12\" stroke=\"none\"/>\n"
        }
        for (i, family) in families.enumerated() {
            let color = colors[i % colors.count]
            let points = finite.filter { $0.family == family }.sorted { $0.nfe < $1.nfe }
            guard !points.isEmpty else { continue }
            let line = points.map { "\(px($0.nfe)),\(py($0.estimate))" }.joined(separator: " ")
            let dash = family.hasPrefix("plmc") ? "" : " stroke-dasharray=\"5,3\""
            s += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            for p in points { s += "<circle cx=\"\(px(p.nfe))\" cy=\"\(py(p.estimate))\" r=\"3\" fill=\"\(color)\"/>" }
            let ly = topMargin + 18 * Double(i)
            s += "\n<line x1=\"\(w - right + 12)\" x2=\"\(w - right + 36)\" y1=\"\(ly)\" y2=\"\(ly)\" stroke=\"\(color)\" "
                + "stroke-width=\"2\"\(dash)/><text x=\"\(w - right + 42)\" y=\"\(ly + 4)\">\(escape(family))</text>\n"
        }
        s += "</svg>\n"
        return s
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

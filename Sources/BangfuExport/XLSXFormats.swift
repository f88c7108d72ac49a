import CXLSXWriter

/// A libxlsxwriter format; the workbook owns and frees it.
typealias XLSXFormat = UnsafeMutablePointer<lxw_format>

/// The formats of one sheet's parts, made once per workbook (libxlsxwriter keeps every
/// format until the workbook closes, so one per cell would grow without bound).
struct XLSXFormats {
    /// Bold, large, centred.
    let title: XLSXFormat
    /// Plain, left-aligned.
    let subtitle: XLSXFormat
    /// Bold, bordered, centred.
    let header: XLSXFormat
    /// Plain, left-aligned from the top, wrapped.
    let note: XLSXFormat
    /// Data rows.
    let body: CellFormats
    /// The footer: the same in bold.
    let footer: CellFormats

    /// The number formats of each kind of cell, with the table's borders.
    struct CellFormats {
        let text: XLSXFormat
        let integer: XLSXFormat
        let money: XLSXFormat
        let decimal: XLSXFormat

        /// The format for a cell of `cell`'s kind.
        func format(for cell: Cell) -> XLSXFormat {
            switch cell {
            case .text, .empty: text
            case .integer: integer
            case .money: money
            case .decimal: decimal
            }
        }
    }

    /// Adds the formats to `workbook`; `path` is for the error should memory run out.
    init(_ workbook: UnsafeMutablePointer<lxw_workbook>, path: String) throws(ExportError) {
        func make(_ settings: (XLSXFormat) -> Void) throws(ExportError) -> XLSXFormat {
            guard let format = workbook_add_format(workbook) else {
                throw .library(path: path, code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), reason: "cannot add a format")
            }
            settings(format)
            return format
        }
        func cells(bold: Bool) throws(ExportError) -> CellFormats {
            func cell(_ alignment: lxw_format_alignments, _ numberFormat: String?) throws(ExportError) -> XLSXFormat {
                try make { format in
                    format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
                    format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
                    format_set_align(format, UInt8(alignment.rawValue))
                    // Keeps text off the border; Excel indents only left- or right-aligned cells.
                    if alignment != LXW_ALIGN_CENTER { format_set_indent(format, 1) }
                    if let numberFormat { format_set_num_format(format, numberFormat) } else { format_set_text_wrap(format) }
                    if bold { format_set_bold(format) }
                }
            }
            // Integers are mostly 序号, centred as Chinese forms print them.
            return CellFormats(
                text: try cell(LXW_ALIGN_LEFT, nil), integer: try cell(LXW_ALIGN_CENTER, "0"),
                money: try cell(LXW_ALIGN_RIGHT, "#,##0.00"), decimal: try cell(LXW_ALIGN_RIGHT, "0.00"))
        }
        title = try make { format in
            format_set_bold(format)
            format_set_font_size(format, XLSXMetrics.titleFontSize)
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            format_set_text_wrap(format)
        }
        subtitle = try make { format in
            format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            format_set_text_wrap(format)
        }
        header = try make { format in
            format_set_bold(format)
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            format_set_text_wrap(format)
        }
        note = try make { format in
            format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            format_set_text_wrap(format)
        }
        body = try cells(bold: false)
        footer = try cells(bold: true)
    }
}

#include "selfdirect/documents/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

namespace selfdirect::documents {
namespace {

// A4 in points, with 2 cm margins.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.7;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kFooterSpace = 28;
constexpr double kBottom = kPageHeight - kMargin - kFooterSpace;
constexpr double kCellPadding = 6;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kText{0x0b / 255.0, 0x0c / 255.0, 0x0c / 255.0};       // GOV.UK text
constexpr Rgb kSecondary{0x50 / 255.0, 0x5a / 255.0, 0x5f / 255.0};  // secondary text
constexpr Rgb kBorder{0xb1 / 255.0, 0xb4 / 255.0, 0xb6 / 255.0};     // border

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

// Lays the document out page by page; draws only when `draw` (the first pass counts pages).
class Writer {
 public:
  Writer(cairo_t* cr, bool draw, int total_pages, const Document& doc)
      : cr_(cr), draw_(draw), total_pages_(total_pages), doc_(doc) {}

  int Run() {
    y_ = kMargin;
    Text(doc_.title, "DejaVu Sans Bold 20", kText, kMargin, kContentWidth);
    y_ += Height(doc_.title, "DejaVu Sans Bold 20", kContentWidth) + 6;
    if (!doc_.subtitle.empty()) {
      Text(doc_.subtitle, "DejaVu Sans 11", kSecondary, kMargin, kContentWidth);
      y_ += Height(doc_.subtitle, "DejaVu Sans 11", kContentWidth);
    }
    y_ += 18;
    for (const Block& b : doc_.blocks) {
      switch (b.kind) {
        case Block::Kind::kHeading: {
          const double h = Height(b.text, "DejaVu Sans Bold 14", kContentWidth);
          // Keep a heading with at least a line of what follows it.
          Fit(h + 30);
          y_ += 8;
          Text(b.text, "DejaVu Sans Bold 14", kText, kMargin, kContentWidth);
          y_ += h + 8;
          break;
        }
        case Block::Kind::kParagraph: {
          const double h = Height(b.text, kBody, kContentWidth);
          Fit(h);
          Text(b.text, kBody, kText, kMargin, kContentWidth);
          y_ += h + 10;
          break;
        }
        case Block::Kind::kSummary:
          for (const auto& [key, value] : b.rows) {
            Row({key, value}, {0.42, 0.58}, {true, false});
          }
          y_ += 14;
          break;
        case Block::Kind::kTable: {
          std::vector<double> widths(b.header.size(),
                                     1.0 / std::max<std::size_t>(1, b.header.size()));
          if (b.header.size() > 1) {
            // The first column (what) takes more room; the rest share the remainder.
            widths[0] = 0.4;
            for (std::size_t i = 1; i < widths.size(); ++i) widths[i] = 0.6 / (widths.size() - 1);
          }
          std::vector<bool> bold(b.header.size());
          Row(b.header, widths, bold);
          std::fill(bold.begin(), bold.end(), false);
          for (const auto& cells : b.cells) Row(cells, widths, bold);
          y_ += 14;
          break;
        }
      }
    }
    Footer();
    return page_;
  }

 private:
  static constexpr const char* kBody = "DejaVu Sans 11";

  Layout Make(const std::string& text, const char* font, double width) {
    Layout layout(pango_cairo_create_layout(cr_));
    std::unique_ptr<PangoFontDescription, FontDeleter> desc(
        pango_font_description_from_string(font));
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
  }

  double Height(const std::string& text, const char* font, double width) {
    int w = 0, h = 0;
    pango_layout_get_size(Make(text, font, width).get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Text(const std::string& text, const char* font, Rgb colour, double x, double width) {
    if (!draw_) return;
    Layout layout = Make(text, font, width);
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_move_to(cr_, x, y_);
    pango_cairo_show_layout(cr_, layout.get());
  }

  // A row of cells across the content width, with a rule under it.
  void Row(const std::vector<std::string>& cells, const std::vector<double>& widths,
           const std::vector<bool>& bold) {
    double h = 0;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      h = std::max(h, Height(cells[i], bold[i] ? "DejaVu Sans Bold 10.5" : "DejaVu Sans 10.5",
                             widths[i] * kContentWidth - 2 * kCellPadding));
    }
    Fit(h + 2 * kCellPadding);
    double x = kMargin;
    const double top = y_;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      y_ = top + kCellPadding;
      Text(cells[i], bold[i] ? "DejaVu Sans Bold 10.5" : "DejaVu Sans 10.5", kText,
           x + (i == 0 ? 0 : kCellPadding), widths[i] * kContentWidth - 2 * kCellPadding);
      x += widths[i] * kContentWidth;
    }
    y_ = top + h + 2 * kCellPadding;
    if (draw_) {
      cairo_set_source_rgb(cr_, kBorder.r, kBorder.g, kBorder.b);
      cairo_set_line_width(cr_, 0.75);
      cairo_move_to(cr_, kMargin, y_);
      cairo_line_to(cr_, kMargin + kContentWidth, y_);
      cairo_stroke(cr_);
    }
  }

  // Starts a new page when `height` more does not fit on this one.
  void Fit(double height) {
    if (y_ + height <= kBottom || y_ <= kMargin + 1) return;
    Footer();
    if (draw_) cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  void Footer() {
    if (!draw_) return;
    const double saved = y_;
    y_ = kPageHeight - kMargin - 12;
    const std::string number = fmt::format("Page {} of {}", page_, total_pages_);
    Text(doc_.footer, "DejaVu Sans 9", kSecondary, kMargin, kContentWidth * 0.7);
    Layout layout = Make(number, "DejaVu Sans 9", kContentWidth * 0.3);
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(cr_, kSecondary.r, kSecondary.g, kSecondary.b);
    cairo_move_to(cr_, kMargin + kContentWidth * 0.7, y_);
    pango_cairo_show_layout(cr_, layout.get());
    y_ = saved;
  }

  cairo_t* cr_;
  bool draw_;
  int total_pages_;
  const Document& doc_;
  double y_ = kMargin;
  int page_ = 1;
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> RenderPdf(const Document& document) {
  // First pass: count the pages, on a surface that records nothing of interest.
  int pages = 0;
  {
    cairo_surface_t* scratch = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
    cairo_t* cr = cairo_create(scratch);
    pages = Writer(cr, false, 0, document).Run();
    cairo_destroy(cr);
    cairo_surface_destroy(scratch);
  }
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&Append, &out, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "selfdirect");
  cairo_t* cr = cairo_create(surface);
  Writer(cr, true, pages, document).Run();
  cairo_show_page(cr);
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                fmt::format("Could not write the PDF: {}",
                            cairo_status_to_string(
                                status != CAIRO_STATUS_SUCCESS ? status : surface_status)));
  }
  return out;
}

}  // namespace selfdirect::documents

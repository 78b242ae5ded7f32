// A document as a list of blocks, and its rendering to PDF (A4, GOV.UK-like type: DejaVu Sans,
// black on white, generous spacing, a page number on every page).
//
//   documents::Document doc{"Your personal budget", "Ada Okafor — 22 November 2026", {}};
//   doc.blocks.push_back(documents::Heading("What you get"));
//   doc.blocks.push_back(documents::Paragraph("Your personal budget is £10,400.00 a year."));
//   Result<std::string> pdf = documents::RenderPdf(doc);
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "selfdirect/core/result.h"

namespace selfdirect::documents {

struct Block {
  enum class Kind { kHeading, kParagraph, kSummary, kTable };
  Kind kind = Kind::kParagraph;
  std::string text;                                       // heading or paragraph
  std::vector<std::pair<std::string, std::string>> rows;  // summary: key, value
  std::vector<std::string> header;                        // table
  std::vector<std::vector<std::string>> cells;            // table rows
};

inline Block Heading(std::string text) {
  return {Block::Kind::kHeading, std::move(text), {}, {}, {}};
}
inline Block Paragraph(std::string text) {
  return {Block::Kind::kParagraph, std::move(text), {}, {}, {}};
}
inline Block Summary(std::vector<std::pair<std::string, std::string>> rows) {
  return {Block::Kind::kSummary, "", std::move(rows), {}, {}};
}
inline Block Table(std::vector<std::string> header, std::vector<std::vector<std::string>> cells) {
  return {Block::Kind::kTable, "", {}, std::move(header), std::move(cells)};
}

struct Document {
  std::string title;
  std::string subtitle;  // under the title, in grey
  std::vector<Block> blocks;
  std::string footer;  // left of the page number on every page
};

// The PDF's bytes. Text is UTF-8, laid out and wrapped by Pango; a block that does not fit on
// the page moves to the next one (a long table breaks between rows).
Result<std::string> RenderPdf(const Document& document);

}  // namespace selfdirect::documents

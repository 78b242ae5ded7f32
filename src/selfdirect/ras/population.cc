#include "selfdirect/ras/population.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <future>
#include <limits>
#include <map>
#include <thread>

#include "selfdirect/core/csv.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/program.h"

namespace selfdirect::ras {
namespace {

// The columns of one batch of rows, copied out of the reader: `text` holds every kept field,
// `ends` the end offset of each (fields_per_row per row).
struct Batch {
  std::string text;
  std::vector<std::size_t> ends;
  std::vector<std::int64_t> rows;
  std::vector<std::int64_t> lines;
  // Rows the reader itself refused (too long a field), in row order among the others.
  std::vector<RefusedRow> unreadable;
};

struct BatchResult {
  std::vector<std::int64_t> pence;    // rows × models
  std::vector<std::int64_t> outputs;  // rows × all programs' outputs
  std::vector<char> ok;               // per row
  std::vector<std::string> reasons;   // per row; "" when ok
};

struct Layout {
  std::size_t fields_per_row = 0;          // id, then each model's inputs, then extras
  std::vector<std::size_t> source_column;  // file column of each kept field
  std::vector<std::size_t> model_first;    // first kept field of each model's inputs
  std::size_t extras_first = 0;
  std::vector<bool> extra_present;
};

std::string_view Field(const Batch& b, std::size_t index) {
  const std::size_t begin = index == 0 ? 0 : b.ends[index - 1];
  return std::string_view(b.text).substr(begin, b.ends[index] - begin);
}

BatchResult EvaluateBatch(const std::vector<const Model*>& models,
                          const std::vector<const Program*>& programs, const Layout& layout,
                          const Batch& batch) {
  const std::size_t n = batch.rows.size();
  BatchResult out;
  out.pence.assign(n * models.size(), 0);
  std::size_t width = 0;
  for (const Program* p : programs) width += p->outputs.size();
  out.outputs.assign(n * width, 0);
  out.ok.assign(n, 1);
  out.reasons.resize(n);
  std::vector<Evaluator> evaluators;
  for (const Program* p : programs) evaluators.emplace_back(*p);
  std::vector<std::int64_t> inputs;
  for (std::size_t r = 0; r < n; ++r) {
    const std::size_t base = r * layout.fields_per_row;
    for (std::size_t m = 0; m < models.size() && out.ok[r]; ++m) {
      const Model& model = *models[m];
      inputs.resize(static_cast<std::size_t>(model.input_count()));
      for (int i = 0; i < model.input_count(); ++i) {
        std::string why;
        const std::string_view cell = Field(batch, base + layout.model_first[m] + i);
        if (!ParseInputCell(model, i, cell, &inputs[i], &why)) {
          out.ok[r] = 0;
          out.reasons[r] = fmt::format("{}: {}", InputId(model, i), why);
          break;
        }
      }
      if (!out.ok[r]) break;
      const auto outcome = evaluators[m].Run(inputs.data());
      if (!outcome.ok) {
        out.ok[r] = 0;
        out.reasons[r] = fmt::format(
            "model {} could not work this row out (a value grew too "
            "large, or a division by zero)",
            model.id);
        break;
      }
      out.pence[r * models.size() + m] = outcome.pence;
    }
    if (out.ok[r] != 0 && width > 0) {
      std::size_t k = r * width;
      for (std::size_t m = 0; m < programs.size(); ++m) {
        for (std::size_t o = 0; o < programs[m]->outputs.size(); ++o) {
          out.outputs[k++] = evaluators[m].Output(o);
        }
      }
    }
  }
  return out;
}

}  // namespace

Result<PopulationStats> EvaluatePopulation(const std::vector<const Model*>& models,
                                           std::istream& people, PopulationSink& sink,
                                           const PopulationOptions& options) {
  CsvReader reader(people);
  // Every model's inputs must have a column.
  std::vector<std::string_view> required{"id"};
  for (const Model* m : models) {
    for (int i = 0; i < m->input_count(); ++i) required.push_back(InputId(*m, i));
  }
  std::sort(required.begin() + 1, required.end());
  required.erase(std::unique(required.begin() + 1, required.end()), required.end());
  auto header = CsvHeader::Read(reader, std::span<const std::string_view>(required));
  if (!header) return tl::unexpected(header.error());

  Layout layout;
  layout.source_column.push_back(*header->IndexOf("id"));
  for (const Model* m : models) {
    layout.model_first.push_back(layout.source_column.size());
    for (int i = 0; i < m->input_count(); ++i) {
      layout.source_column.push_back(*header->IndexOf(InputId(*m, i)));
    }
  }
  layout.extras_first = layout.source_column.size();
  for (const std::string& extra : options.extra_columns) {
    const auto at = header->IndexOf(extra);
    layout.extra_present.push_back(at.has_value());
    layout.source_column.push_back(at.value_or(0));
  }
  layout.fields_per_row = layout.source_column.size();

  std::vector<Program> programs;
  std::vector<const Program*> program_ptrs = options.programs;
  if (program_ptrs.empty()) {
    for (const Model* m : models) programs.push_back(Compile(*m));
    for (const Program& p : programs) program_ptrs.push_back(&p);
  }
  std::size_t output_width = 0;
  for (const Program* p : program_ptrs) output_width += p->outputs.size();

  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  PopulationStats stats;
  std::vector<std::int64_t> pence_row(models.size());
  std::vector<std::string_view> extras(options.extra_columns.size());

  // Hands a finished batch to the sink, rows and the reader's refusals in file order.
  auto deliver = [&](Batch& batch, BatchResult result) {
    std::size_t u = 0;
    for (std::size_t r = 0; r <= batch.rows.size(); ++r) {
      const std::int64_t row_number =
          r < batch.rows.size() ? batch.rows[r] : std::numeric_limits<std::int64_t>::max();
      for (; u < batch.unreadable.size() && batch.unreadable[u].row < row_number; ++u) {
        ++stats.refused;
        sink.Refused(batch.unreadable[u]);
      }
      if (r == batch.rows.size()) break;
      const std::size_t base = r * layout.fields_per_row;
      const std::string_view id = Field(batch, base);
      if (!result.ok[r]) {
        ++stats.refused;
        sink.Refused({batch.rows[r], batch.lines[r], id, std::move(result.reasons[r])});
        continue;
      }
      ++stats.evaluated;
      for (std::size_t m = 0; m < models.size(); ++m) {
        pence_row[m] = result.pence[r * models.size() + m];
      }
      for (std::size_t e = 0; e < extras.size(); ++e) {
        extras[e] = layout.extra_present[e] ? Field(batch, base + layout.extras_first + e) : "";
      }
      sink.Evaluated({batch.rows[r], id, pence_row.data(),
                      output_width > 0 ? &result.outputs[r * output_width] : nullptr,
                      extras.data()});
    }
  };

  struct InFlight {
    std::unique_ptr<Batch> batch;
    std::future<BatchResult> result;
  };
  std::deque<InFlight> in_flight;
  auto drain_one = [&] {
    InFlight front = std::move(in_flight.front());
    in_flight.pop_front();
    deliver(*front.batch, front.result.get());
    if (options.progress) options.progress(stats.rows);
  };

  CsvRecord record;
  auto batch = std::make_unique<Batch>();
  std::optional<Error> fatal;
  const std::size_t width = header->size();
  auto submit = [&] {
    if (batch->rows.empty() && batch->unreadable.empty()) return;
    Batch* b = batch.get();
    in_flight.push_back({std::move(batch), std::async(std::launch::async, [&, b] {
                           return EvaluateBatch(models, program_ptrs, layout, *b);
                         })});
    batch = std::make_unique<Batch>();
    while (in_flight.size() > static_cast<std::size_t>(threads) * 2) drain_one();
  };
  for (;;) {
    auto next = reader.Next(record);
    if (!next) {
      if (reader.stopped()) {
        fatal = next.error();
        break;
      }
      ++stats.rows;
      batch->unreadable.push_back(
          {reader.record_number(), reader.record_line(), "", next.error().message});
      continue;
    }
    if (!*next) break;
    if (record.blank()) continue;
    ++stats.rows;
    if (record.size() != width) {
      batch->unreadable.push_back({record.number(), record.line(), "",
                                   fmt::format("row {} has {} columns but the header has {}",
                                               record.number(), record.size(), width)});
      continue;
    }
    for (std::size_t column : layout.source_column) {
      batch->text.append(record[column]);
      batch->ends.push_back(batch->text.size());
    }
    batch->rows.push_back(record.number());
    batch->lines.push_back(record.line());
    if (batch->rows.size() >= options.batch_rows) submit();
  }
  submit();
  while (!in_flight.empty()) drain_one();
  if (fatal) return tl::unexpected(*fatal);
  return stats;
}

}  // namespace selfdirect::ras

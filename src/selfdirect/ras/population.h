// Evaluating a whole population from a CSV file of people, one row each (an `id` column and a
// column per input), with one or more models, on several threads, in bounded memory.
//
// Rows are read in batches; worker threads validate and evaluate each batch with compiled
// programs; results reach the caller's sink in file order on the calling thread. A row that
// fails validation is reported to the sink with its row number and reason and the rest go on.
//
// The streams are the caller's: this module opens no files.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/result.h"
#include "selfdirect/ras/model.h"
#include "selfdirect/ras/program.h"

namespace selfdirect::ras {

struct PopulationOptions {
  int threads = 0;  // worker threads; 0: one per core
  std::size_t batch_rows = 4096;
  // Extra columns the sink wants to see (e.g. "age", "support_reason"), used when present.
  std::vector<std::string> extra_columns;
  // Programs to run instead of each model's own (one per model, over that model's inputs),
  // e.g. from CompileFeatures; their outputs reach the sink as PopulationRow::outputs.
  std::vector<const Program*> programs;
  // Called on the calling thread after each batch with the rows read so far.
  std::function<void(std::int64_t rows)> progress;
};

// One evaluated row: its pence under each model, in the order the models were given.
struct PopulationRow {
  std::int64_t row = 0;  // record number in the file (the header is 1)
  std::string_view id;
  const std::int64_t* pence = nullptr;
  // With PopulationOptions::programs: each program's outputs, one program after another.
  const std::int64_t* outputs = nullptr;
  // The extra columns' text, one per PopulationOptions::extra_columns ("" when absent).
  const std::string_view* extras = nullptr;
};

struct RefusedRow {
  std::int64_t row = 0;
  std::int64_t line = 0;  // physical line where the row starts
  std::string_view id;    // "" when the row could not be read
  std::string reason;
};

class PopulationSink {
 public:
  virtual ~PopulationSink() = default;
  virtual void Evaluated(const PopulationRow& row) = 0;
  virtual void Refused(const RefusedRow& row) = 0;
};

struct PopulationStats {
  std::int64_t rows = 0;  // data rows met (not counting the header)
  std::int64_t evaluated = 0;
  std::int64_t refused = 0;
};

// Reads `people` to the end. Fails before evaluating anything when the header misses a column
// (all are listed) or repeats one; fails part-way only when the file itself cannot be read on
// (an unterminated quote), after the rows before it have reached the sink.
Result<PopulationStats> EvaluatePopulation(const std::vector<const Model*>& models,
                                           std::istream& people, PopulationSink& sink,
                                           const PopulationOptions& options);

}  // namespace selfdirect::ras

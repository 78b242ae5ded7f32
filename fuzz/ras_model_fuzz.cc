// libFuzzer target for the RAS model parser and checker: any bytes must give a model or a list
// of problems, never a crash, a hang or unbounded memory. A model that loads is also compiled,
// explained and evaluated for its first answers, so the evaluators meet whatever the checker
// lets through.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace selfdirect::ras;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto model = LoadModel(text, "fuzz.yaml");
  if (!model) return 0;
  Inputs inputs(static_cast<std::size_t>((*model)->input_count()), 0);
  for (int i = 0; i < (*model)->input_count(); ++i) {
    const int nq = static_cast<int>((*model)->questions.size());
    if (i < nq && (*model)->questions[i].is_number) inputs[i] = (*model)->questions[i].min;
    if (i >= nq && (*model)->attributes[i - nq].type == AttributeType::kNumber) {
      inputs[i] = (*model)->attributes[i - nq].min;
    }
  }
  auto explained = Explain(**model, inputs);
  const Program program = Compile(**model);
  Evaluator evaluator(program);
  const auto outcome = evaluator.Run(inputs.data());
  if (explained && outcome.ok && explained->amount_pence != outcome.pence) __builtin_trap();
  return 0;
}

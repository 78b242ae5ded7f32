// Reading a RAS model file: YAML → Model, then the checks of check.h.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "selfdirect/ras/model.h"

namespace selfdirect::ras {

// The most a model file may be. Real models are a few tens of kilobytes.
inline constexpr std::size_t kMaxModelBytes = 1 << 20;

// Parses and checks a model. `file` names the file in messages. On failure every problem found
// is returned (in file order), each with its line and column where known; nothing throws.
// With `check_examples`, a worked example that is refused or gives another amount is a
// problem too; without, the caller reports the examples itself (CheckExamples).
tl::expected<std::shared_ptr<const Model>, Problems> LoadModel(std::string_view yaml_text,
                                                               std::string file,
                                                               bool check_examples = true);

// One problem per worked example that is refused or gives a different amount.
Problems CheckExamples(const Model& model);

}  // namespace selfdirect::ras

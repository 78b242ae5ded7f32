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
tl::expected<std::shared_ptr<const Model>, Problems> LoadModel(std::string_view yaml_text,
                                                               std::string file);

}  // namespace selfdirect::ras

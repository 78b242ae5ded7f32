// The checks a model passes before anything is evaluated (docs/ras-models.md): names, cycles,
// types, band tables, lookup tables, division by zero, negative allocations.
#pragma once

#include "selfdirect/ras/model.h"

namespace selfdirect::ras {

// Resolves every name in `model`, works out each expression's type and range, orders the
// derived values, bands and tables, and appends every problem found to `problems`. The model
// may be evaluated only when no problem was added. Parts the loader could not read (null
// expressions) are skipped, so structural and semantic problems are all reported together.
void CheckModel(Model* model, Problems* problems);

}  // namespace selfdirect::ras

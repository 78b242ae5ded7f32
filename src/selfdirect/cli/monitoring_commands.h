// `selfdirect monitoring run`: a council's monitoring checks for a date, from the command line.
#pragma once

#include <iosfwd>
#include <string>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/council/council.h"
#include "selfdirect/store/store.h"

namespace selfdirect::cli {

// Runs the checks for every budget in payment on `date` (YYYY-MM-DD) as the operator: a progress
// bar on a terminal, then the new alerts counted by kind, the new surplus proposals, the
// findings whose alert was already open, and any budget that could not be checked. Returns 0
// when every budget was checked, 2 when some could not be, 1 when refused.
int RunMonitoring(store::Store& store, const Clock& clock, UlidGenerator& ids,
                  const Council& council, const std::string& date, std::ostream& out,
                  std::ostream& err);

}  // namespace selfdirect::cli

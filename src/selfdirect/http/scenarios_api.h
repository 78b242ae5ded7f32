// The policy scenarios API (scenarios_api.cc; docs/scenarios.md): the example scenarios shipped
// in the binary, and a run of a scenario over a synthetic council made in memory, as JSON and
// as the years' CSV, and as a workbook (XLSX) dated by `clock`. The contract the /scenarios page
// uses.
//
//   RegisterScenariosApi(service.mutable_router(), scenarios, clock);
#pragma once

#include <string_view>

#include "selfdirect/app/scenarios.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

inline constexpr std::string_view kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

void RegisterScenariosApi(Router& router, const app::Scenarios& scenarios, const Clock& clock);

}  // namespace selfdirect::http

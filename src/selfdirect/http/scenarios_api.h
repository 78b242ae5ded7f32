// The policy scenarios API (scenarios_api.cc; docs/scenarios.md): the example scenarios shipped
// in the binary, and a run of a scenario over a synthetic council made in memory, as JSON and
// as the years' CSV. The contract the /scenarios page uses.
//
//   RegisterScenariosApi(service.mutable_router(), scenarios);
#pragma once

#include "selfdirect/app/scenarios.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterScenariosApi(Router& router, const app::Scenarios& scenarios);

}  // namespace selfdirect::http

// The monitoring API (monitoring_api.cc): run the checks, the alerts routed to the actor and
// what they did about them, and surplus recovery proposals a finance officer decides. The
// contract the alerts and surplus proposals pages use.
//
//   RegisterMonitoringApi(service.mutable_router(), monitoring);
#pragma once

#include "selfdirect/app/monitoring.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterMonitoringApi(Router& router, app::Monitoring& monitoring);

}  // namespace selfdirect::http

// The safeguarding API (safeguarding_api.cc): raising a concern about a person, the
// safeguarding lead's queue, and the lead's triage, enquiry and closure.
//
//   RegisterSafeguardingApi(service.mutable_router(), safeguarding);
#pragma once

#include "selfdirect/app/safeguarding.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterSafeguardingApi(Router& router, app::Safeguarding& safeguarding);

}  // namespace selfdirect::http

// The personal assistants API (personal_assistants_api.cc): a person's PAs and their employer's
// checklist, and the council's PA workforce in aggregate for commissioners.
//
//   RegisterPersonalAssistantsApi(service.mutable_router(), personal_assistants);
#pragma once

#include "selfdirect/app/personal_assistants.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterPersonalAssistantsApi(Router& router, app::PersonalAssistants& personal_assistants);

}  // namespace selfdirect::http

// The pooled budgets API (pools_api.cc): propose a pool, consent, join, leave, a person's pools
// and their statement of one; finance officers collect the members' shares and pay out of it.
//
//   RegisterPoolsApi(service.mutable_router(), pools);
#pragma once

#include "selfdirect/app/pools.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterPoolsApi(Router& router, app::Pools& pools);

}  // namespace selfdirect::http

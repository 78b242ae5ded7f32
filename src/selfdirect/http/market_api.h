// The provider register and directory API (market_api.cc; docs/market.md): the public directory
// search and provider page (no sign-in: only directory fields, never anything about a person),
// the lists the directory's forms choose from, and the commissioners' routes to add, change and
// remove providers and services, see expiring documents and set the approved list.
//
//   RegisterMarketApi(service.mutable_router(), market);
#pragma once

#include "selfdirect/app/market.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterMarketApi(Router& router, app::Market& market);

}  // namespace selfdirect::http

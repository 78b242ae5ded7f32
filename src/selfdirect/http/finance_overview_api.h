// The finance overview API (finance_overview_api.cc): a council's personal budgets for a
// financial year from the ledger, as JSON and as CSV, and the council's budget for personal
// budgets each year. The contract the /finance/overview page uses.
//
//   RegisterFinanceOverviewApi(service.mutable_router(), overview);
#pragma once

#include "selfdirect/app/finance_overview.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterFinanceOverviewApi(Router& router, app::FinanceOverview& overview);

}  // namespace selfdirect::http

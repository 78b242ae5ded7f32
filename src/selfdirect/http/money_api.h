// The "My money" API (money_api.cc): the money in a person's budget in payment, as the budget
// holder and those they let in see it, and the same lines as a spreadsheet.
//
//   RegisterMoneyApi(service.mutable_router(), money);
#pragma once

#include "selfdirect/app/money.h"
#include "selfdirect/http/router.h"

namespace selfdirect::http {

void RegisterMoneyApi(Router& router, app::Money& money);

}  // namespace selfdirect::http

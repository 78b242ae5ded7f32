// `selfdirect payments run`: a council's payment run for a date, from the command line.
#pragma once

#include <iosfwd>
#include <string>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/council/council.h"
#include "selfdirect/store/store.h"

namespace selfdirect::cli {

struct PaymentsRunArguments {
  std::string date;  // YYYY-MM-DD
  std::string out;   // where to write the payment file; "" for payments-{date}.csv here
};

// Starts (or resumes) the council's run for the date, as the operator, and releases it when it
// needs no second approval: a progress bar on a terminal, then the report (payments, total,
// held payments with the reason, overpayments found) and the payment file written. Returns 0
// when released, 3 when the run waits for a second finance officer's approval (on the finance
// pages), 1 when refused (a date already run: nothing new is posted).
int RunPayments(store::Store& store, const Clock& clock, UlidGenerator& ids, const Council& council,
                const PaymentsRunArguments& arguments, std::ostream& out, std::ostream& err);

}  // namespace selfdirect::cli

// Reconciling a direct-payment holding account: the council's payments into it, as the ledger
// recorded them, against the council's payments its bank or card statements show arriving.
//
// A payment run puts each payment in the books on the run's payment date (its value date); the
// statement shows it arriving a day or two later, and statement import marks that line as the
// council's payment (LineCategory::kCouncilPayment) and books nothing for it. Reconciling pairs
// each payment with a line of the same amount within a few days, and lists what is left over:
// payments not shown arriving (a payment the bank returned, or a statement still to import) and
// money shown arriving that the books do not have (a payment made outside selfdirect).
//
//   ArrivalReconciliation r = ReconcileArrivals(paid, arrived, /*tolerance_days=*/5);
//   r.matched;       // each payment with the line that shows it
//   r.not_arrived;   // paid while the statements cover the account, not on them
//   r.not_paid;      // on the statements, not in the books
//
// Pure domain: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"

namespace selfdirect::ledger {

// Days either side of a payment's value date that a statement line may show it arriving.
inline constexpr int kArrivalToleranceDays = 5;

// A payment the ledger recorded into the account.
struct PaidIn {
  std::string transfer_id;
  Date on;  // its value date
  Pence amount;
  std::string reference;
};

// A line of an imported statement showing the council's money arriving.
struct Arrival {
  StatementImportId import;
  std::int64_t row = 0;  // the statement's row (the header is row 1)
  Date on;
  Pence amount;  // more than £0.00
  std::string payee;
};

struct ArrivalMatch {
  PaidIn payment;
  Arrival arrival;
  int days = 0;  // arrival date − payment date
};

struct ArrivalReconciliation {
  // The days the statements cover (the first and last line of any statement); none without
  // a statement line.
  std::optional<Date> covers_from, covers_to;
  std::vector<ArrivalMatch> matched;  // by payment date
  // Paid on a day the statements cover, with time to arrive before their last day, and on none.
  std::vector<PaidIn> not_arrived;
  // Paid before the statements begin or too near their end to tell: nothing to compare with.
  std::vector<PaidIn> not_covered;
  std::vector<Arrival> not_paid;  // shown arriving, with no payment in the books to match
  Pence paid_total, arrived_total, matched_total;

  bool clean() const { return not_arrived.empty() && not_paid.empty(); }
};

// Pairs payments and arrivals of the same amount whose dates are at most `tolerance_days` apart,
// each used once: payments in date order, each taking the nearest unused arrival (the earlier
// one, then the lower row, on a tie). `covers_from`/`covers_to` are the statements' first and
// last days (give every line of the statements' dates, not only arrivals). Totals are exact:
// a sum too large to hold is kOverflow.
Result<ArrivalReconciliation> ReconcileArrivals(std::vector<PaidIn> paid,
                                                std::vector<Arrival> arrived,
                                                std::optional<Date> covers_from,
                                                std::optional<Date> covers_to,
                                                int tolerance_days = kArrivalToleranceDays);

}  // namespace selfdirect::ledger

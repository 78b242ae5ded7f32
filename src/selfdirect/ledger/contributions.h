#pragma once
// Contributions paid in (issue #6; docs/money.md): what a person pays the council towards their
// assessed contribution. Each payment run charges the contribution to the person's contribution
// receivable (debits it: what they owe goes up); a finance officer records what the person then
// pays, which credits the receivable from the council's account of contributions paid in
// (AccountType::kContributionsPaidIn), so what they owe goes down. Pure: the app finds the
// accounts and stores the transfers.
//
//   auto plan = PlanContributionPayment(request, receivables, paid_in, today, made);
//   // plan->transfers settle the receivables oldest first; plan->owed_after is what is left.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/transfer.h"

namespace selfdirect::ledger {

// A payment as the finance officer entered it.
struct ContributionPaymentRequest {
  // The caller's key for this payment: 1 to 40 of A–Z a–z 0–9 _ : . - (a form makes one when it
  // is drawn), so that sending the same payment twice records it once.
  std::string payment_id;
  std::optional<std::int64_t> amount_pence;  // > 0 and no more than the person owes
  std::string paid_on;                       // yyyy-mm-dd, not after today
  std::string reference;                     // optional: the bank's reference, a receipt number
  // Set when the finance officer confirms the person really paid the same amount twice on one
  // day (AlikePayment found one already recorded).
  bool paid_twice = false;
};

// A payment already recorded for the person.
struct RecordedPayment {
  std::string payment_id;
  Date paid_on;
  Pence amount;
  std::string reference;  // as entered; "" when none was
  Timestamp recorded_at;
};

// One of the person's contribution receivables and what it is owed (posted debits − credits;
// below zero when more was credited back or paid than was charged). A closed account counts
// towards what the person owes but takes no payment.
struct Receivable {
  LedgerAccountId account;
  Pence owed;
  bool open = true;
};

// Who made the transfers, and when.
struct Made {
  CouncilId council;
  Timestamp at;
  UserId by;
};

struct ContributionPaymentPlan {
  std::string payment_id;
  Pence amount;
  Date paid_on;
  std::string reference;
  Pence owed_before;
  Pence owed_after;
  // One transfer per receivable the payment settles, oldest first, with the ids
  // ContributionPaymentTransferId(payment_id, 1, 2, …).
  std::vector<Transfer> transfers;
};

inline constexpr std::size_t kMaxPaymentIdLength = 40;
inline constexpr std::size_t kMaxPaymentReferenceLength = 200;

// "contribution-paid:{payment_id}:{n}", n from 1.
TransferId ContributionPaymentTransferId(std::string_view payment_id, int n);

// The payment key of a transfer id made by ContributionPaymentTransferId, or nothing.
std::optional<std::string> ContributionPaymentIdOf(const TransferId& id);

// Where the person stands over all their receivables, as the finance overview adds them up:
// the signed sum, so an account in credit counts against one that owes. kOverflow only for sums
// no ledger reaches.
Result<Pence> NetOwed(std::span<const Receivable> receivables);
// What they owe: the net, or nothing when they are square or in credit.
Result<Pence> TotalOwed(std::span<const Receivable> receivables);
// What a payment may settle now: what they owe, but no more than their open receivables are
// owed (a closed one takes no payment). PlanContributionPayment refuses more than this.
Result<Pence> PayableNow(std::span<const Receivable> receivables);

// The beginning of the payment keys of the lines of the council's bank file
// (contribution_file.h, FileLinePaymentId). A payment entered by hand may not take one.
inline constexpr std::string_view kBankFilePaymentPrefix = "bank-";

// A request whose fields are each well formed (ValidateContributionPayment).
struct CheckedPayment {
  std::string payment_id;
  Pence amount;
  Date paid_on;
  std::string reference;
  bool paid_twice = false;
};

// How far back a payment may be dated: a debt is not recoverable after six years (Limitation Act
// 1980, s.5), and a date older than that is far more likely a mistyped year.
inline constexpr int kOldestPaymentYears = 6;

// Checks each field on its own. Field errors (kInvalidArgument): payment_id (not 1 to 40 of the
// key characters), amount_pence (missing or not above zero), paid_on (missing, not a date, after
// today, more than kOldestPaymentYears before today), reference (over 200 bytes, or a control
// character).
Result<CheckedPayment> ValidateContributionPayment(const ContributionPaymentRequest& request,
                                                   Date today);

// Checks the request (as above, and that the amount is no more than the person owes: a field
// error on amount_pence saying how much that is) and plans its transfers: from `paid_in` to the
// open receivables that are owed money, oldest first, each taking no more than it is owed.
Result<ContributionPaymentPlan> PlanContributionPayment(const ContributionPaymentRequest& request,
                                                        std::span<const Receivable> receivables,
                                                        const LedgerAccountId& paid_in, Date today,
                                                        const Made& made);
// The same for a request already checked field by field.
Result<ContributionPaymentPlan> PlanContributionPayment(const CheckedPayment& checked,
                                                        std::span<const Receivable> receivables,
                                                        const LedgerAccountId& paid_in,
                                                        const Made& made);

// A payment already recorded that `checked` looks like — the same amount paid on the same day,
// with the same reference when both were entered by hand and both have one — so most likely the
// same bank payment entered a second time; nothing when there is none or the officer confirmed
// it was paid twice. A line of the bank file carries the bank's reference, which a hand entry
// of the same payment (a receipt number) need not share, so when either came from the file the
// references are not compared. The first such payment in `recorded` order.
const RecordedPayment* AlikePayment(const CheckedPayment& checked,
                                    std::span<const RecordedPayment> recorded);

// The field error (paid_twice) for a payment like `alike`: what is recorded, and what to do.
Error AlreadyRecordedError(const RecordedPayment& alike);

// The sentence for a recorded payment: "£50.00 paid on 20 November 2026 is recorded. Ada Okafor
// now owes £100.00." (or "owes nothing now.").
std::string ContributionPaidSentence(std::string_view person_name, Pence amount, Date paid_on,
                                     Pence owed_after);

}  // namespace selfdirect::ledger

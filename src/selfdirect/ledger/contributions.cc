#include "selfdirect/ledger/contributions.h"

#include <fmt/format.h>

#include <algorithm>

namespace selfdirect::ledger {
namespace {

constexpr std::string_view kIdPrefix = "contribution-paid:";

}  // namespace

TransferId ContributionPaymentTransferId(std::string_view payment_id, int n) {
  return TransferId(fmt::format("{}{}:{}", kIdPrefix, payment_id, n));
}

std::optional<std::string> ContributionPaymentIdOf(const TransferId& id) {
  std::string_view text = id.str();
  if (!text.starts_with(kIdPrefix)) return std::nullopt;
  text.remove_prefix(kIdPrefix.size());
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  return std::string(text.substr(0, colon));
}

Result<Pence> NetOwed(std::span<const Receivable> receivables) {
  Pence total;
  for (const Receivable& r : receivables) {
    auto sum = total.Plus(r.owed);
    if (!sum) return sum;
    total = *sum;
  }
  return total;
}

Result<Pence> TotalOwed(std::span<const Receivable> receivables) {
  auto net = NetOwed(receivables);
  if (!net) return net;
  return net->value() > 0 ? *net : Pence(0);
}

Result<Pence> PayableNow(std::span<const Receivable> receivables) {
  auto owed = TotalOwed(receivables);
  if (!owed) return owed;
  Pence open;
  for (const Receivable& r : receivables) {
    if (!r.open || r.owed.value() <= 0) continue;
    auto sum = open.Plus(r.owed);
    if (!sum) return sum;
    open = *sum;
  }
  return std::min(*owed, open);
}

Result<CheckedPayment> ValidateContributionPayment(const ContributionPaymentRequest& request,
                                                   Date today) {
  std::vector<FieldError> errors;
  CheckedPayment out;
  if (request.payment_id.empty() || request.payment_id.size() > kMaxPaymentIdLength ||
      !IsCallerKey(request.payment_id)) {
    errors.push_back({"payment_id",
                      "Send the payment's key: 1 to 40 letters, digits and the characters "
                      "_ : . - (the form makes one)"});
  }
  out.payment_id = request.payment_id;
  if (!request.amount_pence) {
    errors.push_back({"amount_pence", "Enter the amount they paid"});
  } else if (*request.amount_pence <= 0) {
    errors.push_back({"amount_pence", "Enter an amount of at least 1p"});
  } else {
    out.amount = Pence(*request.amount_pence);
  }
  if (request.paid_on.empty()) {
    errors.push_back({"paid_on", "Enter the day they paid"});
  } else if (auto day = ParseIsoDate(request.paid_on); !day) {
    errors.push_back({"paid_on", "Enter the day they paid as a real date, like 20 11 2026"});
  } else if (today < *day) {
    errors.push_back({"paid_on", "The day they paid cannot be after today"});
  } else if (*day < AddMonths(today, -12 * kOldestPaymentYears)) {
    errors.push_back({"paid_on", fmt::format("The day they paid must be in the last {} years: "
                                             "check the year",
                                             kOldestPaymentYears)});
  } else {
    out.paid_on = *day;
  }
  if (request.reference.size() > kMaxPaymentReferenceLength) {
    errors.push_back({"reference", "Keep the reference to 200 characters or fewer"});
  } else if (std::any_of(request.reference.begin(), request.reference.end(), [](char c) {
               return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
             })) {
    errors.push_back({"reference", "Write the reference on one line"});
  }
  out.reference = request.reference;
  out.paid_twice = request.paid_twice;
  if (!errors.empty()) return FailFields(std::move(errors));
  return out;
}

const RecordedPayment* AlikePayment(const CheckedPayment& checked,
                                    std::span<const RecordedPayment> recorded) {
  if (checked.paid_twice) return nullptr;
  for (const RecordedPayment& p : recorded) {
    const bool from_file = p.payment_id.starts_with(kBankFilePaymentPrefix) ||
                           checked.payment_id.starts_with(kBankFilePaymentPrefix);
    if (p.amount == checked.amount && p.paid_on == checked.paid_on &&
        (from_file || p.reference.empty() || checked.reference.empty() ||
         p.reference == checked.reference)) {
      return &p;
    }
  }
  return nullptr;
}

Error AlreadyRecordedError(const RecordedPayment& alike) {
  return Error{
      ErrorCode::kInvalidArgument,
      "This payment looks like one already recorded",
      {{"paid_twice",
        fmt::format("{} paid on {} is already recorded{}. If they really paid it twice, say so "
                    "and record it again; if not, there is nothing more to record",
                    FormatPounds(alike.amount), FormatLongDate(alike.paid_on),
                    alike.reference.empty() ? std::string()
                                            : fmt::format(" (reference {})", alike.reference))}}};
}

Result<ContributionPaymentPlan> PlanContributionPayment(const ContributionPaymentRequest& request,
                                                        std::span<const Receivable> receivables,
                                                        const LedgerAccountId& paid_in, Date today,
                                                        const Made& made) {
  auto checked = ValidateContributionPayment(request, today);
  if (!checked) return tl::unexpected(checked.error());
  return PlanContributionPayment(*checked, receivables, paid_in, made);
}

Result<ContributionPaymentPlan> PlanContributionPayment(const CheckedPayment& checked,
                                                        std::span<const Receivable> receivables,
                                                        const LedgerAccountId& paid_in,
                                                        const Made& made) {
  auto owed = TotalOwed(receivables);
  if (!owed) return tl::unexpected(owed.error());
  if (owed->value() == 0) {
    return FailFields({{"amount_pence", "They owe nothing towards their contribution now"}});
  }
  if (checked.amount > *owed) {
    return FailFields(
        {{"amount_pence", fmt::format("They owe {}: enter no more than that, and refund the rest",
                                      FormatPounds(*owed))}});
  }
  ContributionPaymentPlan plan;
  plan.payment_id = checked.payment_id;
  plan.amount = checked.amount;
  plan.paid_on = checked.paid_on;
  plan.reference = checked.reference;
  plan.owed_before = *owed;
  std::int64_t left = plan.amount.value();
  int n = 0;
  for (const Receivable& r : receivables) {
    if (left == 0) break;
    if (!r.open || r.owed.value() <= 0) continue;
    const std::int64_t part = std::min(left, r.owed.value());
    Transfer t;
    t.id = ContributionPaymentTransferId(plan.payment_id, ++n);
    t.council = made.council;
    t.debit_account = paid_in;
    t.credit_account = r.account;
    t.amount = Pence(part);
    t.code = TransferCode::kContribution;
    t.reference = plan.reference;
    t.created_at = made.at;
    t.created_by = made.by;
    t.value_date = plan.paid_on;
    plan.transfers.push_back(std::move(t));
    left -= part;
  }
  if (left > 0) {
    // The rest of what they owe is on an account that is closed, which takes no payment.
    return FailFields(
        {{"amount_pence", fmt::format("Only {} of what they owe can be recorded: the rest is owed "
                                      "on a closed account",
                                      FormatPounds(Pence(plan.amount.value() - left)))}});
  }
  plan.owed_after = Pence(owed->value() - plan.amount.value());
  return plan;
}

std::string ContributionPaidSentence(std::string_view person_name, Pence amount, Date paid_on,
                                     Pence owed_after) {
  return fmt::format("{} paid on {} is recorded. {} {}.", FormatPounds(amount),
                     FormatLongDate(paid_on), person_name,
                     owed_after.value() == 0
                         ? std::string("owes nothing now")
                         : fmt::format("now owes {}", FormatPounds(owed_after)));
}

}  // namespace selfdirect::ledger

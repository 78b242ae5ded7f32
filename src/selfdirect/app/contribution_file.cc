// Payments::ReadContributionFile: contributions paid in from the council's bank file
// (ledger/contribution_file.h), kept apart from payments.cc, which is long enough.
#include <fmt/format.h>

#include <cctype>
#include <map>
#include <set>

#include "selfdirect/access/credentials.h"
#include "selfdirect/app/ledger_lookups.h"
#include "selfdirect/app/payments.h"
#include "selfdirect/ledger/statement_format.h"

namespace selfdirect::app {
namespace {

std::string Lines(std::int64_t n) { return fmt::format("{} line{}", n, n == 1 ? "" : "s"); }

// The file's totals, from its lines.
Status Count(ContributionFile& f) {
  f.payments = 0;
  f.payments_total = Pence(0);
  f.for_you = 0;
  for (const ledger::FileLine& l : f.lines) {
    if (l.outcome == ledger::FileLineOutcome::kRecord) {
      ++f.payments;
      auto sum = f.payments_total.Plus(l.amount);
      if (!sum) return tl::unexpected(sum.error());
      f.payments_total = *sum;
    } else if (l.outcome == ledger::FileLineOutcome::kNoReference ||
               l.outcome == ledger::FileLineOutcome::kUnknownReference ||
               l.outcome == ledger::FileLineOutcome::kNotAccepted) {
      ++f.for_you;
    }
  }
  return Ok();
}

std::string FileSentence(const ContributionFile& f) {
  std::string out;
  if (f.payments == 0) {
    out = "No line of this file can be recorded as a contribution paid.";
  } else {
    out = fmt::format(
        "{} payment{} towards contributions, {} in all, {}.", f.payments,
        f.payments == 1 ? "" : "s", FormatPounds(f.payments_total),
        f.recorded ? (f.payments == 1 ? "is recorded" : "are recorded") : "can be recorded");
  }
  if (f.for_you > 0) {
    out += f.for_you == 1 ? " 1 line needs you: it says why."
                          : fmt::format(" {} need you: each says why.", Lines(f.for_you));
  }
  return out;
}

}  // namespace

Result<ContributionFile> Payments::ReadContributionFile(const Context& ctx,
                                                        const std::string& format_name,
                                                        std::string_view bytes, bool record) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kContributionFileRead,
                         Resource::Council(ctx.actor.council_id), "contribution-file", format_name);
      !a) {
    return tl::unexpected(a.error());
  }
  const CouncilId& council = ctx.actor.council_id;
  ContributionFile out;
  out.format_name = format_name;
  out.file_sha256 = Sha256Hex(bytes);
  out.recorded = record;
  // Records each line to record, in file order, against what the person owes after the ones
  // before it. A line the plan refuses after all (which the matching should have foreseen) is
  // left for the finance officer with the reason, rather than refusing the whole file.
  auto record_lines = [&](store::Transaction& tx) -> Status {
    std::optional<LedgerAccountId> paid_in;
    for (ledger::FileLine& l : out.lines) {
      if (l.outcome != ledger::FileLineOutcome::kRecord) continue;
      auto receivables = ContributionReceivablesOf(tx, council, *l.person);
      if (!receivables) return tl::unexpected(receivables.error());
      if (!paid_in) {
        auto opened = CouncilAccount(tx, council, ledger::AccountType::kContributionsPaidIn,
                                     kContributionsPaidInName, ids_, clock_.Now());
        if (!opened) return tl::unexpected(opened.error());
        paid_in = *opened;
      }
      auto plan =
          ledger::PlanContributionPayment(ledger::FileLinePayment(l), *receivables, *paid_in,
                                          {council, clock_.Now(), ctx.actor.user_id});
      if (!plan) {
        if (plan.error().code != ErrorCode::kInvalidArgument) return tl::unexpected(plan.error());
        l.outcome = ledger::FileLineOutcome::kNotAccepted;
        l.sentence = plan.error().fields.empty() ? plan.error().message
                                                 : plan.error().fields.front().message;
        continue;
      }
      if (auto s = FirstRefusal(tx.Ledger().CreateTransfers(plan->transfers)); !s) return s;
      AuditEntry e = MakeAuditEntry(
          ctx, council, clock_.Now(), "payments.contribution.paid", "person", l.person->str(),
          AuditOutcome::kAllowed,
          fmt::format("recorded {} paid towards their contribution on {} (reference {}) from row "
                      "{} of a bank file ({}, {})",
                      FormatPounds(l.amount), FormatIsoDate(l.date), l.payment_reference, l.row,
                      format_name, out.file_sha256.substr(0, 16)));
      e.subject_person_id = l.person->str();
      if (auto s = tx.Audit().Append(e); !s) return s;
    }
    return Ok();
  };
  auto body = [&](store::Transaction& tx) -> Status {
    auto format = tx.Statements().FindFormat(council, format_name);
    if (!format) return tl::unexpected(format.error());
    if (!*format) {
      return FailFields(
          {{"format", format_name.empty() ? "Choose the format of the bank file"
                                          : "There is no statement format called \"" + format_name +
                                                "\"; choose one of the council's formats"}});
    }
    auto parsed_format = ledger::ParseStatementFormat((*format)->yaml);
    if (!parsed_format) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "The statement format \"" + format_name +
                      "\" is no longer valid: " + parsed_format.error().message);
    }
    ledger::StatementReport report = ledger::ParseStatement(bytes, *parsed_format);
    if (!report.ok()) {
      std::vector<FieldError> errors;
      for (const ledger::StatementProblem& p : report.problems) {
        std::string message = p.ToString();  // "row 3, column …": a sentence of its own here
        if (!message.empty()) {
          message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
        }
        errors.push_back({"file", std::move(message)});
      }
      const std::size_t n = report.problems.size();
      return FailFields(std::move(errors),
                        fmt::format("The file has {} problem{}; nothing was read. Put {} right "
                                    "and choose the file again",
                                    n, n == 1 ? "" : "s", n == 1 ? "it" : "them all"));
    }

    // Whom the file's references may be: everyone with a contribution, owing or not. Only the
    // people a line quotes are read in full.
    std::set<std::string> quoted;
    for (const ledger::StatementLine& l : report.lines) {
      for (std::string& r : ledger::ContributionReferencesIn(l)) quoted.insert(std::move(r));
    }
    auto holders = tx.FinanceOverview().ContributionHolders(council);
    if (!holders) return tl::unexpected(holders.error());
    ledger::FileContext context;
    context.file_sha256 = out.file_sha256;
    context.today = clock_.Today();
    std::map<std::string, const ledger::ContributionOwed*> by_reference;
    for (const ledger::ContributionOwed& h : *holders) {
      const std::string reference = ledger::ContributionReference(h.person);
      if (!quoted.contains(reference)) continue;
      if (!by_reference.emplace(reference, &h).second) context.shared_references.insert(reference);
    }
    for (const auto& [reference, h] : by_reference) {
      if (context.shared_references.contains(reference)) continue;
      ledger::FilePayer p{h->person, h->name, {}, {}};
      auto receivables = ContributionReceivablesOf(tx, council, h->person);
      if (!receivables) return tl::unexpected(receivables.error());
      p.receivables = std::move(*receivables);
      auto recorded = RecordedContributionPayments(tx, council, p.receivables);
      if (!recorded) return tl::unexpected(recorded.error());
      p.recorded = std::move(*recorded);
      context.payers.emplace(reference, std::move(p));
    }
    // The file's lines recorded before: each line's first transfer, looked up by its id.
    for (const ledger::StatementLine& l : report.lines) {
      if (l.amount.value() <= 0) continue;
      const std::string id = ledger::FileLinePaymentId(out.file_sha256, l.row);
      auto found = tx.Ledger().FindTransfer(council, ledger::ContributionPaymentTransferId(id, 1));
      if (!found) return tl::unexpected(found.error());
      if (*found) context.recorded_rows.insert(id);
    }
    auto lines = ledger::MatchContributionFile(report.lines, context);
    if (!lines) return tl::unexpected(lines.error());
    out.lines = std::move(*lines);
    if (record) {
      if (auto s = record_lines(tx); !s) return s;
    }
    return Count(out);
  };
  auto s = record ? store_.Write(body) : store_.Read(body);
  if (!s) return tl::unexpected(s.error());
  out.sentence = FileSentence(out);
  return out;
}

}  // namespace selfdirect::app

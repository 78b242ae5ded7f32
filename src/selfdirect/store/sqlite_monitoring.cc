#include "selfdirect/store/sqlite_monitoring.h"

#include <fmt/format.h>

#include "selfdirect/store/rows.h"

namespace selfdirect::store {
namespace {

using ledger::Alert;
using ledger::SurplusProposal;

constexpr const char* kAlertColumns =
    "council_id, alert_id, person_id, budget_id, kind, recipient, evidence, sentence, "
    "amount_pence, balance_pence, checked_on, raised_at, status, acknowledged_at, "
    "acknowledged_by, closed_at, closed_by, notes";

constexpr const char* kProposalColumns =
    "council_id, proposal_id, person_id, budget_id, amount_pence, letter, checked_on, "
    "proposed_at, status, decided_at, decided_by, decision_words, transfer_id";

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t from = 0;
  while (true) {
    const std::size_t at = text.find('\n', from);
    out.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return out;
    from = at + 1;
  }
}

std::string StampText(const std::optional<Timestamp>& t) { return t ? FormatTimestamp(*t) : ""; }

Status ReadStamp(const std::string& text, std::optional<Timestamp>& out, const char* what) {
  if (text.empty()) return {};
  auto t = ParseTimestamp(text);
  if (!t) return tl::unexpected(CorruptValue(what));
  out = *t;
  return {};
}

Result<Alert> ReadAlert(const Statement& st) {
  Alert a;
  a.council = CouncilId(st.Text(0));
  a.id = AlertId(st.Text(1));
  a.person = PersonId(st.Text(2));
  a.budget = BudgetId(st.Text(3));
  auto kind = ledger::ParseAlertKind(st.Text(4));
  auto on = ParseIsoDate(st.Text(10));
  auto raised = ParseTimestamp(st.Text(11));
  auto status = ledger::ParseAlertStatus(st.Text(12));
  if (!kind || !on || !raised || !status) return tl::unexpected(CorruptValue("alerts row"));
  a.kind = *kind;
  a.recipient = st.Text(5);
  a.evidence = SplitLines(st.Text(6));
  a.sentence = st.Text(7);
  a.amount = Pence(st.Int(8));
  a.balance = Pence(st.Int(9));
  a.on = *on;
  a.raised_at = *raised;
  a.status = *status;
  if (auto s = ReadStamp(st.Text(13), a.acknowledged_at, "alerts.acknowledged_at"); !s) {
    return tl::unexpected(s.error());
  }
  a.acknowledged_by = UserId(st.Text(14));
  if (auto s = ReadStamp(st.Text(15), a.closed_at, "alerts.closed_at"); !s) {
    return tl::unexpected(s.error());
  }
  a.closed_by = UserId(st.Text(16));
  a.notes = st.Text(17);
  return a;
}

Result<SurplusProposal> ReadProposal(const Statement& st) {
  SurplusProposal p;
  p.council = CouncilId(st.Text(0));
  p.id = SurplusProposalId(st.Text(1));
  p.person = PersonId(st.Text(2));
  p.budget = BudgetId(st.Text(3));
  p.amount = Pence(st.Int(4));
  p.letter = SplitLines(st.Text(5));
  auto on = ParseIsoDate(st.Text(6));
  auto proposed = ParseTimestamp(st.Text(7));
  auto status = ledger::ParseProposalStatus(st.Text(8));
  if (!on || !proposed || !status) return tl::unexpected(CorruptValue("surplus_proposals row"));
  p.on = *on;
  p.proposed_at = *proposed;
  p.status = *status;
  if (auto s = ReadStamp(st.Text(9), p.decided_at, "surplus_proposals.decided_at"); !s) {
    return tl::unexpected(s.error());
  }
  p.decided_by = UserId(st.Text(10));
  p.decision_words = st.Text(11);
  p.transfer_id = st.Text(12);
  return p;
}

}  // namespace

Result<bool> SqliteMonitoringRepository::RaiseAlert(const Alert& a) {
  auto st = c_.Prepare(fmt::format(
      "INSERT INTO monitoring_alerts ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "$12, $13, $14, $15, $16, $17, $18) ON CONFLICT DO NOTHING",
      kAlertColumns));
  if (!st) return tl::unexpected(st.error());
  auto s = st->Bind(a.council.str(), a.id.str(), a.person.str(), a.budget.str(),
                    ledger::AlertKindName(a.kind), a.recipient, JoinLines(a.evidence), a.sentence,
                    a.amount.value(), a.balance.value(), FormatIsoDate(a.on),
                    FormatTimestamp(a.raised_at), ledger::AlertStatusName(a.status),
                    StampText(a.acknowledged_at), a.acknowledged_by.str(), StampText(a.closed_at),
                    a.closed_by.str(), a.notes)
               .Run();
  if (!s) return tl::unexpected(s.error());
  return c_.Changes() > 0;
}

Result<std::optional<Alert>> SqliteMonitoringRepository::FindAlert(const CouncilId& council,
                                                                   const AlertId& id) {
  auto st = c_.Prepare(fmt::format(
      "SELECT {} FROM monitoring_alerts WHERE council_id = $1 AND alert_id = $2", kAlertColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<Alert>(*st, ReadAlert));
}

Result<std::vector<Alert>> SqliteMonitoringRepository::Alerts(const CouncilId& council,
                                                              bool with_closed) {
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM monitoring_alerts WHERE council_id = $1{} ORDER BY raised_at "
                  "DESC, alert_id DESC",
                  kAlertColumns, with_closed ? "" : " AND status <> 'closed'"));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<Alert>(*st, ReadAlert);
}

Status SqliteMonitoringRepository::UpdateAlert(const Alert& a) {
  auto st = c_.Prepare(
      "UPDATE monitoring_alerts SET status = $3, acknowledged_at = $4, acknowledged_by = $5, "
      "closed_at = $6, closed_by = $7, notes = $8 WHERE council_id = $1 AND alert_id = $2");
  if (!st) return tl::unexpected(st.error());
  auto s = st->Bind(a.council.str(), a.id.str(), ledger::AlertStatusName(a.status),
                    StampText(a.acknowledged_at), a.acknowledged_by.str(), StampText(a.closed_at),
                    a.closed_by.str(), a.notes)
               .Run();
  if (!s) return s;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no such alert");
  return {};
}

Result<bool> SqliteMonitoringRepository::ProposeRecovery(const SurplusProposal& p) {
  auto st = c_.Prepare(fmt::format(
      "INSERT INTO surplus_proposals ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      "$12, $13) ON CONFLICT DO NOTHING",
      kProposalColumns));
  if (!st) return tl::unexpected(st.error());
  auto s = st->Bind(p.council.str(), p.id.str(), p.person.str(), p.budget.str(), p.amount.value(),
                    JoinLines(p.letter), FormatIsoDate(p.on), FormatTimestamp(p.proposed_at),
                    ledger::ProposalStatusName(p.status), StampText(p.decided_at),
                    p.decided_by.str(), p.decision_words, p.transfer_id)
               .Run();
  if (!s) return tl::unexpected(s.error());
  return c_.Changes() > 0;
}

Result<std::optional<SurplusProposal>> SqliteMonitoringRepository::FindProposal(
    const CouncilId& council, const SurplusProposalId& id) {
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM surplus_proposals WHERE council_id = $1 AND proposal_id = $2",
                  kProposalColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<SurplusProposal>(*st, ReadProposal));
}

Result<std::optional<SurplusProposal>> SqliteMonitoringRepository::LastDeclined(
    const CouncilId& council, const BudgetId& budget) {
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM surplus_proposals WHERE council_id = $1 AND budget_id = $2 AND "
                  "status = 'declined' ORDER BY decided_at DESC, proposal_id DESC LIMIT 1",
                  kProposalColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), budget.str());
  return AtMostOne(Collect<SurplusProposal>(*st, ReadProposal));
}

Result<std::vector<SurplusProposal>> SqliteMonitoringRepository::Proposals(
    const CouncilId& council) {
  auto st = c_.Prepare(
      fmt::format("SELECT {} FROM surplus_proposals WHERE council_id = $1 ORDER BY status <> "
                  "'proposed', proposed_at DESC, proposal_id DESC",
                  kProposalColumns));
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<SurplusProposal>(*st, ReadProposal);
}

Status SqliteMonitoringRepository::UpdateProposal(const SurplusProposal& p) {
  auto st = c_.Prepare(
      "UPDATE surplus_proposals SET status = $3, decided_at = $4, decided_by = $5, "
      "decision_words = $6, transfer_id = $7 WHERE council_id = $1 AND proposal_id = $2");
  if (!st) return tl::unexpected(st.error());
  auto s = st->Bind(p.council.str(), p.id.str(), ledger::ProposalStatusName(p.status),
                    StampText(p.decided_at), p.decided_by.str(), p.decision_words, p.transfer_id)
               .Run();
  if (!s) return s;
  if (c_.Changes() == 0) return Fail(ErrorCode::kNotFound, "There is no such surplus proposal");
  return {};
}

}  // namespace selfdirect::store

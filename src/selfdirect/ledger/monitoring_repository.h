// What proportionate monitoring keeps (alerts and surplus recovery proposals) and what it needs
// from the store. Implemented in store/; every method runs inside the caller's transaction
// (store::Transaction::Monitoring()).
//
// An alert is a question for one person to ask (a finance officer, the planner, the social
// worker or the safeguarding lead), with the sums and the evidence; it is never a sanction. A
// person has at most one alert of a kind that is not closed, so running the checks again adds
// nothing new until the last one is closed. A surplus recovery is a proposal a finance officer
// approves or declines; at most one is waiting for each budget.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/monitoring.h"

namespace selfdirect {
using AlertId = Id<struct AlertTag>;
using SurplusProposalId = Id<struct SurplusProposalTag>;
}  // namespace selfdirect

namespace selfdirect::ledger {

enum class AlertKind {
  kSurplus,
  kExhaustion,
  kOutsidePlan,
  kLargeCashWithdrawal,
  kDominantNewPayee,
  kRapidDepletion,
  kHouseholdRelativePayment,
};
// "surplus", "exhaustion", "outside_plan", "large_cash_withdrawal", "dominant_new_payee",
// "rapid_depletion", "household_relative_payment" (stored and used in the API).
const char* AlertKindName(AlertKind kind);
const char* AlertKindLabel(AlertKind kind);  // "Surplus", "Money may run out", …
std::optional<AlertKind> ParseAlertKind(std::string_view text);
AlertKind AlertKindOf(SignalKind kind);
// Safeguarding signals: the ones a safeguarding lead sees.
bool IsSafeguardingKind(AlertKind kind);

// Who an alert is for: "finance_officer" (surplus and exhaustion), or the signal's recipient
// ("planner", "social_worker", "safeguarding_lead").
inline constexpr const char* kFinanceOfficerRecipient = "finance_officer";

enum class AlertStatus { kOpen, kAcknowledged, kClosed };
const char* AlertStatusName(AlertStatus status);  // "open" | "acknowledged" | "closed"
std::optional<AlertStatus> ParseAlertStatus(std::string_view text);

struct Alert {
  CouncilId council;
  AlertId id;
  PersonId person;
  BudgetId budget;
  AlertKind kind = AlertKind::kSurplus;
  std::string recipient;              // see kFinanceOfficerRecipient and RecipientName
  std::vector<std::string> evidence;  // spend line (transfer) ids, oldest first; may be empty
  std::string sentence;               // plain English, with the sums
  Pence amount;                       // the money the evidence moved, or the surplus
  Pence balance;                      // the holding account's balance when raised
  Date on;                            // the day the checks were run for
  Timestamp raised_at;
  AlertStatus status = AlertStatus::kOpen;
  std::optional<Timestamp> acknowledged_at;
  UserId acknowledged_by;
  std::optional<Timestamp> closed_at;
  UserId closed_by;
  std::string notes;  // what the person who acknowledged or closed it wrote
};

enum class ProposalStatus { kProposed, kApproved, kDeclined };
const char* ProposalStatusName(ProposalStatus status);  // "proposed" | "approved" | "declined"
std::optional<ProposalStatus> ParseProposalStatus(std::string_view text);

struct SurplusProposal {
  CouncilId council;
  SurplusProposalId id;
  PersonId person;
  BudgetId budget;
  Pence amount;                     // the surplus to recover, > 0
  std::vector<std::string> letter;  // letter-ready paragraphs, showing the sums
  Date on;                          // the day the checks were run for
  Timestamp proposed_at;
  ProposalStatus status = ProposalStatus::kProposed;
  std::optional<Timestamp> decided_at;
  UserId decided_by;
  std::string decision_words;  // the finance officer's reason
  std::string transfer_id;     // the clawback transfer, when approved
};

// The clawback transfer's id for a proposal: "clawback:{proposal id}", so approving twice posts
// once.
std::string ClawbackTransferId(const SurplusProposalId& proposal);

// Whether a surplus found now should be proposed for recovery, given the budget's last declined
// proposal: a finance officer who declined has agreed the person may keep that much, so the
// checks propose again only when more than that has built up.
bool ProposeAgain(const std::optional<SurplusProposal>& last_declined, Pence surplus);

class MonitoringRepository {
 public:
  virtual ~MonitoringRepository() = default;

  // Stores the alert unless the person has one of its kind that is not closed: true when
  // stored, false when one was already there (nothing written).
  virtual Result<bool> RaiseAlert(const Alert& alert) = 0;
  virtual Result<std::optional<Alert>> FindAlert(const CouncilId& council, const AlertId& id) = 0;
  // The council's alerts not closed (and the closed ones too when `with_closed`), newest first.
  virtual Result<std::vector<Alert>> Alerts(const CouncilId& council, bool with_closed) = 0;
  // Saves the alert's status, who acknowledged or closed it, and the notes.
  virtual Status UpdateAlert(const Alert& alert) = 0;

  // Stores the proposal unless the budget has one waiting for a decision: true when stored.
  virtual Result<bool> ProposeRecovery(const SurplusProposal& proposal) = 0;
  virtual Result<std::optional<SurplusProposal>> FindProposal(const CouncilId& council,
                                                              const SurplusProposalId& id) = 0;
  // The council's proposals, those waiting for a decision first, then newest first.
  virtual Result<std::vector<SurplusProposal>> Proposals(const CouncilId& council) = 0;
  // The budget's most recently declined proposal, if any.
  virtual Result<std::optional<SurplusProposal>> LastDeclined(const CouncilId& council,
                                                              const BudgetId& budget) = 0;
  // Saves the decision: status, who, when, the words and the transfer.
  virtual Status UpdateProposal(const SurplusProposal& proposal) = 0;
};

}  // namespace selfdirect::ledger

#include "selfdirect/ledger/monitoring_repository.h"

namespace selfdirect::ledger {
namespace {

constexpr AlertKind kAlertKinds[] = {AlertKind::kSurplus,
                                     AlertKind::kExhaustion,
                                     AlertKind::kOutsidePlan,
                                     AlertKind::kLargeCashWithdrawal,
                                     AlertKind::kDominantNewPayee,
                                     AlertKind::kRapidDepletion,
                                     AlertKind::kHouseholdRelativePayment};

}  // namespace

const char* AlertKindName(AlertKind kind) {
  switch (kind) {
    case AlertKind::kSurplus:
      return "surplus";
    case AlertKind::kExhaustion:
      return "exhaustion";
    case AlertKind::kOutsidePlan:
      return "outside_plan";
    case AlertKind::kLargeCashWithdrawal:
      return "large_cash_withdrawal";
    case AlertKind::kDominantNewPayee:
      return "dominant_new_payee";
    case AlertKind::kRapidDepletion:
      return "rapid_depletion";
    case AlertKind::kHouseholdRelativePayment:
      return "household_relative_payment";
  }
  return "surplus";
}

const char* AlertKindLabel(AlertKind kind) {
  switch (kind) {
    case AlertKind::kSurplus:
      return "Money building up";
    case AlertKind::kExhaustion:
      return "Money may run out";
    case AlertKind::kOutsidePlan:
      return "Spending outside the plan";
    case AlertKind::kLargeCashWithdrawal:
      return "Large cash withdrawal";
    case AlertKind::kDominantNewPayee:
      return "A new payee taking most of the money";
    case AlertKind::kRapidDepletion:
      return "Money going out quickly";
    case AlertKind::kHouseholdRelativePayment:
      return "Payment to a relative in the household";
  }
  return "Alert";
}

std::optional<AlertKind> ParseAlertKind(std::string_view text) {
  for (AlertKind k : kAlertKinds) {
    if (text == AlertKindName(k)) return k;
  }
  return std::nullopt;
}

AlertKind AlertKindOf(SignalKind kind) {
  switch (kind) {
    case SignalKind::kOutsidePlan:
      return AlertKind::kOutsidePlan;
    case SignalKind::kLargeCashWithdrawal:
      return AlertKind::kLargeCashWithdrawal;
    case SignalKind::kNewPayeeTakingMost:
      return AlertKind::kDominantNewPayee;
    case SignalKind::kRapidDepletion:
      return AlertKind::kRapidDepletion;
    case SignalKind::kRelativeWithoutDecision:
      return AlertKind::kHouseholdRelativePayment;
  }
  return AlertKind::kOutsidePlan;
}

bool IsSafeguardingKind(AlertKind kind) {
  switch (kind) {
    case AlertKind::kLargeCashWithdrawal:
    case AlertKind::kDominantNewPayee:
    case AlertKind::kRapidDepletion:
    case AlertKind::kHouseholdRelativePayment:
      return true;
    case AlertKind::kSurplus:
    case AlertKind::kExhaustion:
    case AlertKind::kOutsidePlan:
      return false;
  }
  return false;
}

const char* AlertStatusName(AlertStatus status) {
  switch (status) {
    case AlertStatus::kOpen:
      return "open";
    case AlertStatus::kAcknowledged:
      return "acknowledged";
    case AlertStatus::kClosed:
      return "closed";
  }
  return "open";
}

std::optional<AlertStatus> ParseAlertStatus(std::string_view text) {
  for (AlertStatus s : {AlertStatus::kOpen, AlertStatus::kAcknowledged, AlertStatus::kClosed}) {
    if (text == AlertStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* ProposalStatusName(ProposalStatus status) {
  switch (status) {
    case ProposalStatus::kProposed:
      return "proposed";
    case ProposalStatus::kApproved:
      return "approved";
    case ProposalStatus::kDeclined:
      return "declined";
  }
  return "proposed";
}

std::optional<ProposalStatus> ParseProposalStatus(std::string_view text) {
  for (ProposalStatus s :
       {ProposalStatus::kProposed, ProposalStatus::kApproved, ProposalStatus::kDeclined}) {
    if (text == ProposalStatusName(s)) return s;
  }
  return std::nullopt;
}

std::string ClawbackTransferId(const SurplusProposalId& proposal) {
  return "clawback:" + proposal.str();
}

bool ProposeAgain(const std::optional<SurplusProposal>& last_declined, Pence surplus) {
  return !last_declined || surplus > last_declined->amount;
}

}  // namespace selfdirect::ledger

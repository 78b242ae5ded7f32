// Monitoring alerts and surplus recovery proposals in SQLite (migration 0017).
#pragma once

#include "selfdirect/ledger/monitoring_repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteMonitoringRepository final : public ledger::MonitoringRepository {
 public:
  explicit SqliteMonitoringRepository(Connection& c) : c_(c) {}

  Result<bool> RaiseAlert(const ledger::Alert& alert) override;
  Result<std::optional<ledger::Alert>> FindAlert(const CouncilId& council,
                                                 const AlertId& id) override;
  Result<std::vector<ledger::Alert>> Alerts(const CouncilId& council, bool with_closed) override;
  Status UpdateAlert(const ledger::Alert& alert) override;

  Result<bool> ProposeRecovery(const ledger::SurplusProposal& proposal) override;
  Result<std::optional<ledger::SurplusProposal>> FindProposal(const CouncilId& council,
                                                              const SurplusProposalId& id) override;
  Result<std::vector<ledger::SurplusProposal>> Proposals(const CouncilId& council) override;
  Result<std::optional<ledger::SurplusProposal>> LastDeclined(const CouncilId& council,
                                                              const BudgetId& budget) override;
  Status UpdateProposal(const ledger::SurplusProposal& proposal) override;

 private:
  Connection& c_;
};

}  // namespace selfdirect::store

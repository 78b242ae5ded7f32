// The provider register, services, the directory search (FTS5) and the approved list setting in
// SQLite (migration 0021; the search index's tags and price order, migration 0027).
#pragma once

#include "selfdirect/market/repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteMarketRepository final : public market::MarketRepository {
 public:
  explicit SqliteMarketRepository(Connection& c) : c_(c) {}

  Status AddProvider(const market::Provider& provider) override;
  Status UpdateProvider(const market::Provider& provider) override;
  Status DeleteProvider(const CouncilId& council, const ProviderId& id) override;
  Result<std::optional<market::Provider>> FindProvider(const CouncilId& council,
                                                       const ProviderId& id) override;
  Result<std::optional<market::Provider>> FindProviderByName(const CouncilId& council,
                                                             const std::string& name_key) override;
  Result<std::vector<market::Provider>> Providers(const CouncilId& council) override;

  Status AddService(const market::Service& service) override;
  Status UpdateService(const market::Service& service) override;
  Status DeleteService(const CouncilId& council, const ServiceId& id) override;
  Result<std::optional<market::Service>> FindService(const CouncilId& council,
                                                     const ServiceId& id) override;
  Result<std::vector<market::Service>> ServicesOf(const CouncilId& council,
                                                  const ProviderId& provider) override;

  Result<market::DirectoryResults> Search(const CouncilId& council,
                                          const market::DirectoryQuery& query) override;

  Result<market::ApprovedListSetting> ApprovedList(const CouncilId& council,
                                                   const SchemeId& scheme) override;
  Status SetApprovedList(const CouncilId& council, const SchemeId& scheme,
                         const market::ApprovedListSetting& setting, Timestamp at,
                         const UserId& by) override;

  Result<std::vector<market::ApprovedPlan>> ApprovedPlans(const CouncilId& council) override;
  Result<std::vector<std::pair<std::string, Date>>> Closures(const CouncilId& council) override;
  Result<std::vector<market::ServiceInfo>> AllServices(const CouncilId& council) override;

  // The FTS5 query for these words: each one quoted (a double quote inside doubled) and marked
  // as a prefix, all of them required. "" for no words. Public for tests.
  static std::string MatchExpression(const std::vector<std::string>& words);
  // The FTS5 query for the `tags` column (migration 0027) that the council and the query's need
  // area, area, day and lowest CQC rating make: each tag quoted, all of them required. Built from
  // checked codes, in hex, never from the words. Public for tests.
  static std::string TagsExpression(const CouncilId& council, const market::DirectoryQuery& query);

 private:
  Result<std::vector<market::Provider>> SelectProviders(const std::string& where,
                                                        const std::vector<std::string>& params);
  Status WriteProviderParts(const market::Provider& provider);
  Status WriteServiceParts(const market::Service& service);
  // Removes a service's row from the full-text index.
  Status DeleteWords(const CouncilId& council, const ServiceId& service);
  // Rewrites the search words of these services (all of the provider's when `service` is empty).
  Status RefreshWords(const CouncilId& council, const ProviderId& provider,
                      const std::optional<ServiceId>& service);

  Connection& c_;
};

}  // namespace selfdirect::store

// The provider register and the public directory (issue #7, docs/market.md): commissioners add,
// change and remove providers and their services (Action::kMarketManage) and see which
// providers' documents are expiring; anyone, signed in or not, searches the directory and reads
// a provider's page (Action::kPublic: the directory is public, so that self-funders can use it
// too, and it holds nothing about any person).
//
//   app::Market market(store, clock, ids);
//   auto provider = market.CreateProvider(ctx, request);       // 409 naming cqc_location_id
//   auto service = market.AddService(ctx, provider->id, service_request);
//   auto found = market.Search(ctx, "E09000033", {.q = "home care", .max_price = "25"});
//
// Every change asks the policy, runs in one transaction and writes its audit entry in it; a
// refusal changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/repository.h"
#include "selfdirect/market/search.h"
#include "selfdirect/market/services.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// A provider with its services (the directory page, and the commissioner's page).
struct ProviderPage {
  Council council;
  market::Provider provider;
  std::vector<market::Service> services;
};

// A provider in the commissioner's list.
struct ProviderSummary {
  market::Provider provider;
  std::int64_t services = 0;
};

struct DirectorySearch {
  Council council;
  market::DirectoryQuery query;
  market::DirectoryResults results;
};

inline constexpr int kDefaultReminderDays = 60;

class Market {
 public:
  Market(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // ----- Commissioners (Action::kMarketManage) -----

  // Adds a provider to the actor's council. Field errors as market::ValidateProvider;
  // kConflict naming "cqc_location_id" when another provider has that CQC location id.
  Result<market::Provider> CreateProvider(const Context& ctx,
                                          const market::ProviderRequest& request);
  // Replaces a provider's fields and documents; the same errors, and kNotFound.
  Result<market::Provider> UpdateProvider(const Context& ctx, const ProviderId& id,
                                          const market::ProviderRequest& request);
  // Removes a provider and its services from the register and the directory.
  Status DeleteProvider(const Context& ctx, const ProviderId& id);
  // Every provider of the council, by name, with how many services each has.
  Result<std::vector<ProviderSummary>> ListProviders(const Context& ctx);
  // One provider with its documents and services.
  Result<ProviderPage> GetProvider(const Context& ctx, const ProviderId& id);

  // Adds a service to a provider (kNotFound when there is no such provider); field errors as
  // market::ValidateService ("price" for zero or less).
  Result<market::Service> AddService(const Context& ctx, const ProviderId& provider,
                                     const market::ServiceRequest& request);
  Result<market::Service> UpdateService(const Context& ctx, const ServiceId& id,
                                        const market::ServiceRequest& request);
  Status DeleteService(const Context& ctx, const ServiceId& id);

  // Documents expired or expiring within `within_days` days (0 to 366; field "within_days"),
  // soonest first.
  Result<std::vector<market::ExpiringDocument>> ExpiringDocuments(const Context& ctx,
                                                                  int within_days);

  // The adult social care scheme's approved list setting (off until set), and setting it.
  Result<market::ApprovedListSetting> ApprovedList(const Context& ctx);
  Result<market::ApprovedListSetting> SetApprovedList(const Context& ctx, bool required);

  // The market-shaping view on today's date (market::Shape): demand per kind of support, the
  // services losing people, items still to be chosen more than `unmet_after_days` (1 to 365;
  // field "unmet_after_days") after sign-off, and providers' revenue concentration (each item at
  // its recurring cost a year with the adult scheme's weeks per year). Aggregates only.
  Result<market::MarketShaping> Shaping(const Context& ctx, int unmet_after_days);

  // ----- The public directory (Action::kPublic) -----

  // The council a directory request is for: the code given, else the signed-in actor's own.
  // Field error "council" when neither; kNotFound for an unknown code.
  Result<Council> DirectoryCouncil(const Context& ctx, const std::string& council_code);
  // Searches the council's directory. Field errors as market::ValidateDirectoryQuery ("q" for
  // a query over 200 characters); never an error for what the words contain.
  Result<DirectorySearch> Search(const Context& ctx, const std::string& council_code,
                                 const market::DirectoryQueryRequest& request);
  // A provider's public page: directory fields and its services (documents are left out).
  Result<ProviderPage> PublicProvider(const Context& ctx, const std::string& council_code,
                                      const ProviderId& id);

 private:
  Result<market::Provider> SaveProvider(const Context& ctx, const std::optional<ProviderId>& id,
                                        const market::ProviderRequest& request);
  Result<market::Service> SaveService(const Context& ctx, const std::optional<ProviderId>& provider,
                                      const std::optional<ServiceId>& id,
                                      const market::ServiceRequest& request);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app

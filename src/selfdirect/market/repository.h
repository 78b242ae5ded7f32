// What the provider register, the directory and the approved list need from the store.
// Implemented in store/ (sqlite_market.cc); every method runs inside the caller's transaction
// (store::Transaction::Market()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/search.h"
#include "selfdirect/market/services.h"
#include "selfdirect/market/shaping.h"

namespace selfdirect::market {

// A service found by a search, with its provider.
struct DirectoryHit {
  Service service;
  Provider provider;  // without documents
};

// The most matches a search counts: beyond it the total says "more than" (a search that broad
// needs narrowing, and counting every match of a common word is what made searches slow).
inline constexpr std::int64_t kDirectoryCountCap = 1000;

struct DirectoryResults {
  std::int64_t total = 0;  // every match, not just this page; at most kDirectoryCountCap
  bool more = false;       // more than `total` (= kDirectoryCountCap) match
  std::vector<DirectoryHit> hits;
};

class MarketRepository {
 public:
  virtual ~MarketRepository() = default;

  // ----- Providers -----
  // Stores a new provider with its documents. kConflict naming "cqc_location_id" when another
  // provider of the council has the same CQC location id.
  virtual Status AddProvider(const Provider& provider) = 0;
  // Replaces a provider's fields and documents (and refreshes its services' search text). The
  // same kConflict as AddProvider; kNotFound when there is no such provider.
  virtual Status UpdateProvider(const Provider& provider) = 0;
  // Removes a provider with its services and documents. kNotFound when there is none.
  virtual Status DeleteProvider(const CouncilId& council, const ProviderId& id) = 0;
  virtual Result<std::optional<Provider>> FindProvider(const CouncilId& council,
                                                       const ProviderId& id) = 0;
  // The provider whose name has this NameKey, if any (the first by name when several do).
  virtual Result<std::optional<Provider>> FindProviderByName(const CouncilId& council,
                                                             const std::string& name_key) = 0;
  // Every provider of the council with its documents, by name.
  virtual Result<std::vector<Provider>> Providers(const CouncilId& council) = 0;

  // ----- Services -----
  // Stores a new service of an existing provider. kNotFound when the provider is not there.
  virtual Status AddService(const Service& service) = 0;
  // Replaces a service's fields. kNotFound when there is no such service.
  virtual Status UpdateService(const Service& service) = 0;
  virtual Status DeleteService(const CouncilId& council, const ServiceId& id) = 0;
  virtual Result<std::optional<Service>> FindService(const CouncilId& council,
                                                     const ServiceId& id) = 0;
  // A provider's services, by what they are.
  virtual Result<std::vector<Service>> ServicesOf(const CouncilId& council,
                                                  const ProviderId& provider) = 0;

  // ----- The directory -----
  // Services matching every part of the query (each word a prefix of a word in the provider's
  // or the service's text), cheapest first then by provider and service name; at most
  // query.limit from query.offset, with the total (counted up to kDirectoryCountCap).
  virtual Result<DirectoryResults> Search(const CouncilId& council,
                                          const DirectoryQuery& query) = 0;

  // ----- The approved list setting, per scheme (off when never set) -----
  virtual Result<ApprovedListSetting> ApprovedList(const CouncilId& council,
                                                   const SchemeId& scheme) = 0;
  virtual Status SetApprovedList(const CouncilId& council, const SchemeId& scheme,
                                 const ApprovedListSetting& setting, Timestamp at,
                                 const UserId& by) = 0;

  // ----- Market shaping (aggregates; nothing here is shown by name) -----
  // Every support plan version that was approved, from the day of its approval, with the
  // person's postcode and its items' services, kinds and suppliers.
  virtual Result<std::vector<ApprovedPlan>> ApprovedPlans(const CouncilId& council) = 0;
  // Each case closure: (person, the day it took effect).
  virtual Result<std::vector<std::pair<std::string, Date>>> Closures(const CouncilId& council) = 0;
  // Every service of the directory with its provider's name, by provider then service.
  virtual Result<std::vector<ServiceInfo>> AllServices(const CouncilId& council) = 0;
};

}  // namespace selfdirect::market

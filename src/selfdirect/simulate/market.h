// The demo council's local market: the providers in its directory and the services they offer,
// drawn before any plan is written so that plans can buy from them. A fixed list of providers
// (the ones the plans name, and a few more that nobody happens to use yet) with their CQC
// registrations, ratings, areas and documents drawn from the seed's "market" stream.
//
//   std::vector<SyntheticProvider> market = GenerateMarket(options);
//   ServiceRef ref = FindService(market, "Millbrook Day Centre", kind);   // for a plan item
//
// The market stage comes before the plans; the plans refer to its services by ServiceRef, and
// the loader turns each into the directory's id when it writes the plan.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/pence.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/services.h"

namespace selfdirect::simulate {

struct CouncilOptions;

// One provider and what it offers, as the directory's own requests.
struct SyntheticProvider {
  market::ProviderRequest request;
  std::vector<market::ServiceRequest> services;
  std::vector<Pence> prices;  // each service's price, as `services[i].price` says it
};

// A service in the generated market: indexes into the providers and their services. A plan item
// with no directory service (a personal assistant, a gym) has `provider` −1.
struct ServiceRef {
  int provider = -1;
  int service = -1;
  bool found() const { return provider >= 0; }
};

// The providers, the same for the same seed. Ratings are dated before the demo's history begins
// (when the directory is written); documents expire after `options.as_of`, one provider's
// insurance within a month of it (a reminder to show).
std::vector<SyntheticProvider> GenerateMarket(const CouncilOptions& options);

// The service `what` from the provider named `provider`; not found() when there is none.
ServiceRef FindService(const std::vector<SyntheticProvider>& market, std::string_view provider,
                       std::string_view what);

// The services plans buy, by what the directory calls them.
inline constexpr std::string_view kServiceHomeCare = "Home care visits";
inline constexpr std::string_view kServiceSupportedLiving = "Supported living";
inline constexpr std::string_view kServiceFloatingSupport = "Floating support";
inline constexpr std::string_view kServiceDayOpportunities = "Day opportunities";
inline constexpr std::string_view kServicePeerGroup = "Peer support group";
inline constexpr std::string_view kServiceDayCentre = "Day centre with lunch";
inline constexpr std::string_view kServiceLunchClub = "Lunch club and activities";
inline constexpr std::string_view kServiceAlarm = "Pendant alarm and response";
inline constexpr std::string_view kServiceRespite = "Respite break";
inline constexpr std::string_view kServiceRiserChair = "Riser-recliner chair";

// The provider whose day centre loses its users over the demo's last two years (people choose
// the community hub instead), for the commissioner's decommissioning-risk list.
inline constexpr std::string_view kDecliningProvider = "Millbrook Day Centre";
// Where they go instead.
inline constexpr std::string_view kCommunityHub = "Hartside Community Hub";

}  // namespace selfdirect::simulate

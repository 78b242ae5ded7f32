#include "selfdirect/simulate/market.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "selfdirect/core/calendar.h"
#include "selfdirect/simulate/council.h"
#include "selfdirect/simulate/random.h"

namespace selfdirect::simulate {
namespace {

struct OfferSpec {
  std::string_view what;
  std::string_view description;
  std::string_view unit;
  std::int64_t price;  // pence a unit
  std::string_view availability;
  std::string_view days;   // "mon tue …"
  std::string_view needs;  // need area codes, space-separated
  std::string_view type;   // market::ServiceTypeName
  bool approved;
};

struct ProviderSpec {
  std::string_view name;
  std::string_view description;
  std::string_view areas;  // postcode districts, space-separated
  std::string_view address;
  bool cqc_registered;
  bool framework;
  std::span<const OfferSpec> offers;
};

constexpr std::string_view kEveryDay = "mon tue wed thu fri sat sun";
constexpr std::string_view kWeekdays = "mon tue wed thu fri";

constexpr OfferSpec kHomeCare[] = {
    {kServiceHomeCare,
     "Visits at home to help you get up, washed and dressed, with meals and to bed.", "hour", 2460,
     "Every day, 7am to 10pm", kEveryDay, "hygiene toilet clothing nutrition", "home_care", true},
};
constexpr OfferSpec kSupport[] = {
    {kServiceSupportedLiving,
     "Support workers who help you run your own home: cooking, money, bills and getting about.",
     "hour", 2140, "Every day, by arrangement", kEveryDay, "habitable_home nutrition home_safety",
     "supported_living", true},
    {kServiceFloatingSupport,
     "A support worker who helps you get out, keep on top of day-to-day things and stay well.",
     "hour", 2310, "Weekdays and Saturday mornings", "mon tue wed thu fri sat",
     "community habitable_home relationships", "other", true},
    {kServiceDayOpportunities,
     "Days out and activities with a small group of friends: college, sport, cafés.", "day", 6800,
     "Weekdays, 10am to 3pm", kWeekdays, "community relationships work_learning",
     "community_activity", true},
    {kServicePeerGroup,
     "A weekly group with people who understand, led by someone who has been there.", "session",
     1800, "Tuesday and Thursday evenings", "tue thu", "relationships community",
     "community_activity", false},
};
constexpr OfferSpec kDayCentreOffer[] = {
    {kServiceDayCentre,
     "A day at the centre with lunch, activities and company; transport can be arranged.", "day",
     6200, "Weekdays, 9.30am to 3.30pm", kWeekdays, "nutrition relationships community",
     "day_centre", true},
};
constexpr OfferSpec kHubOffer[] = {
    {kServiceLunchClub,
     "A lunch club with activities run with local volunteers: crafts, a walking group, a choir.",
     "day", 4500, "Weekdays, 10.30am to 2.30pm", kWeekdays, "nutrition relationships community",
     "community_activity", true},
};
constexpr OfferSpec kAlarmOffer[] = {
    {kServiceAlarm, "A pendant alarm that calls our response team, day and night.", "week", 525,
     "Day and night, every day", kEveryDay, "home_safety", "other", true},
};
constexpr OfferSpec kCareHomeOffers[] = {
    {kServiceRespite, "A week's stay with care, so that you and your carer can have a break.",
     "week", 91000, "By booking, most weeks of the year", kEveryDay,
     "hygiene nutrition home_safety", "respite", true},
    {"Residential care", "A room with care day and night.", "week", 95000, "When a room is free",
     kEveryDay, "hygiene toilet nutrition home_safety clothing", "residential", true},
};
constexpr OfferSpec kEquipmentOffer[] = {
    {kServiceRiserChair, "A riser-recliner chair, delivered and fitted to you.", "item", 45000,
     "Delivery within two weeks", "", "home_safety", "equipment", false},
};
constexpr OfferSpec kTransportOffer[] = {
    {"Door-to-door community transport", "A minibus with a ramp, booked the day before.", "session",
     850, "Weekdays, 8am to 6pm", kWeekdays, "community", "transport", false},
};
constexpr OfferSpec kEmploymentOffer[] = {
    {"Supported employment coaching", "A job coach to help you find work and settle into it.",
     "session", 3500, "Weekdays, by appointment", kWeekdays, "work_learning", "employment_support",
     false},
};

constexpr ProviderSpec kProviders[] = {
    {"Riverside Home Care", "Home care across the north of the county since 1998.",
     "DZ1 DZ2 DZ3 DZ4", "Unit 4, Riverside Works, Mill Lane, Ashby Vale DZ1 4AB", true, true,
     kHomeCare},
    {"Brightwater Care at Home", "A family-run home care agency.", "DZ3 DZ4 DZ5 DZ6 DZ7",
     "12 High Street, Northgate DZ3 2GH", true, true, kHomeCare},
    {"Oakfield Homecare", "Home care in the south and the villages.", "DZ5 DZ6 DZ7 DZ8 DZ9",
     "3 Chapel Row, Kingsbridge DZ5 1QS", true, false, kHomeCare},
    {"Castle Supported Living", "Support for people with learning disabilities to live well.",
     "DZ1 DZ2 DZ3 DZ4 DZ5", "Castle House, Castle View, Ashby Vale DZ2 7LP", true, true, kSupport},
    {"Pathways Support", "Support that follows what you want from life.",
     "DZ1 DZ2 DZ3 DZ4 DZ5 DZ6 DZ7 DZ8 DZ9", "Pathways Centre, Station Road, Northgate DZ4 3TR",
     true, true, kSupport},
    {"Open Door Recovery", "Recovery-focused support for people with mental health needs.",
     "DZ3 DZ4 DZ5 DZ6", "8 Brook Street, Northgate DZ3 9EW", true, false, kSupport},
    {"Northgate Support", "A small local team: the same faces every week.", "DZ3 DZ4",
     "The Old School, Quarry Hill, Northgate DZ4 6NB", true, false, kSupport},
    {kDecliningProvider, "The council's day centre for older people, open since 1974.",
     "DZ1 DZ2 DZ3 DZ4 DZ5", "Millbrook Road, Ashby Vale DZ1 8DX", false, true, kDayCentreOffer},
    {"Harbour Lights Day Service", "A day service by the harbour for older people.",
     "DZ5 DZ6 DZ7 DZ8 DZ9", "Harbour Walk, Saltmarsh DZ6 2HL", false, true, kDayCentreOffer},
    {kCommunityHub, "A community centre run by local people, with a lunch club every weekday.",
     "DZ1 DZ2 DZ3 DZ4 DZ5 DZ6 DZ7 DZ8 DZ9",
     "Hartside Community Centre, Meadow Way, Ashby Vale DZ2 5RU", false, false, kHubOffer},
    {"Careline Response", "Pendant alarms and a 24-hour response team.",
     "DZ1 DZ2 DZ3 DZ4 DZ5 DZ6 DZ7 DZ8 DZ9", "PO Box 77, Northgate DZ3 1AA", false, true,
     kAlarmOffer},
    {"Elmwood Care Home", "A care home for 40 older people with respite rooms.",
     "DZ1 DZ2 DZ3 DZ4 DZ5 DZ6 DZ7 DZ8 DZ9", "Elmwood, Elm Grove, Upper Denton DZ8 3PF", true, true,
     kCareHomeOffers},
    {"Mobility Store", "Mobility aids and chairs, with home fitting.",
     "DZ1 DZ2 DZ3 DZ4 DZ5 DZ6 DZ7 DZ8 DZ9", "Retail Park, Kingsbridge DZ5 4MS", false, false,
     kEquipmentOffer},
    {"Kingsbridge Community Transport", "A charity running accessible minibuses.",
     "DZ5 DZ6 DZ7 DZ8 DZ9", "The Depot, Windmill Rise, Kingsbridge DZ5 7WR", false, false,
     kTransportOffer},
    {"Fenwick Works", "Job coaching for disabled people and people in recovery.", "DZ8 DZ9",
     "14 Park Avenue, Fenwick DZ9 2PA", false, false, kEmploymentOffer},
};

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) out.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string Slug(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<SyntheticProvider> GenerateMarket(const CouncilOptions& options) {
  Random random = StageStream(options.seed, "market");
  const Date today = options.as_of;
  std::vector<SyntheticProvider> market;
  market.reserve(std::size(kProviders));
  int index = 0;
  for (const ProviderSpec& spec : kProviders) {
    SyntheticProvider p;
    market::ProviderRequest& r = p.request;
    r.name = spec.name;
    r.description = spec.description;
    r.areas = Words(spec.areas);
    r.address = spec.address;
    // Ofcom keeps 01632 960000–960999 for drama: never a real line.
    r.phone = fmt::format("01632 960{:03}", random.Below(1000));
    r.email = fmt::format("info@{}.example", Slug(spec.name));
    r.contract = spec.framework ? "framework" : "spot";
    if (spec.cqc_registered) {
      r.cqc_location_id = fmt::format("1-{}", random.Between(100'000'000, 999'999'999));
      const std::uint64_t roll = random.Below(100);
      r.cqc_rating = roll < 6    ? "outstanding"
                     : roll < 78 ? "good"
                     : roll < 96 ? "requires_improvement"
                                 : "inadequate";
      // Rated before the demo's history begins: the directory is written then.
      r.cqc_rated_on = FormatIsoDate(AddDays(AddMonths(today, -12 * options.years),
                                             -static_cast<int>(random.Between(30, 900))));
    }
    // Insurance, renewed each year; one provider's runs out within the month.
    const int insurance_days = index == 2 ? 19 : static_cast<int>(random.Between(45, 360));
    r.documents.push_back({"insurance", "Public and employers' liability insurance",
                           FormatIsoDate(AddDays(today, insurance_days))});
    if (spec.framework) {
      r.documents.push_back(
          {"contract", "Framework agreement",
           FormatIsoDate(AddDays(today, static_cast<int>(random.Between(200, 900))))});
    }
    for (const OfferSpec& o : spec.offers) {
      market::ServiceRequest s;
      s.what = o.what;
      s.description = o.description;
      s.unit = o.unit;
      s.price = fmt::format("{}.{:02}", o.price / 100, o.price % 100);
      s.availability = o.availability;
      s.days = Words(o.days);
      s.need_areas = Words(o.needs);
      s.service_type = o.type;
      s.approved = o.approved;
      p.services.push_back(std::move(s));
      p.prices.push_back(Pence(o.price));
    }
    market.push_back(std::move(p));
    ++index;
  }
  return market;
}

ServiceRef FindService(const std::vector<SyntheticProvider>& market, std::string_view provider,
                       std::string_view what) {
  for (std::size_t p = 0; p < market.size(); ++p) {
    if (market[p].request.name != provider) continue;
    for (std::size_t s = 0; s < market[p].services.size(); ++s) {
      if (market[p].services[s].what == what) {
        return {static_cast<int>(p), static_cast<int>(s)};
      }
    }
  }
  return {};
}

}  // namespace selfdirect::simulate

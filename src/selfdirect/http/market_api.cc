// The provider register and directory API. Thin: the request in, one Market use case, JSON out.
#include "selfdirect/http/market_api.h"

#include <boost/json.hpp>
#include <charconv>

#include "selfdirect/http/json_fields.h"
#include "selfdirect/http/problem.h"

namespace selfdirect::http {
namespace json = boost::json;
namespace {

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& i : items) out.emplace_back(i);
  return out;
}

json::value DateOrNull(const std::optional<Date>& d) {
  return d ? json::value(FormatIsoDate(*d)) : json::value(nullptr);
}

// The directory's fields of a provider: what anyone may read.
json::object PublicProviderJson(const market::Provider& p) {
  return {{"id", p.id.str()},
          {"name", p.name},
          {"description", p.description},
          {"cqc_location_id",
           p.cqc_location_id.empty() ? json::value(nullptr) : json::value(p.cqc_location_id)},
          {"cqc_rating",
           p.cqc_rating ? json::value(market::CqcRatingName(*p.cqc_rating)) : json::value(nullptr)},
          {"cqc_rating_label", p.cqc_rating ? json::value(market::CqcRatingLabel(*p.cqc_rating))
                                            : json::value(nullptr)},
          {"cqc_rated_on", DateOrNull(p.cqc_rated_on)},
          {"areas", Strings(p.areas)},
          {"phone", p.phone},
          {"email", p.email},
          {"address", p.address}};
}

// A commissioner's view: the directory's fields, the contract and the documents.
json::object ProviderJson(const market::Provider& p) {
  json::object o = PublicProviderJson(p);
  json::array documents;
  for (const market::ProviderDocument& d : p.documents) {
    documents.push_back({{"kind", market::DocumentKindName(d.kind)},
                         {"kind_label", market::DocumentKindLabel(d.kind)},
                         {"title", d.title},
                         {"expires_on", FormatIsoDate(d.expires_on)}});
  }
  o["contract"] = market::ContractKindName(p.contract);
  o["contract_label"] = market::ContractKindLabel(p.contract);
  o["documents"] = std::move(documents);
  o["created_at"] = FormatTimestamp(p.created_at);
  o["updated_at"] = FormatTimestamp(p.updated_at);
  return o;
}

json::object ServiceJson(const market::Service& s) {
  json::array days, needs;
  for (market::Weekday d : market::DaysOf(s.days)) days.emplace_back(market::WeekdayName(d));
  for (const std::string& n : s.need_areas) needs.emplace_back(n);
  return {{"id", s.id.str()},
          {"provider_id", s.provider.str()},
          {"what", s.what},
          {"description", s.description},
          {"unit", market::ServiceUnitName(s.unit)},
          {"price_pence", s.price.value()},
          {"price", FormatPounds(s.price)},
          {"availability", s.availability},
          {"days", days},
          {"need_areas", needs},
          {"service_type", market::ServiceTypeName(s.type)},
          {"service_type_label", market::ServiceTypeLabel(s.type)},
          {"traditional_menu", s.traditional_menu()},
          {"approved", s.approved}};
}

json::object CouncilJson(const Council& c) { return {{"code", c.code}, {"name", c.name}}; }

json::object PageJson(const app::ProviderPage& page, bool staff) {
  json::array services;
  for (const auto& s : page.services) services.push_back(ServiceJson(s));
  return {{"council", CouncilJson(page.council)},
          {"provider", staff ? ProviderJson(page.provider) : PublicProviderJson(page.provider)},
          {"services", services}};
}

// Like ProblemFromError, but a conflict keeps the field it names ("cqc_location_id").
Response MarketProblem(const Error& e) {
  if (e.code == ErrorCode::kConflict && !e.fields.empty()) {
    return Problem(409, "conflict", "That conflicts with what is already recorded", e.message,
                   e.fields);
  }
  return ProblemFromError(e);
}

// A list of strings at `name`; each problem named ("areas", "areas[2]").
std::vector<std::string> StringList(const json::object& o, const char* name,
                                    std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array()) {
    errors.push_back({name, std::string("Send ") + name + " as a list of text"});
    return out;
  }
  const auto& items = v->as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string()) {
      errors.push_back({std::string(name) + "[" + std::to_string(i) + "]", "Enter this as text"});
      continue;
    }
    out.emplace_back(items[i].as_string());
  }
  return out;
}

std::variant<market::ProviderRequest, Response> ProviderRequestOf(const Request& request) {
  auto body = ReadObject(request);
  if (auto* problem = std::get_if<Response>(&body)) return *problem;
  const json::object& o = std::get<json::object>(body);
  Fields f(o);
  market::ProviderRequest r;
  r.name = f.String("name");
  r.description = f.String("description");
  r.cqc_location_id = f.String("cqc_location_id");
  r.cqc_rating = f.String("cqc_rating");
  r.cqc_rated_on = f.String("cqc_rated_on");
  r.phone = f.String("phone");
  r.email = f.String("email");
  r.address = f.String("address");
  r.contract = f.String("contract");
  f.Known("areas");
  f.Known("documents");
  auto errors = f.Finish();
  r.areas = StringList(o, "areas", errors);
  if (const auto* docs = o.if_contains("documents"); docs != nullptr && !docs->is_null()) {
    if (!docs->is_array()) {
      errors.push_back({"documents", "Send documents as a list"});
    } else {
      const auto& items = docs->as_array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string prefix = "documents[" + std::to_string(i) + "].";
        if (!items[i].is_object()) {
          errors.push_back({"documents[" + std::to_string(i) + "]",
                            "Send each document as an object with kind, title and expires_on"});
          continue;
        }
        Fields d(items[i].as_object());
        market::DocumentRequest doc;
        doc.kind = d.String("kind");
        doc.title = d.String("title");
        doc.expires_on = d.String("expires_on");
        for (FieldError& e : d.Finish()) {
          e.field = prefix + e.field;
          errors.push_back(std::move(e));
        }
        r.documents.push_back(std::move(doc));
      }
    }
  }
  if (!errors.empty()) return ValidationProblem(std::move(errors));
  return r;
}

std::variant<market::ServiceRequest, Response> ServiceRequestOf(const Request& request) {
  auto body = ReadObject(request);
  if (auto* problem = std::get_if<Response>(&body)) return *problem;
  const json::object& o = std::get<json::object>(body);
  Fields f(o);
  market::ServiceRequest r;
  r.what = f.String("what");
  r.description = f.String("description");
  r.unit = f.String("unit");
  r.price = f.String("price");
  r.availability = f.String("availability");
  r.service_type = f.String("service_type");
  f.Known("days");
  f.Known("need_areas");
  f.Known("approved");
  auto errors = f.Finish();
  r.days = StringList(o, "days", errors);
  r.need_areas = StringList(o, "need_areas", errors);
  if (const auto* a = o.if_contains("approved"); a != nullptr && !a->is_null()) {
    if (!a->is_bool()) {
      errors.push_back({"approved", "Send approved as true or false"});
    } else {
      r.approved = a->as_bool();
    }
  }
  if (!errors.empty()) return ValidationProblem(std::move(errors));
  return r;
}

json::object CodesJson() {
  json::array needs, types, units, ratings, days;
  for (const market::NeedArea& n : market::NeedAreas()) {
    needs.push_back({{"code", n.code}, {"label", n.label}});
  }
  for (market::ServiceType t : market::AllServiceTypes()) {
    types.push_back({{"code", market::ServiceTypeName(t)},
                     {"label", market::ServiceTypeLabel(t)},
                     {"traditional_menu", market::OnTraditionalMenu(t)}});
  }
  for (market::ServiceUnit u :
       {market::ServiceUnit::kHour, market::ServiceUnit::kDay, market::ServiceUnit::kSession,
        market::ServiceUnit::kItem, market::ServiceUnit::kWeek}) {
    units.push_back({{"code", market::ServiceUnitName(u)}, {"label", market::ServiceUnitName(u)}});
  }
  for (market::CqcRating r : {market::CqcRating::kOutstanding, market::CqcRating::kGood,
                              market::CqcRating::kRequiresImprovement,
                              market::CqcRating::kInadequate, market::CqcRating::kNotYetRated}) {
    ratings.push_back({{"code", market::CqcRatingName(r)}, {"label", market::CqcRatingLabel(r)}});
  }
  for (int i = 0; i < 7; ++i) {
    const auto d = static_cast<market::Weekday>(i);
    days.push_back({{"code", market::WeekdayName(d)}, {"label", market::WeekdayLabel(d)}});
  }
  return {{"need_areas", needs},
          {"service_types", types},
          {"units", units},
          {"cqc_ratings", ratings},
          {"days", days}};
}

}  // namespace

void RegisterMarketApi(Router& router, app::Market& market) {
  // ----- The public directory -----
  router.Add("GET", "/api/directory/codes", "directory.codes", Action::kPublic,
             [](const Request&, const PathParams&) { return JsonResponse(200, CodesJson()); });

  router.Add("GET", "/api/directory/search", "directory.search", Action::kPublic,
             [&market](const Request& request, const PathParams&) {
               market::DirectoryQueryRequest q;
               q.q = request.QueryParam("q");
               q.need_area = request.QueryParam("need_area");
               q.area = request.QueryParam("area");
               q.day = request.QueryParam("day");
               q.max_price = request.QueryParam("max_price");
               q.min_rating = request.QueryParam("min_rating");
               q.limit = request.QueryParam("limit");
               q.offset = request.QueryParam("offset");
               auto found = market.Search(request.ctx, request.QueryParam("council"), q);
               if (!found) return ProblemFromError(found.error());
               json::array results;
               for (const market::DirectoryHit& h : found->results.hits) {
                 json::object item = ServiceJson(h.service);
                 item["provider"] = PublicProviderJson(h.provider);
                 results.push_back(std::move(item));
               }
               return JsonResponse(200, {{"council", CouncilJson(found->council)},
                                         {"searched", market::Searched(found->query)},
                                         {"total", found->results.total},
                                         {"more", found->results.more},
                                         {"limit", found->query.limit},
                                         {"offset", found->query.offset},
                                         {"results", results}});
             });

  router.Add("GET", "/api/directory/providers/{provider}", "directory.provider", Action::kPublic,
             [&market](const Request& request, const PathParams& params) {
               auto id = PathId<ProviderId>(params, "provider");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto page = market.PublicProvider(request.ctx, request.QueryParam("council"),
                                                 std::get<ProviderId>(id));
               if (!page) return ProblemFromError(page.error());
               return JsonResponse(200, PageJson(*page, false));
             });

  // ----- Commissioners -----
  router.Add("GET", "/api/providers", "providers.list", Action::kMarketManage,
             [&market](const Request& request, const PathParams&) {
               auto list = market.ListProviders(request.ctx);
               if (!list) return ProblemFromError(list.error());
               json::array providers;
               for (const app::ProviderSummary& s : *list) {
                 json::object o = ProviderJson(s.provider);
                 o["services"] = s.services;
                 providers.push_back(std::move(o));
               }
               return JsonResponse(200, {{"providers", providers}});
             });

  router.Add("POST", "/api/providers", "providers.create", Action::kMarketManage,
             [&market](const Request& request, const PathParams&) {
               auto r = ProviderRequestOf(request);
               if (auto* problem = std::get_if<Response>(&r)) return *problem;
               auto created =
                   market.CreateProvider(request.ctx, std::get<market::ProviderRequest>(r));
               if (!created) return MarketProblem(created.error());
               Response out = JsonResponse(201, ProviderJson(*created));
               out.SetHeader("Location", "/api/providers/" + created->id.str());
               return out;
             });

  router.Add("GET", "/api/providers/{provider}", "providers.get", Action::kMarketManage,
             [&market](const Request& request, const PathParams& params) {
               auto id = PathId<ProviderId>(params, "provider");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto page = market.GetProvider(request.ctx, std::get<ProviderId>(id));
               if (!page) return ProblemFromError(page.error());
               return JsonResponse(200, PageJson(*page, true));
             });

  router.Add("PUT", "/api/providers/{provider}", "providers.update", Action::kMarketManage,
             [&market](const Request& request, const PathParams& params) {
               auto id = PathId<ProviderId>(params, "provider");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto r = ProviderRequestOf(request);
               if (auto* problem = std::get_if<Response>(&r)) return *problem;
               auto updated = market.UpdateProvider(request.ctx, std::get<ProviderId>(id),
                                                    std::get<market::ProviderRequest>(r));
               if (!updated) return MarketProblem(updated.error());
               return JsonResponse(200, ProviderJson(*updated));
             });

  router.Add("DELETE", "/api/providers/{provider}", "providers.delete", Action::kMarketManage,
             [&market](const Request& request, const PathParams& params) {
               auto id = PathId<ProviderId>(params, "provider");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto deleted = market.DeleteProvider(request.ctx, std::get<ProviderId>(id));
               if (!deleted) return ProblemFromError(deleted.error());
               Response out;
               out.status = 204;
               return out;
             });

  router.Add("POST", "/api/providers/{provider}/services", "services.create", Action::kMarketManage,
             [&market](const Request& request, const PathParams& params) {
               auto id = PathId<ProviderId>(params, "provider");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto r = ServiceRequestOf(request);
               if (auto* problem = std::get_if<Response>(&r)) return *problem;
               auto created = market.AddService(request.ctx, std::get<ProviderId>(id),
                                                std::get<market::ServiceRequest>(r));
               if (!created) return MarketProblem(created.error());
               return JsonResponse(201, ServiceJson(*created));
             });

  router.Add("PUT", "/api/services/{service}", "services.update", Action::kMarketManage,
             [&market](const Request& request, const PathParams& params) {
               auto id = PathId<ServiceId>(params, "service");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto r = ServiceRequestOf(request);
               if (auto* problem = std::get_if<Response>(&r)) return *problem;
               auto updated = market.UpdateService(request.ctx, std::get<ServiceId>(id),
                                                   std::get<market::ServiceRequest>(r));
               if (!updated) return MarketProblem(updated.error());
               return JsonResponse(200, ServiceJson(*updated));
             });

  router.Add("DELETE", "/api/services/{service}", "services.delete", Action::kMarketManage,
             [&market](const Request& request, const PathParams& params) {
               auto id = PathId<ServiceId>(params, "service");
               if (auto* problem = std::get_if<Response>(&id)) return *problem;
               auto deleted = market.DeleteService(request.ctx, std::get<ServiceId>(id));
               if (!deleted) return ProblemFromError(deleted.error());
               Response out;
               out.status = 204;
               return out;
             });

  router.Add("GET", "/api/provider-documents/expiring", "provider-documents.expiring",
             Action::kMarketManage, [&market](const Request& request, const PathParams&) {
               int days = app::kDefaultReminderDays;
               if (const std::string text = request.QueryParam("within_days"); !text.empty()) {
                 const auto [end, ec] =
                     std::from_chars(text.data(), text.data() + text.size(), days);
                 if (ec != std::errc() || end != text.data() + text.size()) {
                   return ValidationProblem(
                       {{"within_days", "Enter how many days ahead as a whole number"}});
                 }
               }
               auto due = market.ExpiringDocuments(request.ctx, days);
               if (!due) return ProblemFromError(due.error());
               json::array documents;
               for (const market::ExpiringDocument& d : *due) {
                 documents.push_back({{"provider_id", d.provider.str()},
                                      {"provider_name", d.provider_name},
                                      {"kind", market::DocumentKindName(d.document.kind)},
                                      {"kind_label", market::DocumentKindLabel(d.document.kind)},
                                      {"title", d.document.title},
                                      {"expires_on", FormatIsoDate(d.document.expires_on)},
                                      {"days_left", d.days_left},
                                      {"expired", d.expired()},
                                      {"words", market::ExpiryWords(d)}});
               }
               return JsonResponse(200, {{"within_days", days}, {"documents", documents}});
             });

  router.Add("GET", "/api/market/approved-list", "approved-list.get", Action::kMarketManage,
             [&market](const Request& request, const PathParams&) {
               auto setting = market.ApprovedList(request.ctx);
               if (!setting) return ProblemFromError(setting.error());
               return JsonResponse(200, {{"required", setting->required}});
             });

  router.Add("PUT", "/api/market/approved-list", "approved-list.set", Action::kMarketManage,
             [&market](const Request& request, const PathParams&) {
               auto body = ReadObject(request);
               if (auto* problem = std::get_if<Response>(&body)) return *problem;
               const json::object& o = std::get<json::object>(body);
               Fields f(o);
               f.Known("required");
               auto errors = f.Finish();
               const auto* v = o.if_contains("required");
               if (v == nullptr || !v->is_bool()) {
                 errors.push_back({"required", "Send required as true or false"});
               }
               if (!errors.empty()) return ValidationProblem(std::move(errors));
               auto setting = market.SetApprovedList(request.ctx, v->as_bool());
               if (!setting) return ProblemFromError(setting.error());
               return JsonResponse(200, {{"required", setting->required}});
             });

  router.Add(
      "GET", "/api/market/shaping", "market-shaping.get", Action::kMarketManage,
      [&market](const Request& request, const PathParams&) {
        int days = 28;
        if (const std::string text = request.QueryParam("unmet_after_days"); !text.empty()) {
          const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
          if (ec != std::errc() || end != text.data() + text.size()) {
            return ValidationProblem(
                {{"unmet_after_days", "Enter a number of days from 1 to 365, like 28"}});
          }
        }
        auto view = market.Shaping(request.ctx, days);
        if (!view) return ProblemFromError(view.error());
        json::array kinds;
        for (const std::string& k : view->kinds) kinds.push_back(json::value(k));
        json::array demand;
        for (const market::DemandPoint& p : view->demand) {
          json::array people;
          for (std::int64_t n : p.people) people.push_back(n);
          demand.push_back({{"on", FormatIsoDate(p.on)}, {"people", people}});
        }
        json::array declining;
        for (const market::DecliningService& d : view->declining) {
          json::array trend;
          for (std::int64_t n : d.trend) trend.push_back(n);
          json::array moved;
          for (const market::MovedTo& m : d.moved_to) {
            moved.push_back({{"label", m.label}, {"people", m.people}});
          }
          json::array needs;
          for (const std::string& code : d.service.need_areas) {
            const market::NeedArea* area = market::FindNeedArea(code);
            needs.push_back(json::value(area != nullptr ? area->label : code));
          }
          declining.push_back({{"service_id", d.service.id.str()},
                               {"what", d.service.what},
                               {"provider_name", d.service.provider_name},
                               {"service_type_label", market::ServiceTypeLabel(d.service.type)},
                               {"traditional_menu", market::OnTraditionalMenu(d.service.type)},
                               {"need_areas", needs},
                               {"trend", trend},
                               {"people_now", d.people_now},
                               {"people_year_ago", d.people_year_ago},
                               {"change_percent", d.change_percent},
                               {"moved_to", moved}});
        }
        json::array unmet;
        for (const market::UnmetDemand& u : view->unmet) {
          unmet.push_back({{"kind_label", u.kind_label},
                           {"area", u.area},
                           {"items", u.items},
                           {"people", u.people},
                           {"longest_days", u.longest_days}});
        }
        json::array concentration;
        for (const market::Concentration& c : view->concentration) {
          concentration.push_back(
              {{"kind_label", c.kind_label},
               {"area", c.area.empty() ? json::value(nullptr) : json::value(c.area)},
               {"providers", c.providers},
               {"people", c.people},
               {"annual_pence", c.annual_pence},
               {"hhi", c.hhi},
               {"band", market::ConcentrationBandName(c.band)},
               {"band_label", market::ConcentrationBandLabel(c.band)},
               {"largest_provider_id", c.largest_provider_id},
               {"largest_provider_name", c.largest_provider_name},
               {"largest_share_basis_points", c.largest_share_basis_points}});
        }
        return JsonResponse(200, {{"today", FormatIsoDate(view->today)},
                                  {"unmet_after_days", days},
                                  {"people_in_force", view->people_in_force},
                                  {"kinds", kinds},
                                  {"demand", demand},
                                  {"declining", declining},
                                  {"unmet", unmet},
                                  {"concentration", concentration},
                                  {"concentration_suppressed", view->concentration_suppressed},
                                  {"concentration_from_people",
                                   market::ShapingOptions{}.concentration_from_people}});
      });
}

}  // namespace selfdirect::http

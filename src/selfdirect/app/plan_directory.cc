#include "selfdirect/app/plan_directory.h"

#include <fmt/format.h>

#include <algorithm>

#include "selfdirect/app/context.h"
#include "selfdirect/market/providers.h"

namespace selfdirect::app {

std::vector<FieldError> CheckServiceTypes(const casework::PlanRequest& request) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    const std::string& kind = request.items[i].service_type;
    if (!kind.empty() && !market::ParseServiceType(kind)) {
      errors.push_back({fmt::format("items[{}].service_type", i),
                        "Choose the kind of support from the list, or leave it as not said"});
    }
  }
  return errors;
}

Status CompleteFromDirectory(store::Transaction& tx, const CouncilId& council,
                             casework::PlanContent& content) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < content.items.size(); ++i) {
    casework::PlanItem& item = content.items[i];
    if (item.service_id.empty()) continue;
    auto service = tx.Market().FindService(council, ServiceId(item.service_id));
    if (!service) return tl::unexpected(service.error());
    if (!*service) {
      errors.push_back({fmt::format("items[{}].service_id", i),
                        "This service is no longer in the council's directory. Remove the item, "
                        "or find another service in Find support"});
      continue;
    }
    item.supplier = casework::Supplier::kProvider;
    item.service_type = market::ServiceTypeName((*service)->type);
    if (item.supplier_name.empty()) {
      auto provider = tx.Market().FindProvider(council, (*service)->provider);
      if (!provider) return tl::unexpected(provider.error());
      if (*provider) item.supplier_name = (*provider)->name;
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return Ok();
}

namespace {

// What the directory knows about the provider or service an item names.
Result<market::DirectoryMatch> MatchOf(store::Transaction& tx, const CouncilId& council,
                                       const casework::PlanItem& item) {
  market::DirectoryMatch match;
  std::optional<market::Provider> provider;
  if (!item.service_id.empty()) {
    auto service = tx.Market().FindService(council, ServiceId(item.service_id));
    if (!service) return tl::unexpected(service.error());
    if (*service) {
      match.service = (*service)->id;
      match.service_what = (*service)->what;
      match.service_approved = (*service)->approved;
      auto found = tx.Market().FindProvider(council, (*service)->provider);
      if (!found) return tl::unexpected(found.error());
      provider = std::move(*found);
    }
  }
  if (!provider && !item.supplier_name.empty()) {
    auto found = tx.Market().FindProviderByName(council, market::NameKey(item.supplier_name));
    if (!found) return tl::unexpected(found.error());
    provider = std::move(*found);
  }
  if (!provider) return match;
  match.provider = provider->id;
  match.provider_name = provider->name;
  auto services = tx.Market().ServicesOf(council, provider->id);
  if (!services) return tl::unexpected(services.error());
  match.approved_services = std::count_if(services->begin(), services->end(),
                                          [](const market::Service& s) { return s.approved; });
  return match;
}

}  // namespace

Result<PlanApprovals> ApprovalsOf(store::Transaction& tx, const CouncilId& council,
                                  const casework::PlanContent& content) {
  PlanApprovals out;
  out.items.resize(content.items.size());
  auto scheme = AdultScheme(tx, council);
  if (!scheme) return tl::unexpected(scheme.error());
  if (!*scheme) return out;
  auto setting = tx.Market().ApprovedList(council, (*scheme)->id);
  if (!setting) return tl::unexpected(setting.error());
  out.required = setting->required;
  if (!out.required) return out;
  for (std::size_t i = 0; i < content.items.size(); ++i) {
    const casework::PlanItem& item = content.items[i];
    if (item.supplier != casework::Supplier::kProvider) continue;
    auto match = MatchOf(tx, council, item);
    if (!match) return tl::unexpected(match.error());
    out.items[i] = market::CheckPlanItem(item, *match, *setting);
  }
  return out;
}

}  // namespace selfdirect::app

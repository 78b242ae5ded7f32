#include "selfdirect/app/market.h"

#include <fmt/format.h>

namespace selfdirect::app {
namespace {

constexpr int kMaxReminderDays = 366;

tl::unexpected<Error> NoSuchProvider() {
  return Fail(ErrorCode::kNotFound, "There is no provider at this address");
}

tl::unexpected<Error> NoSuchService() {
  return Fail(ErrorCode::kNotFound, "There is no service at this address");
}

Status Audit(store::Transaction& tx, const Context& ctx, Timestamp at, const std::string& action,
             const std::string& type, const std::string& id, const std::string& summary) {
  AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, at, action, type, id,
                                AuditOutcome::kAllowed, summary);
  return tx.Audit().Append(e);
}

}  // namespace

Result<market::Provider> Market::SaveProvider(const Context& ctx,
                                              const std::optional<ProviderId>& id,
                                              const market::ProviderRequest& request) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  auto checked = market::ValidateProvider(request, clock_.Today());
  if (!checked) return tl::unexpected(checked.error());
  market::Provider provider = std::move(*checked);
  provider.council = ctx.actor.council_id;
  provider.updated_at = clock_.Now();
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (id) {
      auto before = tx.Market().FindProvider(provider.council, *id);
      if (!before) return tl::unexpected(before.error());
      if (!*before) return NoSuchProvider();
      provider.id = *id;
      provider.created_at = (*before)->created_at;
      if (auto u = tx.Market().UpdateProvider(provider); !u) return u;
      return Audit(tx, ctx, clock_.Now(), "provider.update", "provider", provider.id.str(),
                   "changed provider " + provider.name);
    }
    provider.id = ProviderId(ids_.Next());
    provider.created_at = provider.updated_at;
    if (auto a = tx.Market().AddProvider(provider); !a) return a;
    return Audit(tx, ctx, clock_.Now(), "provider.create", "provider", provider.id.str(),
                 "added provider " + provider.name);
  });
  if (!s) return tl::unexpected(s.error());
  return provider;
}

Result<market::Provider> Market::CreateProvider(const Context& ctx,
                                                const market::ProviderRequest& request) {
  return SaveProvider(ctx, std::nullopt, request);
}

Result<market::Provider> Market::UpdateProvider(const Context& ctx, const ProviderId& id,
                                                const market::ProviderRequest& request) {
  return SaveProvider(ctx, id, request);
}

Status Market::DeleteProvider(const Context& ctx, const ProviderId& id) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return p;
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto before = tx.Market().FindProvider(ctx.actor.council_id, id);
    if (!before) return tl::unexpected(before.error());
    if (!*before) return NoSuchProvider();
    if (auto d = tx.Market().DeleteProvider(ctx.actor.council_id, id); !d) return d;
    return Audit(tx, ctx, clock_.Now(), "provider.delete", "provider", id.str(),
                 "removed provider " + (*before)->name + " and its services");
  });
}

Result<std::vector<ProviderSummary>> Market::ListProviders(const Context& ctx) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  std::vector<ProviderSummary> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto providers = tx.Market().Providers(ctx.actor.council_id);
    if (!providers) return tl::unexpected(providers.error());
    for (market::Provider& p : *providers) {
      auto services = tx.Market().ServicesOf(ctx.actor.council_id, p.id);
      if (!services) return tl::unexpected(services.error());
      out.push_back({std::move(p), static_cast<std::int64_t>(services->size())});
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<ProviderPage> Market::GetProvider(const Context& ctx, const ProviderId& id) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  ProviderPage page;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto council = tx.Councils().FindCouncil(ctx.actor.council_id);
    if (!council) return tl::unexpected(council.error());
    if (!*council) return NoSuchProvider();
    page.council = **council;
    auto provider = tx.Market().FindProvider(ctx.actor.council_id, id);
    if (!provider) return tl::unexpected(provider.error());
    if (!*provider) return NoSuchProvider();
    page.provider = std::move(**provider);
    auto services = tx.Market().ServicesOf(ctx.actor.council_id, id);
    if (!services) return tl::unexpected(services.error());
    page.services = std::move(*services);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return page;
}

Result<market::Service> Market::SaveService(const Context& ctx,
                                            const std::optional<ProviderId>& provider,
                                            const std::optional<ServiceId>& id,
                                            const market::ServiceRequest& request) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  auto checked = market::ValidateService(request);
  if (!checked) return tl::unexpected(checked.error());
  market::Service service = std::move(*checked);
  service.council = ctx.actor.council_id;
  service.updated_at = clock_.Now();
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (id) {
      auto before = tx.Market().FindService(service.council, *id);
      if (!before) return tl::unexpected(before.error());
      if (!*before) return NoSuchService();
      service.id = *id;
      service.provider = (*before)->provider;
      service.created_at = (*before)->created_at;
      if (auto u = tx.Market().UpdateService(service); !u) return u;
      return Audit(tx, ctx, clock_.Now(), "service.update", "service", service.id.str(),
                   fmt::format("changed service {} ({} a {})", service.what,
                               FormatPounds(service.price), market::ServiceUnitName(service.unit)));
    }
    auto owner = tx.Market().FindProvider(service.council, *provider);
    if (!owner) return tl::unexpected(owner.error());
    if (!*owner) return NoSuchProvider();
    service.id = ServiceId(ids_.Next());
    service.provider = *provider;
    service.created_at = service.updated_at;
    if (auto a = tx.Market().AddService(service); !a) return a;
    return Audit(tx, ctx, clock_.Now(), "service.create", "service", service.id.str(),
                 fmt::format("added service {} of {} ({} a {})", service.what, (*owner)->name,
                             FormatPounds(service.price), market::ServiceUnitName(service.unit)));
  });
  if (!s) return tl::unexpected(s.error());
  return service;
}

Result<market::Service> Market::AddService(const Context& ctx, const ProviderId& provider,
                                           const market::ServiceRequest& request) {
  return SaveService(ctx, provider, std::nullopt, request);
}

Result<market::Service> Market::UpdateService(const Context& ctx, const ServiceId& id,
                                              const market::ServiceRequest& request) {
  return SaveService(ctx, std::nullopt, id, request);
}

Status Market::DeleteService(const Context& ctx, const ServiceId& id) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return p;
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto before = tx.Market().FindService(ctx.actor.council_id, id);
    if (!before) return tl::unexpected(before.error());
    if (!*before) return NoSuchService();
    if (auto d = tx.Market().DeleteService(ctx.actor.council_id, id); !d) return d;
    return Audit(tx, ctx, clock_.Now(), "service.delete", "service", id.str(),
                 "removed service " + (*before)->what);
  });
}

Result<std::vector<market::ExpiringDocument>> Market::ExpiringDocuments(const Context& ctx,
                                                                        int within_days) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  if (within_days < 0 || within_days > kMaxReminderDays) {
    return FailFields({{"within_days", "Choose from 0 to 366 days ahead"}});
  }
  std::vector<market::Provider> providers;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto all = tx.Market().Providers(ctx.actor.council_id);
    if (!all) return tl::unexpected(all.error());
    providers = std::move(*all);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return market::DocumentsExpiring(providers, clock_.Today(), within_days);
}

Result<market::ApprovedListSetting> Market::ApprovedList(const Context& ctx) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  market::ApprovedListSetting out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto scheme = AdultScheme(tx, ctx.actor.council_id);
    if (!scheme) return tl::unexpected(scheme.error());
    if (!*scheme) return Ok();
    auto setting = tx.Market().ApprovedList(ctx.actor.council_id, (*scheme)->id);
    if (!setting) return tl::unexpected(setting.error());
    out = *setting;
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<market::MarketShaping> Market::Shaping(const Context& ctx, int unmet_after_days) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  if (unmet_after_days < 1 || unmet_after_days > 365) {
    return FailFields({{"unmet_after_days", "Enter a number of days from 1 to 365"}});
  }
  std::vector<market::PlanSpell> spells;
  std::vector<market::ServiceInfo> services;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto approvals = tx.Market().ApprovedPlans(ctx.actor.council_id);
    if (!approvals) return tl::unexpected(approvals.error());
    auto closures = tx.Market().Closures(ctx.actor.council_id);
    if (!closures) return tl::unexpected(closures.error());
    auto all = tx.Market().AllServices(ctx.actor.council_id);
    if (!all) return tl::unexpected(all.error());
    auto settings = AdultSchemeSettings(tx, ctx.actor.council_id);
    if (!settings) return tl::unexpected(settings.error());
    if (auto priced = market::PriceItems(*approvals, settings->weeks_per_year); !priced) {
      return priced;
    }
    spells = market::BuildSpells(std::move(*approvals), *closures);
    services = std::move(*all);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  market::ShapingOptions options;
  options.unmet_after_days = unmet_after_days;
  return market::Shape(spells, services, clock_.Today(), options);
}

Result<market::ApprovedListSetting> Market::SetApprovedList(const Context& ctx, bool required) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  const market::ApprovedListSetting setting{required};
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto scheme = AdultScheme(tx, ctx.actor.council_id);
    if (!scheme) return tl::unexpected(scheme.error());
    if (!*scheme) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "The council has no adult social care scheme yet: an administrator adds it "
                  "first");
    }
    if (auto set = tx.Market().SetApprovedList(ctx.actor.council_id, (*scheme)->id, setting,
                                               clock_.Now(), ctx.actor.user_id);
        !set) {
      return set;
    }
    return Audit(tx, ctx, clock_.Now(), "approved-list.set", "scheme", (*scheme)->id.str(),
                 required ? "purchases from providers must now be on the approved list"
                          : "purchases from providers no longer need to be on the approved list");
  });
  if (!s) return tl::unexpected(s.error());
  return setting;
}

Result<Council> Market::DirectoryCouncil(const Context& ctx, const std::string& council_code) {
  if (council_code.empty() && !ctx.actor.signed_in()) {
    return FailFields({{"council", "Say which council's directory, by its code (like E09000033)"}},
                      "Say which council's directory to search");
  }
  std::optional<Council> found;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto council = council_code.empty() ? tx.Councils().FindCouncil(ctx.actor.council_id)
                                        : tx.Councils().FindCouncilByCode(council_code);
    if (!council) return tl::unexpected(council.error());
    found = std::move(*council);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (!found) {
    return Fail(ErrorCode::kNotFound, "There is no council with the code '" + council_code + "'");
  }
  return *found;
}

Result<DirectorySearch> Market::Search(const Context& ctx, const std::string& council_code,
                                       const market::DirectoryQueryRequest& request) {
  auto query = market::ValidateDirectoryQuery(request);
  if (!query) return tl::unexpected(query.error());
  auto council = DirectoryCouncil(ctx, council_code);
  if (!council) return tl::unexpected(council.error());
  DirectorySearch out{*council, std::move(*query), {}};
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto results = tx.Market().Search(out.council.id, out.query);
    if (!results) return tl::unexpected(results.error());
    out.results = std::move(*results);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<ProviderPage> Market::PublicProvider(const Context& ctx, const std::string& council_code,
                                            const ProviderId& id) {
  auto council = DirectoryCouncil(ctx, council_code);
  if (!council) return tl::unexpected(council.error());
  ProviderPage page;
  page.council = *council;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto provider = tx.Market().FindProvider(council->id, id);
    if (!provider) return tl::unexpected(provider.error());
    if (!*provider) return NoSuchProvider();
    page.provider = std::move(**provider);
    page.provider.documents.clear();  // not part of the public directory
    auto services = tx.Market().ServicesOf(council->id, id);
    if (!services) return tl::unexpected(services.error());
    page.services = std::move(*services);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return page;
}

}  // namespace selfdirect::app

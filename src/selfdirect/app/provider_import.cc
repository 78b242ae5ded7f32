#include "selfdirect/app/provider_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "selfdirect/core/text.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/services.h"

namespace selfdirect::app {
namespace {

constexpr std::string_view kColumns[] = {"provider_name",
                                         "description",
                                         "cqc_location_id",
                                         "cqc_rating",
                                         "cqc_rated_on",
                                         "areas",
                                         "phone",
                                         "email",
                                         "address",
                                         "contract",
                                         "insurance_expires_on",
                                         "contract_expires_on",
                                         "service_what",
                                         "service_description",
                                         "unit",
                                         "price",
                                         "availability",
                                         "days",
                                         "need_areas",
                                         "service_type",
                                         "approved"};

// The column each field of the domain's checks comes from.
std::string ProviderColumn(const std::string& field) {
  if (field == "name") return "provider_name";
  if (field.rfind("areas", 0) == 0) return "areas";
  if (field.rfind("documents[", 0) == 0) {
    return field.find("[0]") != std::string::npos ? "insurance_expires_on" : "contract_expires_on";
  }
  return field;
}

std::string ServiceColumn(const std::string& field) {
  if (field == "what") return "service_what";
  if (field == "description") return "service_description";
  if (field.rfind("days", 0) == 0) return "days";
  if (field.rfind("need_areas", 0) == 0) return "need_areas";
  return field;
}

// "a; b c" → {"a", "b", "c"}: lists in a cell are separated by semicolons or spaces.
std::vector<std::string> ListOf(std::string_view cell) {
  std::vector<std::string> out;
  std::string item;
  for (char c : cell) {
    if (c == ';' || c == ' ' || c == ',') {
      if (!item.empty()) out.push_back(std::move(item));
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(std::move(item));
  return out;
}

struct PendingProvider {
  std::int64_t line = 0;
  market::ProviderRequest request;
  market::Provider provider;
  std::vector<market::Service> services;
};

bool SameProvider(const market::ProviderRequest& a, const market::ProviderRequest& b) {
  auto docs = [](const market::ProviderRequest& r) {
    std::vector<std::string> out;
    for (const auto& d : r.documents) out.push_back(d.kind + "|" + Trim(d.expires_on));
    return out;
  };
  return Trim(a.name) == Trim(b.name) && Trim(a.description) == Trim(b.description) &&
         Trim(a.cqc_rating) == Trim(b.cqc_rating) && Trim(a.cqc_rated_on) == Trim(b.cqc_rated_on) &&
         a.areas == b.areas && Trim(a.phone) == Trim(b.phone) && Trim(a.email) == Trim(b.email) &&
         Trim(a.address) == Trim(b.address) && Trim(a.contract) == Trim(b.contract) &&
         docs(a) == docs(b);
}

}  // namespace

std::span<const std::string_view> ProviderImportColumns() { return kColumns; }

Result<ProviderImportReport> ProviderImport::Import(const Context& ctx, CsvReader& reader,
                                                    const ProviderImportOptions& options) {
  if (auto p = PermitInCouncil(ctx, Action::kMarketManage); !p) return tl::unexpected(p.error());
  ProviderImportReport report;
  auto& problems = report.problems;

  CsvRecord record;
  Result<bool> first = reader.Next(record);
  if (!first) {
    if (first.error().code != ErrorCode::kInvalidArgument) return tl::unexpected(first.error());
    problems.push_back({reader.record_line(), "", first.error().message});
    return report;
  }
  if (!*first) {
    problems.push_back({0, "",
                        "The file is empty. Its first line must be a header naming the columns, "
                        "such as provider_name,phone,service_what,unit,price, and each line after "
                        "it one service"});
    return report;
  }
  const std::vector<std::string> names = record.ToStrings();
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name = Trim(names[i]);
    if (std::find(std::begin(kColumns), std::end(kColumns), name) == std::end(kColumns)) {
      problems.push_back({1, name.empty() ? "(no name)" : name,
                          "This column is not one the import knows; docs/market.md lists them. "
                          "Rename or remove it"});
    } else if (!at.emplace(name, i).second) {
      problems.push_back({1, name, "More than one column has this name; keep one of them"});
    }
  }
  if (!at.count("provider_name")) {
    problems.push_back({1, "provider_name", "The file needs a provider_name column"});
  }
  if (!problems.empty()) return report;
  reader.NameColumns(names);

  const Date today = clock_.Today();
  std::vector<PendingProvider> pending;
  std::map<std::string, std::size_t> by_key;  // CQC id, or the name's key, → index in pending
  while (true) {
    Result<bool> got = reader.Next(record);
    if (!got) {
      if (got.error().code != ErrorCode::kInvalidArgument) return tl::unexpected(got.error());
      ++report.rows;
      problems.push_back({reader.record_line(), "", got.error().message});
      if (reader.stopped()) break;
      continue;
    }
    if (!*got) break;
    if (record.blank()) continue;
    ++report.rows;
    const std::int64_t line = record.line();
    auto cell = [&](std::string_view column) -> std::string {
      auto it = at.find(std::string(column));
      if (it == at.end() || it->second >= record.size()) return "";
      return Trim(record[it->second]);
    };

    market::ProviderRequest pr;
    pr.name = cell("provider_name");
    pr.description = cell("description");
    pr.cqc_location_id = cell("cqc_location_id");
    pr.cqc_rating = cell("cqc_rating");
    pr.cqc_rated_on = cell("cqc_rated_on");
    pr.areas = ListOf(cell("areas"));
    pr.phone = cell("phone");
    pr.email = cell("email");
    pr.address = cell("address");
    pr.contract = cell("contract");
    if (const std::string d = cell("insurance_expires_on"); !d.empty()) {
      pr.documents.push_back({"insurance", "Insurance", d});
    }
    if (const std::string d = cell("contract_expires_on"); !d.empty()) {
      pr.documents.push_back({"contract", "Contract with the council", d});
    }

    const std::string key = !pr.cqc_location_id.empty() ? "cqc:" + pr.cqc_location_id
                                                        : "name:" + market::NameKey(pr.name);
    PendingProvider* owner = nullptr;
    if (auto it = by_key.find(key); it != by_key.end()) {
      owner = &pending[it->second];
      if (!SameProvider(owner->request, pr)) {
        problems.push_back(
            {line, "",
             fmt::format("The provider's columns differ from line {}, which has the same {}: "
                         "write the provider the same way on each of its lines",
                         owner->line, pr.cqc_location_id.empty() ? "name" : "CQC location id")});
        continue;
      }
    } else {
      auto provider = market::ValidateProvider(pr, today);
      if (!provider) {
        // The row's service is still checked, so that every problem is reported at once.
        for (const FieldError& f : provider.error().fields) {
          problems.push_back({line, ProviderColumn(f.field), f.message});
        }
      } else {
        by_key.emplace(key, pending.size());
        pending.push_back({line, pr, std::move(*provider), {}});
        owner = &pending.back();
      }
    }

    const std::string what = cell("service_what");
    const bool any_service = !what.empty() || !cell("unit").empty() || !cell("price").empty() ||
                             !cell("service_type").empty() || !cell("need_areas").empty();
    if (!any_service) continue;
    market::ServiceRequest sr;
    sr.what = what;
    sr.description = cell("service_description");
    sr.unit = cell("unit");
    sr.price = cell("price");
    sr.availability = cell("availability");
    sr.days = ListOf(cell("days"));
    sr.need_areas = ListOf(cell("need_areas"));
    sr.service_type = cell("service_type");
    const std::string approved = cell("approved");
    std::string lower = approved;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "yes" || lower == "true" || lower == "1") {
      sr.approved = true;
    } else if (!(lower.empty() || lower == "no" || lower == "false" || lower == "0")) {
      problems.push_back({line, "approved", "Write yes or no (or leave it empty for no)"});
    }
    auto service = market::ValidateService(sr);
    if (!service) {
      for (const FieldError& f : service.error().fields) {
        problems.push_back({line, ServiceColumn(f.field), f.message});
      }
      continue;
    }
    if (owner != nullptr) owner->services.push_back(std::move(*service));
  }
  if (report.rows == 0 && problems.empty()) {
    problems.push_back({0, "", "The file has a header but no providers"});
  }
  if (!problems.empty()) return report;

  // Against the register: the same CQC location or name already there.
  auto checked = store_.Read([&](store::Transaction& tx) -> Status {
    auto existing = tx.Market().Providers(ctx.actor.council_id);
    if (!existing) return tl::unexpected(existing.error());
    std::map<std::string, std::string> cqc, name;
    for (const market::Provider& p : *existing) {
      if (!p.cqc_location_id.empty()) cqc.emplace(p.cqc_location_id, p.name);
      name.emplace(market::NameKey(p.name), p.name);
    }
    for (const PendingProvider& p : pending) {
      if (auto it = cqc.find(p.provider.cqc_location_id);
          !p.provider.cqc_location_id.empty() && it != cqc.end()) {
        problems.push_back({p.line, "cqc_location_id",
                            fmt::format("{} already has this CQC location id in the register: "
                                        "change that provider on the providers page instead",
                                        it->second)});
      } else if (auto n = name.find(market::NameKey(p.provider.name)); n != name.end()) {
        problems.push_back({p.line, "provider_name",
                            fmt::format("{} is already in the register: change it on the "
                                        "providers page instead, or remove its lines",
                                        n->second)});
      }
    }
    return Ok();
  });
  if (!checked) return tl::unexpected(checked.error());
  if (!problems.empty()) return report;

  const Timestamp now = clock_.Now();
  auto written = store_.Write([&](store::Transaction& tx) -> Status {
    std::int64_t done = 0;
    for (PendingProvider& p : pending) {
      p.provider.council = ctx.actor.council_id;
      p.provider.id = ProviderId(ids_.Next());
      p.provider.created_at = p.provider.updated_at = now;
      if (auto a = tx.Market().AddProvider(p.provider); !a) return a;
      for (market::Service& s : p.services) {
        s.council = ctx.actor.council_id;
        s.id = ServiceId(ids_.Next());
        s.provider = p.provider.id;
        s.created_at = s.updated_at = now;
        if (auto a = tx.Market().AddService(s); !a) return a;
        ++report.services;
      }
      ++report.providers;
      if (options.on_write &&
          (++done % 100 == 0 || done == static_cast<std::int64_t>(pending.size()))) {
        options.on_write(done, static_cast<std::int64_t>(pending.size()));
      }
    }
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, now, "providers.import", "provider-file",
                       options.source_name, AuditOutcome::kAllowed,
                       fmt::format("imported {} provider{} and {} service{} from {}",
                                   report.providers, report.providers == 1 ? "" : "s",
                                   report.services, report.services == 1 ? "" : "s",
                                   options.source_name.empty() ? "a file" : options.source_name));
    return tx.Audit().Append(e);
  });
  if (!written) return tl::unexpected(written.error());
  return report;
}

}  // namespace selfdirect::app

#include "selfdirect/app/application.h"

namespace selfdirect::app {
namespace {

Status CouncilExists(CouncilRepository& councils, const CouncilId& id) {
  auto found = councils.FindCouncil(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "There is no council with that identifier");
  return Ok();
}

}  // namespace

Result<Council> Application::CreateCouncil(const Context& ctx, const NewCouncil& request) {
  if (auto d = Decide(ctx.actor, Action::kCouncilsCreate, Resource::Deployment()); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  if (auto valid = ValidateNewCouncil(request); !valid) return tl::unexpected(valid.error());
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
  };
  Council council{CouncilId(ids_.Next()), trim(request.code), trim(request.name), clock_.Now()};
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (auto c = tx.Councils().CreateCouncil(council); !c) return c;
    AuditEntry e = MakeAuditEntry(ctx, council.id, clock_.Now(), "councils.create", "council",
                                  council.id.str(), AuditOutcome::kAllowed,
                                  "registered council " + council.code);
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return council;
}

Result<std::vector<Council>> Application::ListCouncils(const Context& ctx) {
  if (auto d = Decide(ctx.actor, Action::kCouncilsList, Resource::Deployment()); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  std::vector<Council> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto list = tx.Councils().ListCouncils();
    if (!list) return tl::unexpected(list.error());
    out = std::move(*list);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<Council> Application::GetCouncil(const Context& ctx, const CouncilId& id) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kCouncilRead, Resource::Council(id),
                         "council", id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<Council> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Councils().FindCouncil(id);
    if (!found) return tl::unexpected(found.error());
    out = std::move(*found);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (!out) return Fail(ErrorCode::kNotFound, "There is no council with that identifier");
  return *out;
}

Result<Council> Application::GetCouncilByCode(const Context& ctx, const std::string& code) {
  if (auto d = Decide(ctx.actor, Action::kCouncilsList, Resource::Deployment()); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  std::optional<Council> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Councils().FindCouncilByCode(code);
    if (!found) return tl::unexpected(found.error());
    out = std::move(*found);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (!out) return Fail(ErrorCode::kNotFound, "There is no council with the code '" + code + "'");
  return *out;
}

Result<Scheme> Application::CreateScheme(const Context& ctx, const CouncilId& council,
                                         const NewScheme& request) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kSchemesManage, Resource::Council(council),
                         "schemes", council.str());
      !a) {
    return tl::unexpected(a.error());
  }
  auto valid = ValidateNewScheme(request);
  if (!valid) return tl::unexpected(valid.error());
  Scheme scheme{council,     SchemeId(ids_.Next()), valid->name,
                valid->kind, valid->settings,       clock_.Now()};
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (auto exists = CouncilExists(tx.Councils(), council); !exists) return exists;
    if (auto c = tx.Councils().CreateScheme(scheme); !c) return c;
    AuditEntry e =
        MakeAuditEntry(ctx, council, clock_.Now(), "schemes.create", "scheme", scheme.id.str(),
                       AuditOutcome::kAllowed,
                       "added scheme '" + scheme.name + "' (" + SchemeKindName(scheme.kind) + ")");
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return scheme;
}

Result<std::vector<Scheme>> Application::ListSchemes(const Context& ctx, const CouncilId& council) {
  if (auto a = Authorize(store_, clock_, ctx, Action::kSchemesRead, Resource::Council(council),
                         "schemes", council.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::vector<Scheme> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    if (auto exists = CouncilExists(tx.Councils(), council); !exists) return exists;
    auto list = tx.Councils().ListSchemes(council);
    if (!list) return tl::unexpected(list.error());
    out = std::move(*list);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Readiness Application::CheckReadiness() {
  Readiness r;
  auto schema = store_.Schema();
  if (!schema) {
    r.problem = "The database cannot be read: " + schema.error().message;
    return r;
  }
  r.database_reachable = true;
  r.schema_version = schema->current;
  r.schema_latest = schema->latest;
  r.migrations_current = schema->up_to_date();
  if (schema->current > schema->latest) {
    r.problem = "The database is newer than this selfdirect; run a newer version";
  } else if (!r.migrations_current) {
    r.problem = "The database needs migrating: run `selfdirect migrate`";
  }
  return r;
}

}  // namespace selfdirect::app

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

Result<Council> Application::CreateCouncil(const NewCouncil& request) {
  if (auto valid = ValidateNewCouncil(request); !valid) return tl::unexpected(valid.error());
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
  };
  Council council{CouncilId(ids_.Next()), trim(request.code), trim(request.name), clock_.Now()};
  auto s =
      store_.Write([&](store::Transaction& tx) { return tx.Councils().CreateCouncil(council); });
  if (!s) return tl::unexpected(s.error());
  return council;
}

Result<std::vector<Council>> Application::ListCouncils() {
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

Result<Council> Application::GetCouncil(const CouncilId& id) {
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

Result<Scheme> Application::CreateScheme(const CouncilId& council, const NewScheme& request) {
  auto valid = ValidateNewScheme(request);
  if (!valid) return tl::unexpected(valid.error());
  Scheme scheme{council,     SchemeId(ids_.Next()), valid->name,
                valid->kind, valid->settings,       clock_.Now()};
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (auto exists = CouncilExists(tx.Councils(), council); !exists) return exists;
    return tx.Councils().CreateScheme(scheme);
  });
  if (!s) return tl::unexpected(s.error());
  return scheme;
}

Result<std::vector<Scheme>> Application::ListSchemes(const CouncilId& council) {
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

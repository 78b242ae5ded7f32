#include "selfdirect/store/migrations.h"

#include <string_view>

namespace selfdirect::store {
namespace {

// The line a migration carries when it rebuilds a table that other tables refer to: it runs with
// foreign keys off and is checked with PRAGMA foreign_key_check before it commits.
constexpr std::string_view kRebuildsTables = "-- selfdirect: rebuilds tables\n";

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER NOT NULL PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL) STRICT";

Result<int> CurrentVersion(Connection& c) {
  auto exists = c.Prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists) return tl::unexpected(exists.error());
  if (auto row = exists->Step(); !row) return tl::unexpected(row.error());
  if (exists->Int(0) == 0) return 0;
  auto st = c.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return tl::unexpected(st.error());
  if (auto row = st->Step(); !row) return tl::unexpected(row.error());
  return static_cast<int>(st->Int(0));
}

SchemaState StateFor(int current, const std::vector<Migration>& migrations) {
  SchemaState state;
  state.current = current;
  for (const auto& m : migrations) {
    state.latest = std::max(state.latest, m.version);
    if (m.version > current) state.pending.push_back(m.version);
  }
  return state;
}

Status RefuseNewer(const SchemaState& state) {
  if (state.current > state.latest) {
    return Fail(ErrorCode::kFailedPrecondition,
                "The database has schema version " + std::to_string(state.current) +
                    ", newer than this selfdirect knows (" + std::to_string(state.latest) +
                    "). Run a newer selfdirect; this one will not change the database.");
  }
  return Ok();
}

}  // namespace

Result<SchemaState> InspectSchema(Database& db, const std::vector<Migration>& migrations) {
  SchemaState state;
  auto s = db.Read([&](Connection& c) -> Status {
    auto current = CurrentVersion(c);
    if (!current) return tl::unexpected(current.error());
    state = StateFor(*current, migrations);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return state;
}

Result<SchemaState> InspectSchema(Database& db) { return InspectSchema(db, EmbeddedMigrations()); }

Result<SchemaState> Migrate(Database& db, const Clock& clock,
                            const std::vector<Migration>& migrations) {
  SchemaState state;
  auto prepare = db.Write([&](Connection& c) -> Status {
    if (auto s = c.Execute(kCreateTable); !s) return s;
    auto current = CurrentVersion(c);
    if (!current) return tl::unexpected(current.error());
    state = StateFor(*current, migrations);
    return RefuseNewer(state);
  });
  if (!prepare) return tl::unexpected(prepare.error());

  for (const auto& m : migrations) {
    if (m.version <= state.current) continue;
    // Each migration and its record commit together: a crash leaves it applied or not at all.
    auto apply = [&](Connection& c) -> Status {
      if (auto s = c.Execute(m.sql); !s) {
        Error e = s.error();
        e.message =
            "migration " + std::to_string(m.version) + " (" + m.name + ") failed: " + e.message;
        return tl::unexpected(e);
      }
      auto st = c.Prepare(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)");
      if (!st) return tl::unexpected(st.error());
      return st->Bind(m.version, m.name, FormatTimestamp(clock.Now())).Run();
    };
    // A migration that rebuilds a table others refer to says so on a line of its own.
    auto applied = std::string_view(m.sql).find(kRebuildsTables) != std::string_view::npos
                       ? db.WriteWithoutForeignKeys(apply)
                       : db.Write(apply);
    if (!applied) return tl::unexpected(applied.error());
    state.current = m.version;
  }
  state.pending.clear();
  return state;
}

Result<SchemaState> Migrate(Database& db, const Clock& clock) {
  return Migrate(db, clock, EmbeddedMigrations());
}

}  // namespace selfdirect::store

// Schema migrations: numbered SQL files (store/migrations/NNNN_name.sql) embedded in the binary
// at build time and recorded in schema_migrations when applied.
//
//   auto state = Migrate(db);       // applies what is pending, one transaction per migration
//   if (!state) ...                 // kFailedPrecondition when the database is newer
//
// A migration that rebuilds a table other tables refer to (SQLite cannot change a constraint in
// place) carries the line "-- selfdirect: rebuilds tables": it runs with foreign keys off, as
// SQLite's procedure asks, and commits only if PRAGMA foreign_key_check then finds nothing.
#pragma once

#include <string>
#include <vector>

#include "selfdirect/core/clock.h"
#include "selfdirect/core/result.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Every migration this binary carries, in version order.
const std::vector<Migration>& EmbeddedMigrations();

struct SchemaState {
  int current = 0;           // highest version applied to the database (0: none)
  int latest = 0;            // highest version this binary knows
  std::vector<int> pending;  // versions this binary would apply

  bool up_to_date() const { return pending.empty() && current == latest; }
};

// Reads the database's schema version without changing anything.
Result<SchemaState> InspectSchema(Database& db);

// Applies every pending migration. Refuses (kFailedPrecondition) to touch a database whose
// schema is newer than this binary knows, naming both versions.
Result<SchemaState> Migrate(Database& db, const Clock& clock);

// The same against an explicit list; for tests.
Result<SchemaState> Migrate(Database& db, const Clock& clock,
                            const std::vector<Migration>& migrations);
Result<SchemaState> InspectSchema(Database& db, const std::vector<Migration>& migrations);

}  // namespace selfdirect::store

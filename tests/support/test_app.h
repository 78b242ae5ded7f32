// A complete application over a fresh, migrated SQLite database in a temporary folder, with a
// fixed clock. For tests that need the real stack without a socket.
#pragma once

#include <memory>

#include "selfdirect/app/application.h"
#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::testing {

class TestApp {
 public:
  TestApp() {
    auto db = store::Database::Open({.path = dir_.File("test.db")});
    if (!db) throw std::runtime_error(db.error().message);
    db_ = std::move(*db);
    if (auto m = store::Migrate(*db_, clock_); !m) throw std::runtime_error(m.error().message);
    store_ = std::make_unique<store::SqliteStore>(*db_);
    app_ = std::make_unique<app::Application>(*store_, clock_, ids_);
  }

  app::Application& app() { return *app_; }
  FixedClock& clock() { return clock_; }
  const TempDir& dir() const { return dir_; }
  store::Database& db() { return *db_; }

 private:
  TempDir dir_;
  FixedClock clock_{ParseTimestamp("2026-11-22T09:00:00.000Z").value()};
  UlidGenerator ids_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<app::Application> app_;
};

}  // namespace selfdirect::testing

// A complete application over a fresh, migrated SQLite database in a temporary folder, with a
// fixed clock. For tests that need the real stack without a socket.
#pragma once

#include <memory>

#include "selfdirect/app/accounts.h"
#include "selfdirect/app/application.h"
#include "selfdirect/app/casework.h"
#include "selfdirect/app/finance_overview.h"
#include "selfdirect/app/invoices.h"
#include "selfdirect/app/ledger.h"
#include "selfdirect/app/market.h"
#include "selfdirect/app/money.h"
#include "selfdirect/app/monitoring.h"
#include "selfdirect/app/payments.h"
#include "selfdirect/app/personal_assistants.h"
#include "selfdirect/app/pools.h"
#include "selfdirect/app/ras_models.h"
#include "selfdirect/app/safeguarding.h"
#include "selfdirect/app/statements.h"
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
    app::AccountsOptions options;
    options.hash_strength = HashStrength::kMinimum;
    accounts_ = std::make_unique<app::Accounts>(*store_, clock_, ids_, options);
    ras_ = std::make_unique<app::RasModels>(*store_, clock_);
    casework_ = std::make_unique<app::Casework>(*store_, clock_, ids_, *ras_);
    safeguarding_ = std::make_unique<app::Safeguarding>(*store_, clock_, ids_);
    ledger_ = std::make_unique<app::Ledger>(*store_, clock_, ids_);
    payments_ = std::make_unique<app::Payments>(*store_, clock_, ids_);
    statements_ = std::make_unique<app::Statements>(*store_, clock_, ids_);
    money_ = std::make_unique<app::Money>(*store_, clock_);
    monitoring_ = std::make_unique<app::Monitoring>(*store_, clock_, ids_);
    invoices_ = std::make_unique<app::Invoices>(*store_, clock_, ids_);
    finance_overview_ = std::make_unique<app::FinanceOverview>(*store_, clock_);
    market_ = std::make_unique<app::Market>(*store_, clock_, ids_);
    personal_assistants_ = std::make_unique<app::PersonalAssistants>(*store_, clock_, ids_);
    pools_ = std::make_unique<app::Pools>(*store_, clock_, ids_);
  }

  app::Application& app() { return *app_; }
  app::Accounts& accounts() { return *accounts_; }
  app::RasModels& ras() { return *ras_; }
  app::Casework& casework() { return *casework_; }
  app::Safeguarding& safeguarding() { return *safeguarding_; }
  app::Ledger& ledger() { return *ledger_; }
  app::Payments& payments() { return *payments_; }
  app::Statements& statements() { return *statements_; }
  app::Money& money() { return *money_; }
  app::Monitoring& monitoring() { return *monitoring_; }
  app::Invoices& invoices() { return *invoices_; }
  app::FinanceOverview& finance_overview() { return *finance_overview_; }
  app::Market& market() { return *market_; }
  app::PersonalAssistants& personal_assistants() { return *personal_assistants_; }
  app::Pools& pools() { return *pools_; }
  store::Store& store() { return *store_; }

  // Registers a council as the operator would, with the CLI.
  Council AddCouncil(const std::string& code, const std::string& name = "Test Council") {
    auto c = app_->CreateCouncil(app::Context::Operator("test"), {code, name});
    if (!c) throw std::runtime_error(c.error().message);
    return *c;
  }

  // A user with a password set, as after following their one-time link.
  User AddUser(const Council& council, const std::string& email, std::vector<std::string> roles,
               const std::string& password = "correct horse battery staple") {
    auto added = accounts_->AddUser(app::Context::Operator("test"),
                                    {council.id, email, "Test " + email, std::move(roles)});
    if (!added) throw std::runtime_error(added.error().message);
    auto set = accounts_->SetPasswordWithLink(app::Context::Operator("test"), council.code,
                                              added->password_link_token, password);
    if (!set) throw std::runtime_error(set.error().message);
    return added->user;
  }
  FixedClock& clock() { return clock_; }
  UlidGenerator& ids() { return ids_; }
  const TempDir& dir() const { return dir_; }
  store::Database& db() { return *db_; }

 private:
  TempDir dir_;
  FixedClock clock_{ParseTimestamp("2026-11-22T09:00:00.000Z").value()};
  UlidGenerator ids_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<app::Accounts> accounts_;
  std::unique_ptr<app::RasModels> ras_;
  std::unique_ptr<app::Casework> casework_;
  std::unique_ptr<app::Safeguarding> safeguarding_;
  std::unique_ptr<app::Ledger> ledger_;
  std::unique_ptr<app::Payments> payments_;
  std::unique_ptr<app::Statements> statements_;
  std::unique_ptr<app::Money> money_;
  std::unique_ptr<app::Monitoring> monitoring_;
  std::unique_ptr<app::PersonalAssistants> personal_assistants_;
  std::unique_ptr<app::Pools> pools_;
  std::unique_ptr<app::Invoices> invoices_;
  std::unique_ptr<app::FinanceOverview> finance_overview_;
  std::unique_ptr<app::Market> market_;
};

}  // namespace selfdirect::testing

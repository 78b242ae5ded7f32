#include "selfdirect/store/sqlite_store.h"

#include "selfdirect/store/rows.h"
#include "selfdirect/store/sqlite_access.h"
#include "selfdirect/store/sqlite_casework.h"
#include "selfdirect/store/sqlite_finance_overview.h"
#include "selfdirect/store/sqlite_invoices.h"
#include "selfdirect/store/sqlite_ledger.h"
#include "selfdirect/store/sqlite_market.h"
#include "selfdirect/store/sqlite_monitoring.h"
#include "selfdirect/store/sqlite_payments.h"
#include "selfdirect/store/sqlite_personal_assistants.h"
#include "selfdirect/store/sqlite_pools.h"
#include "selfdirect/store/sqlite_ras.h"
#include "selfdirect/store/sqlite_safeguarding.h"
#include "selfdirect/store/sqlite_statements.h"

namespace selfdirect::store {
namespace {

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& c)
      : councils_(c),
        access_(c),
        audit_(c),
        ras_models_(c),
        casework_(c),
        safeguarding_(c),
        ledger_(c),
        payments_(c),
        statements_(c),
        monitoring_(c),
        invoices_(c),
        finance_overview_(c),
        market_(c),
        personal_assistants_(c),
        pools_(c) {}
  CouncilRepository& Councils() override { return councils_; }
  AccessRepository& Access() override { return access_; }
  AuditRepository& Audit() override { return audit_; }
  ras::ModelRepository& RasModels() override { return ras_models_; }
  casework::CaseworkRepository& Casework() override { return casework_; }
  casework::SafeguardingRepository& Safeguarding() override { return safeguarding_; }
  ledger::LedgerRepository& Ledger() override { return ledger_; }
  ledger::PaymentsRepository& Payments() override { return payments_; }
  ledger::StatementRepository& Statements() override { return statements_; }
  ledger::MonitoringRepository& Monitoring() override { return monitoring_; }
  ledger::InvoiceRepository& Invoices() override { return invoices_; }
  ledger::FinanceOverviewRepository& FinanceOverview() override { return finance_overview_; }
  market::MarketRepository& Market() override { return market_; }
  casework::PersonalAssistantRepository& PersonalAssistants() override {
    return personal_assistants_;
  }
  market::PoolRepository& Pools() override { return pools_; }

 private:
  SqliteCouncilRepository councils_;
  SqliteAccessRepository access_;
  SqliteAuditRepository audit_;
  SqliteModelRepository ras_models_;
  SqliteCaseworkRepository casework_;
  SqliteSafeguardingRepository safeguarding_;
  SqliteLedgerRepository ledger_;
  SqlitePaymentsRepository payments_;
  SqliteStatementRepository statements_;
  SqliteMonitoringRepository monitoring_;
  SqliteInvoiceRepository invoices_;
  SqliteFinanceOverviewRepository finance_overview_;
  SqliteMarketRepository market_;
  SqlitePersonalAssistantRepository personal_assistants_;
  SqlitePoolRepository pools_;
};

constexpr const char* kCouncilColumns = "council_id, code, name, created_at";
constexpr const char* kSchemeColumns =
    "council_id, scheme_id, name, kind, weeks_per_year_num, weeks_per_year_den, "
    "payment_interval, surplus_threshold_weeks, first_review_weeks, review_interval_months, "
    "created_at, contribution_collection, pa_dbs_required, pa_insurance_reminder_days";

Result<Council> ReadCouncil(const Statement& st) {
  auto created = ParseTimestamp(st.Text(3));
  if (!created) return tl::unexpected(CorruptValue("councils.created_at"));
  return Council{CouncilId(st.Text(0)), st.Text(1), st.Text(2), *created};
}

Result<Scheme> ReadScheme(const Statement& st) {
  Scheme s;
  s.council_id = CouncilId(st.Text(0));
  s.id = SchemeId(st.Text(1));
  s.name = st.Text(2);
  auto kind = ParseSchemeKind(st.Text(3));
  auto interval = ParsePeriod(st.Text(6));
  auto created = ParseTimestamp(st.Text(10));
  if (!kind || !interval || !created) return tl::unexpected(CorruptValue("schemes row"));
  s.kind = *kind;
  s.settings.weeks_per_year = WeeksPerYear{st.Int(4), st.Int(5)};
  s.settings.payment_interval = *interval;
  s.settings.surplus_threshold_weeks = static_cast<int>(st.Int(7));
  s.settings.first_review_weeks = static_cast<int>(st.Int(8));
  s.settings.review_interval_months = static_cast<int>(st.Int(9));
  s.settings.contribution_gross = st.Text(11) == "gross";
  s.settings.pa_dbs_required = st.Int(12) != 0;
  s.settings.pa_insurance_reminder_days = static_cast<int>(st.Int(13));
  s.created_at = *created;
  return s;
}

}  // namespace

Status SqliteStore::Write(const std::function<Status(Transaction&)>& fn) {
  return db_.Write([&](Connection& c) -> Status {
    SqliteTransaction tx(c);
    return fn(tx);
  });
}

Status SqliteStore::Read(const std::function<Status(Transaction&)>& fn) {
  return db_.Read([&](Connection& c) -> Status {
    SqliteTransaction tx(c);
    return fn(tx);
  });
}

Status SqliteCouncilRepository::CreateCouncil(const Council& council) {
  auto st = c_.Prepare(
      "INSERT INTO councils (council_id, code, name, created_at) VALUES ($1, $2, $3, $4)");
  if (!st) return tl::unexpected(st.error());
  auto s =
      st->Bind(council.id.str(), council.code, council.name, FormatTimestamp(council.created_at))
          .Run();
  if (!s && s.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict,
                "A council with the code " + council.code + " already exists");
  }
  return s;
}

Result<std::optional<Council>> SqliteCouncilRepository::FindCouncil(const CouncilId& id) {
  auto st =
      c_.Prepare(std::string("SELECT ") + kCouncilColumns + " FROM councils WHERE council_id = $1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(id.str());
  return AtMostOne(Collect<Council>(*st, ReadCouncil));
}

Result<std::optional<Council>> SqliteCouncilRepository::FindCouncilByCode(const std::string& code) {
  auto st = c_.Prepare(std::string("SELECT ") + kCouncilColumns + " FROM councils WHERE code = $1");
  if (!st) return tl::unexpected(st.error());
  st->Bind(code);
  return AtMostOne(Collect<Council>(*st, ReadCouncil));
}

Result<std::vector<Council>> SqliteCouncilRepository::ListCouncils() {
  auto st = c_.Prepare(std::string("SELECT ") + kCouncilColumns + " FROM councils ORDER BY name");
  if (!st) return tl::unexpected(st.error());
  return Collect<Council>(*st, ReadCouncil);
}

Status SqliteCouncilRepository::CreateScheme(const Scheme& s) {
  auto st = c_.Prepare(std::string("INSERT INTO schemes (") + kSchemeColumns +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
  if (!st) return tl::unexpected(st.error());
  auto result =
      st->Bind(s.council_id.str(), s.id.str(), s.name, SchemeKindName(s.kind),
               s.settings.weeks_per_year.numerator, s.settings.weeks_per_year.denominator,
               PeriodName(s.settings.payment_interval), s.settings.surplus_threshold_weeks,
               s.settings.first_review_weeks, s.settings.review_interval_months,
               FormatTimestamp(s.created_at), s.settings.contribution_gross ? "gross" : "net",
               s.settings.pa_dbs_required ? 1 : 0, s.settings.pa_insurance_reminder_days)
          .Run();
  if (!result && result.error().code == ErrorCode::kConflict) {
    return Fail(ErrorCode::kConflict, "This council already has a scheme called " + s.name);
  }
  if (!result && result.error().code == ErrorCode::kNotFound) {
    return Fail(ErrorCode::kNotFound, "No such council");
  }
  return result;
}

Result<std::vector<Scheme>> SqliteCouncilRepository::ListSchemes(const CouncilId& council) {
  auto st = c_.Prepare(std::string("SELECT ") + kSchemeColumns +
                       " FROM schemes WHERE council_id = $1 ORDER BY name");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str());
  return Collect<Scheme>(*st, ReadScheme);
}

Result<std::optional<Scheme>> SqliteCouncilRepository::FindScheme(const CouncilId& council,
                                                                  const SchemeId& id) {
  auto st = c_.Prepare(std::string("SELECT ") + kSchemeColumns +
                       " FROM schemes WHERE council_id = $1 AND scheme_id = $2");
  if (!st) return tl::unexpected(st.error());
  st->Bind(council.str(), id.str());
  return AtMostOne(Collect<Scheme>(*st, ReadScheme));
}

}  // namespace selfdirect::store

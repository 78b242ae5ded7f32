// Importing a caseload: 50,000 people from a CSV file (made here, in memory, the same each run)
// with `PeopleImport`, the use case behind `selfdirect people import`, into a fresh database.
// Each figure is the median of a few runs, printed beside its baseline:
//   - checking (a dry run: every row validated, NHS numbers looked up) beside reading the CSV
//     with the same reader and doing nothing with it;
//   - the whole import (checks, then one transaction: person, contact, case event and audit
//     entry for each, one audit entry for the import) beside plain SQL inserting the same people,
//     contacts and case events in one transaction with prepared statements.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <sstream>

#include "selfdirect/app/people_import.h"
#include "tests/support/test_app.h"

namespace selfdirect {
namespace {

using Steady = std::chrono::steady_clock;

constexpr int kPeople = 50'000;
constexpr int kRuns = 3;

// An NHS number: nine digits and the mod-11 check digit (nullopt when none exists).
std::optional<std::string> NhsNumber(std::int64_t nine_digits) {
  std::string d = std::to_string(nine_digits);
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return std::nullopt;
  return d + static_cast<char>('0' + check);
}

std::string MakeCsv(int people) {
  std::mt19937 random(20261123);
  const char* given[] = {"Ada", "Bilal", "Margaret", "Tomasz", "Grace", "Ravi", "Siobhan", "Wei"};
  const char* family[] = {"Okafor", "Hussain", "Lowe", "Nowak", "Adeyemi", "Patel", "Byrne"};
  const char* gender[] = {"female", "male", "not_known", ""};
  const char* ethnicity[] = {"A", "C", "H", "M", "N", "Z", ""};
  const char* reason[] = {"physical_personal_care", "learning_disability", "mental_health",
                          "memory_cognition",       "sensory_visual",      ""};
  const char* route[] = {"community", "hospital_discharge", "transition", "self_funder", ""};
  std::string csv =
      "external_reference,given_name,family_name,date_of_birth,nhs_number,address,postcode,"
      "gender,ethnicity,primary_support_reason,communication.large_print,contact_date,"
      "route_of_access,asked_for\r\n";
  std::int64_t nhs = 999'000'000;
  auto pick = [&](const auto& list) { return list[random() % (sizeof(list) / sizeof(list[0]))]; };
  for (int i = 0; i < people; ++i) {
    std::optional<std::string> number;
    while (!number) number = NhsNumber(++nhs);
    char line[512];
    std::snprintf(line, sizeof line,
                  "OLD-%07d,%s,%s,%04d-%02d-%02d,%s,\"%d High Street, Hartlepool\",TS%d %dAB,%s,"
                  "%s,%s,%s,2025-%02d-%02d,%s,\"Help at home, and \"\"a bit\"\" of company\"\r\n",
                  i, pick(given), pick(family), 1930 + static_cast<int>(random() % 80),
                  1 + static_cast<int>(random() % 12), 1 + static_cast<int>(random() % 28),
                  number->c_str(), 1 + i % 200, 10 + static_cast<int>(random() % 17),
                  1 + static_cast<int>(random() % 9), pick(gender), pick(ethnicity), pick(reason),
                  random() % 5 == 0 ? "yes" : "", 1 + static_cast<int>(random() % 12),
                  1 + static_cast<int>(random() % 28), pick(route));
    csv += line;
  }
  return csv;
}

double Median(std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

double Time(const std::function<void()>& fn) {
  const auto start = Steady::now();
  fn();
  return std::chrono::duration<double>(Steady::now() - start).count();
}

// A fresh database with one council, and the import over it.
struct Fresh {
  testing::TestApp t;
  Council council = t.AddCouncil("E06000001", "Hartlepool");
  UlidGenerator ids{t.clock()};
  app::PeopleImport import{t.store(), t.clock(), ids};

  app::PeopleImportReport Run(const std::string& csv, bool dry_run) {
    std::istringstream in(csv);
    CsvReader reader(in);
    app::Context ctx = app::Context::Operator("bench");
    ctx.actor.council_id = council.id;
    auto report = import.Import(ctx, reader, {.dry_run = dry_run, .source_name = "bench.csv"});
    if (!report || !report->problems.empty() ||
        report->people.size() != static_cast<std::size_t>(kPeople)) {
      std::fprintf(stderr, "import failed: %s\n",
                   !report                    ? report.error().message.c_str()
                   : report->problems.empty() ? "wrong count"
                                              : report->problems[0].ToString().c_str());
      std::abort();
    }
    return *report;
  }
};

// Plain SQL: the same people, contacts and case events in one transaction, with prepared
// statements and values already parsed: the floor under the store and the audit chain.
void PlainSql(Fresh& f, int people) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(f.t.dir().File("test.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) !=
      SQLITE_OK) {
    std::abort();
  }
  sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; BEGIN IMMEDIATE", nullptr,
               nullptr, nullptr);
  sqlite3_stmt* person = nullptr;
  sqlite3_stmt* contact = nullptr;
  sqlite3_stmt* event = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO people VALUES ($1, $2, 'Ada', 'Okafor', '1948-03-27', $3, "
                     "'1 High Street, Hartlepool', 'TS24 7AB', '', '', 'female', 'A', "
                     "'physical_personal_care', 'not_known', 'not_known', 'not_known', 0, 0, '', "
                     "'', 'contact', 0, '2026-11-22T09:00:00.000Z', '', 1)",
                     -1, &person, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO contacts VALUES ($1, $2, $3, '2025-06-12', 'community', "
                     "'Help at home', 'to_assessment', '2026-11-22T09:00:00.000Z', '')",
                     -1, &contact, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO case_events VALUES ($1, $2, 1, 'contact', 'contact', "
                     "'2026-11-22T09:00:00.000Z', '', 'community')",
                     -1, &event, nullptr);
  if (person == nullptr || contact == nullptr || event == nullptr) {
    std::fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
    std::abort();
  }
  const std::string council = f.council.id.str();
  std::int64_t nhs = 999'000'000;
  for (int i = 0; i < people; ++i) {
    std::optional<std::string> number;
    while (!number) number = NhsNumber(++nhs);
    const std::string id = f.ids.Next();
    const std::string contact_id = f.ids.Next();
    sqlite3_bind_text(person, 1, council.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(person, 2, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(person, 3, number->c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(contact, 1, council.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(contact, 2, contact_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(contact, 3, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(event, 1, council.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(event, 2, id.c_str(), -1, SQLITE_TRANSIENT);
    for (sqlite3_stmt* st : {person, contact, event}) {
      if (sqlite3_step(st) != SQLITE_DONE) {
        std::fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
        std::abort();
      }
      sqlite3_reset(st);
    }
  }
  sqlite3_finalize(person);
  sqlite3_finalize(contact);
  sqlite3_finalize(event);
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
  sqlite3_close(db);
}

void Main() {
  const std::string csv = MakeCsv(kPeople);
  std::printf("people import: %d people, a %.1f MB CSV file; median of %d runs\n", kPeople,
              static_cast<double>(csv.size()) / 1e6, kRuns);

  std::vector<double> read, check, import, sql;
  for (int run = 0; run < kRuns; ++run) {
    read.push_back(Time([&] {
      std::istringstream in(csv);
      CsvReader reader(in);
      CsvRecord record;
      std::size_t bytes = 0;
      while (true) {
        auto got = reader.Next(record);
        if (!got || !*got) break;
        for (std::size_t i = 0; i < record.size(); ++i) bytes += record[i].size();
      }
      if (bytes == 0) std::abort();
    }));
    {
      Fresh f;
      check.push_back(Time([&] { f.Run(csv, /*dry_run=*/true); }));
    }
    {
      Fresh f;
      import.push_back(Time([&] { f.Run(csv, /*dry_run=*/false);
    }));
  }
  {
    Fresh f;
    sql.push_back(Time([&] { PlainSql(f, kPeople); }));
  }
}
const double r = Median(read), c = Median(check), i = Median(import), s = Median(sql);
std::printf("\n%-52s %9s %14s %14s %8s\n", "step (50,000 people)", "seconds", "people/second",
            "baseline s", "ratio");
std::printf("%-52s %9.2f %14.0f %14.3f %7.1fx\n", "check only (--dry-run) vs reading the CSV", c,
            kPeople / c, r, c / r);
std::printf("%-52s %9.2f %14.0f %14.3f %7.1fx\n",
            "whole import vs plain SQL inserts, one transaction", i, kPeople / i, s, i / s);
}  // namespace

}  // namespace selfdirect
}  // namespace selfdirect

int main() {
  selfdirect::Main();
  return 0;
}

// Bringing a caseload over from another system: every row of a CSV file checked, then either
// every person imported in one transaction or nothing at all, with one line per problem.
//
//   PeopleImport import(store, clock, ids);
//   std::ifstream file(path, std::ios::binary);
//   CsvReader reader(file);
//   Result<PeopleImportReport> report = import.Import(ctx, reader, {.source_name = path});
//   if (!report) ...                            // not allowed, or the store or the file failed
//   for (const ImportProblem& p : report->problems) std::cerr << p.ToString() << "\n";
//   // report->problems empty: report->people holds each imported person's new id
//
// The file's header names its columns; the person's columns are named as in POST /api/people
// (given_name, family_name, date_of_birth, nhs_number, …, communication.easy_read, …), the first
// contact's as contact_date, route_of_access, asked_for and contact_outcome, and the id in the
// old system as external_reference. docs/people-import.md describes the format for operators.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/app/casework.h"
#include "selfdirect/app/context.h"
#include "selfdirect/casework/repository.h"
#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/csv.h"
#include "selfdirect/core/id.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

// One thing wrong with an import file.
struct ImportProblem {
  std::int64_t line = 0;  // the line of the file the row starts on (1 is the header)
  std::string column;     // the column's name in the header; "" when not about one column
  std::string message;    // plain English, saying what to change

  // "line 7, column nhs_number: …", or "line 7: …" when no one column is to blame.
  std::string ToString() const;
};

// A person the import recorded (or, in a dry run, would record).
struct ImportedPerson {
  std::int64_t line = 0;
  std::string external_reference;  // the id in the old system; "" when the file has none
  PersonId id;                     // empty in a dry run
};

struct PeopleImportReport {
  std::int64_t rows = 0;                // rows of people read (blank lines are not counted)
  std::vector<ImportProblem> problems;  // when not empty, nothing was imported
  std::vector<ImportedPerson> people;   // every person, in file order, when there are no problems
  bool has_external_reference = false;  // the file has an external_reference column
  bool dry_run = false;
};

struct PeopleImportOptions {
  // Check everything, including NHS numbers against the council's records, and write nothing.
  bool dry_run = false;
  // The file's name, for the audit log.
  std::string source_name;
  // Called now and then while people are written (done of total), inside the transaction.
  std::function<void(std::int64_t done, std::int64_t total)> on_write;
};

// Every column an import file may have, in the order the documentation lists them; and the
// ones it must have.
std::span<const std::string_view> PeopleImportColumns();
std::span<const std::string_view> RequiredPeopleImportColumns();

// Checks a first contact and returns it with its defaults filled in: today's date, outcome
// to_assessment. Field errors are named contact.contact_date, contact.route_of_access,
// contact.asked_for and contact.outcome, as Casework::CreatePerson names them.
Result<casework::Contact> ValidateNewContact(const NewContact& contact, Date today);

class PeopleImport {
 public:
  PeopleImport(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Reads every row from `reader` (the header first) and checks it: the header (unknown,
  // repeated or missing columns stop the check there), each row's fields as
  // casework::ValidateNewPerson and ValidateNewContact check them, the CSV itself, and NHS
  // numbers (and external references) that appear twice in the file or that a person already on
  // the council's records has. When there is no problem and this is not a dry run, every person
  // is recorded in ONE transaction with their first contact, their first case event and an
  // audit entry, and one more audit entry records the import. Rows are recorded as done by
  // ctx's actor (the operator, from the command line): no user id on the records.
  //
  // A report with problems is an answer, not an error: nothing was written. Errors:
  // kPermissionDenied when the actor may not record people in ctx.actor.council_id; the source's
  // or the store's own failures (nothing is written then either).
  Result<PeopleImportReport> Import(const Context& ctx, CsvReader& reader,
                                    const PeopleImportOptions& options);

 private:
  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app

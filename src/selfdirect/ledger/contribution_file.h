#pragma once
// Contributions paid in from a bank file (docs/money.md, "Contributions paid in"): the council's
// bank statement, in one of its statement formats (statement_format.h), read line by line; each
// payment in that quotes a person's contribution reference becomes a contribution payment for
// them, as if a finance officer had entered it (contributions.h). Pure: the app reads the file's
// people and records the lines.
//
//   auto report = ParseStatement(bytes, format);                  // statement.h
//   for (const auto& l : report.lines) if (auto r = FindContributionReference(l)) want(*r);
//   std::vector<FileLine> lines = MatchContributionFile(report.lines, sha256, payers, today);
//   // lines with outcome kRecord are recorded under their payment_id.
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/pence.h"
#include "selfdirect/ledger/contributions.h"
#include "selfdirect/ledger/statement.h"

namespace selfdirect::ledger {

// The reference a person quotes when paying their contribution: "SD" and the last 8 characters
// of their id ("SD7K3P9QX2"), short enough for any bank's reference box. Two people of one council
// share one only if the random part of their ids ends alike (about 1 in 10^12 for two people); a
// file line quoting a shared one is left for a finance officer (kUnknownReference).
std::string ContributionReference(const PersonId& person);

// The contribution reference a bank line quotes in its reference, payee or description, in
// capitals: "SD" and 8 letters and digits, as a word of its own, in any case, with a space or
// hyphen allowed after "SD" ("sd-7k3p9qx2"). Nothing when there is none; the first when there are
// several.
std::optional<std::string> FindContributionReference(const StatementLine& line);

// Someone a file's line may be for: a person who owes a contribution, with their receivables and
// the payments already recorded for them.
struct FilePayer {
  PersonId person;
  std::string name;
  std::vector<Receivable> receivables;
  std::vector<RecordedPayment> recorded;
};

enum class FileLineOutcome {
  kRecord,            // a payment to record (or recorded, once the file is)
  kAlreadyRecorded,   // this line of this file was recorded before
  kMoneyOut,          // money out, or no money: not a contribution
  kNoReference,       // no contribution reference found
  kUnknownReference,  // a reference of no one who owes a contribution
  kNotAccepted,       // more than they owe, like one already recorded, a date too old, …
};
const char* FileLineOutcomeName(FileLineOutcome outcome);  // "record", "already_recorded", …

struct FileLine {
  std::int64_t row = 0;  // as StatementLine::row
  Date date;
  Pence amount;           // money in; negative for money out
  std::string text;       // what the line says: payee, reference and description, joined
  std::string reference;  // the contribution reference found, or ""
  // What the payment is recorded with as its reference: the bank's reference for the line, or
  // the contribution reference when it has none.
  std::string payment_reference;
  std::optional<PersonId> person;
  std::string person_name;
  std::string payment_id;  // for kRecord and kAlreadyRecorded
  FileLineOutcome outcome = FileLineOutcome::kNoReference;
  std::string sentence;  // what happens to the line, for the finance officer
};

// "bank-{first 16 hex digits of the file's SHA-256}-{row}": the same line of the same file is
// recorded once, however often the file is imported.
std::string FileLinePaymentId(std::string_view file_sha256, std::int64_t row);

// What each line of the file comes to, in file order. `payers` is keyed by contribution
// reference; `recorded_rows` holds the payment ids (FileLinePaymentId) of the file's lines
// recorded before, whoever they were for (someone whose line paid all they owed no longer owes,
// so is not among the payers). A person's lines in one file are taken in order, each against what
// they still owe after the ones before it.
std::vector<FileLine> MatchContributionFile(std::span<const StatementLine> lines,
                                            std::string_view file_sha256,
                                            const std::map<std::string, FilePayer>& payers,
                                            const std::set<std::string>& recorded_rows, Date today);

// The checked payment a kRecord line makes.
CheckedPayment FileLinePayment(const FileLine& line);

}  // namespace selfdirect::ledger

#pragma once
// Contributions paid in from a bank file (docs/money.md, "Contributions paid in"): the council's
// bank statement, in one of its statement formats (statement_format.h), read line by line; each
// payment in that quotes a person's contribution reference becomes a contribution payment for
// them, as if a finance officer had entered it (contributions.h). Pure: the app reads the file's
// people and records the lines.
//
//   auto report = ParseStatement(bytes, format);                  // statement.h
//   auto lines = MatchContributionFile(report.lines, {sha256, payers, shared, recorded, today});
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
#include "selfdirect/core/result.h"
#include "selfdirect/ledger/contributions.h"
#include "selfdirect/ledger/statement.h"

namespace selfdirect::ledger {

// The reference a person quotes when paying their contribution: "SD", 8 characters drawn from
// a hash of their id, and a check character (all in Crockford's base 32: digits and capitals
// but I, L, O and U), like "SD7K3P9QX2M": short enough for any bank's reference box. The check
// character catches any one character mistyped, so a slip does not turn one person's reference
// into another's. Two people of a council share one only if their ids hash alike (about 1 in
// 10^12 for two people); a line quoting a shared one is left for a finance officer.
std::string ContributionReference(const PersonId& person);

// Whether `text` (in capitals) is a well-formed reference: "SD", 9 base-32 characters, and the
// check character right.
bool IsContributionReference(std::string_view text);

// The references a bank line quotes in its reference, payee and description, in capitals, each
// once, in the order found: "SD" and 9 base-32 characters as a word of its own, in any case, with
// a space or hyphen allowed after "SD" ("sd-7k3p9qx2m"), and the check character right.
std::vector<std::string> ContributionReferencesIn(const StatementLine& line);

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
  kNotAccepted,       // more than they owe, like one already recorded, two people's references,
                      // a date too old, …
};
const char* FileLineOutcomeName(FileLineOutcome outcome);  // "record", "already_recorded", …

struct FileLine {
  std::int64_t row = 0;  // as StatementLine::row
  Date date;
  Pence amount;           // money in; negative for money out
  std::string text;       // what the line says: payee, reference and description, joined
  std::string reference;  // the (first) contribution reference found, or ""
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

// What the file's lines are read against.
struct FileContext {
  std::string file_sha256;
  // Everyone with a contribution receivable (owing or not), by contribution reference.
  std::map<std::string, FilePayer> payers;
  // References two or more of them share: nobody's, so left for a finance officer.
  std::set<std::string> shared_references;
  // The payment ids (FileLinePaymentId) of this file's lines recorded before.
  std::set<std::string> recorded_rows;
  Date today;
};

// What each line of the file comes to, in file order. A person's lines in one file are taken in
// order, each against what they still owe after the ones before it; two equal lines are two
// payments (a bank statement lists what arrived). kOverflow only for sums no ledger reaches.
Result<std::vector<FileLine>> MatchContributionFile(std::span<const StatementLine> lines,
                                                    const FileContext& context);

// The checked payment a kRecord line makes.
CheckedPayment FileLinePayment(const FileLine& line);

}  // namespace selfdirect::ledger

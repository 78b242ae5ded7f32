#include "selfdirect/app/people_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>

#include "selfdirect/casework/codes.h"
#include "selfdirect/casework/nhs_number.h"
#include "selfdirect/core/text.h"

namespace selfdirect::app {
namespace {

constexpr std::string_view kColumns[] = {
    "external_reference",
    "given_name",
    "family_name",
    "date_of_birth",
    "nhs_number",
    "address",
    "postcode",
    "phone",
    "email",
    "gender",
    "ethnicity",
    "primary_support_reason",
    "accommodation",
    "employment",
    "has_unpaid_carer",
    "communication.easy_read",
    "communication.large_print",
    "communication.interpreter_language",
    "communication.other",
    "contact_date",
    "route_of_access",
    "asked_for",
    "contact_outcome",
};

constexpr std::string_view kRequired[] = {"given_name", "family_name", "date_of_birth"};

// The route of access recorded when the file gives none: the national return's catch-all.
constexpr const char* kDefaultRoute = "community";

// The most a reference from the old system may be.
constexpr std::size_t kMaxExternalReference = 100;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The column a field error from the use cases is about.
std::string ColumnOf(const std::string& field) {
  if (field == "contact.outcome") return "contact_outcome";
  if (field.starts_with("contact.")) return field.substr(8);
  return field;
}

// Groups of three digits, as people read NHS numbers: 943 476 5919.
std::string ShowNhsNumber(const std::string& digits) {
  if (digits.size() != 10) return digits;
  return digits.substr(0, 3) + " " + digits.substr(3, 3) + " " + digits.substr(6);
}

// A yes/no cell; empty means no.
std::optional<bool> YesNo(const std::string& text) {
  const std::string t = Lower(Trim(text));
  if (t.empty() || t == "no" || t == "false" || t == "n") return false;
  if (t == "yes" || t == "true" || t == "y") return true;
  return std::nullopt;
}

// A row that passed every check on its own, waiting for the file-wide checks.
struct CheckedRow {
  std::int64_t line = 0;
  std::string external_reference;
  casework::Person person;
  casework::Contact contact;
};

// Turns one of the CSV reader's messages ("row 12 (line 14 of the file), column 3
// ("nhs_number"): this field is …") into a problem naming the line and the column.
ImportProblem FromReader(const std::string& message, std::int64_t line) {
  ImportProblem p{line, "", message};
  const auto colon = message.find(": ");
  if (colon == std::string::npos) return p;
  const std::string where = message.substr(0, colon);
  const auto column = where.find("column ");
  if (column == std::string::npos) return p;
  std::string name = where.substr(column + 7);
  if (const auto quote = name.find(" (\""); quote != std::string::npos && name.ends_with("\")")) {
    name = name.substr(quote + 3, name.size() - quote - 5);
  }
  p.column = name;
  p.message = message.substr(colon + 2);
  if (!p.message.empty()) {
    p.message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(p.message[0])));
  }
  return p;
}

// The header's problems: columns this import does not know (with a hint when a known one
// differs only in letter case, spaces or "_" for "."), and required columns missing.
std::vector<ImportProblem> CheckHeader(const std::vector<std::string>& names) {
  std::vector<ImportProblem> problems;
  auto has = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  auto loose = [](std::string_view name) {
    std::string out;
    for (char c : Trim(name)) {
      if (c == ' ' || c == '_' || c == '.' || c == '-') continue;
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
  };
  for (const std::string& name : names) {
    if (std::find(std::begin(kColumns), std::end(kColumns), name) != std::end(kColumns)) continue;
    std::string hint;
    for (std::string_view candidate : kColumns) {
      if (loose(candidate) == loose(name) && !has(candidate)) {
        hint = fmt::format(" Did you mean {}? Column names must be written exactly so.", candidate);
      }
    }
    if (hint.empty()) {
      hint = " Rename it to one of the columns listed in docs/people-import.md, or remove it.";
    }
    problems.push_back({1, name.empty() ? std::string("(no name)") : name,
                        "selfdirect does not know this column." + hint});
  }
  for (std::string_view required : kRequired) {
    if (!has(required)) {
      problems.push_back(
          {1, "",
           fmt::format("The header has no {} column. Every file needs given_name, family_name "
                       "and date_of_birth.",
                       required)});
    }
  }
  return problems;
}

}  // namespace

std::string ImportProblem::ToString() const {
  if (line == 0) return message;
  if (column.empty()) return fmt::format("line {}: {}", line, message);
  return fmt::format("line {}, column {}: {}", line, column, message);
}

std::span<const std::string_view> PeopleImportColumns() { return kColumns; }
std::span<const std::string_view> RequiredPeopleImportColumns() { return kRequired; }

Result<casework::Contact> ValidateNewContact(const NewContact& contact, Date today) {
  std::vector<FieldError> errors;
  casework::Contact c;
  c.contact_date = today;
  if (!contact.contact_date.empty()) {
    auto day = ParseIsoDate(contact.contact_date);
    if (!day) {
      errors.push_back(
          {"contact.contact_date", "Enter the date of contact as a real date, like 2026-11-20"});
    } else if (*day > today) {
      errors.push_back({"contact.contact_date", "The date of contact must be today or earlier"});
    } else {
      c.contact_date = *day;
    }
  }
  c.route_of_access = contact.route_of_access;
  if (casework::FindCode(casework::CodeList::kRouteOfAccess, c.route_of_access) == nullptr) {
    std::string allowed;
    for (const casework::Code& code : casework::Codes(casework::CodeList::kRouteOfAccess)) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(code.code);
    }
    errors.push_back(
        {"contact.route_of_access", "Choose how the person came to the council (" + allowed + ")"});
  }
  c.outcome = contact.outcome.empty() ? "to_assessment" : contact.outcome;
  if (casework::FindCode(casework::CodeList::kContactOutcome, c.outcome) == nullptr) {
    std::string allowed;
    for (const casework::Code& code : casework::Codes(casework::CodeList::kContactOutcome)) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(code.code);
    }
    errors.push_back({"contact.outcome", "Choose what happens next (" + allowed + ")"});
  }
  c.asked_for = contact.asked_for;
  if (contact.asked_for.size() > 2000) {
    errors.push_back(
        {"contact.asked_for", "What they asked for must be 2,000 characters or fewer"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return c;
}

Result<PeopleImportReport> PeopleImport::Import(const Context& ctx, CsvReader& reader,
                                                const PeopleImportOptions& options) {
  if (auto d = Decide(ctx.actor, Action::kPeopleCreate, Resource::Council(ctx.actor.council_id));
      !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  PeopleImportReport report;
  report.dry_run = options.dry_run;
  auto& problems = report.problems;

  CsvRecord record;
  Result<bool> first = reader.Next(record);
  if (!first) {
    if (first.error().code != ErrorCode::kInvalidArgument) return tl::unexpected(first.error());
    problems.push_back(FromReader(first.error().message, reader.record_line()));
    return report;
  }
  if (!*first) {
    problems.push_back({0, "",
                        "The file is empty. Its first line must be a header naming the columns, "
                        "such as given_name,family_name,date_of_birth, and each line after it "
                        "one person."});
    return report;
  }
  std::vector<std::string> names = record.ToStrings();
  problems = CheckHeader(names);
  auto header = CsvHeader::FromNames(std::move(names));
  if (!header) {  // two columns with the same name
    for (const FieldError& f : header.error().fields) {
      problems.push_back({1, f.field.empty() ? "(no name)" : f.field,
                          "More than one column has this name; each column must have a "
                          "different name"});
    }
    if (header.error().fields.empty()) problems.push_back({1, "", header.error().message});
  }
  if (!problems.empty()) return report;
  reader.NameColumns(header->names());

  // Where each column is, or nullopt; and a cell's text ("" for a column the file lacks).
  std::vector<std::optional<std::size_t>> at;
  for (std::string_view name : kColumns) at.push_back(header->IndexOf(name));
  auto index = [](std::string_view name) {
    return static_cast<std::size_t>(std::find(std::begin(kColumns), std::end(kColumns), name) -
                                    std::begin(kColumns));
  };
  report.has_external_reference = at[index("external_reference")].has_value();

  const Date today = clock_.Today();
  std::vector<CheckedRow> rows;
  std::unordered_map<std::string, std::int64_t> nhs_lines;        // NHS number → first line
  std::unordered_map<std::string, std::int64_t> reference_lines;  // external ref → first line
  while (true) {
    Result<bool> got = reader.Next(record);
    if (!got) {
      if (got.error().code != ErrorCode::kInvalidArgument) return tl::unexpected(got.error());
      ++report.rows;
      problems.push_back(FromReader(got.error().message, reader.record_line()));
      if (reader.stopped()) break;
      continue;
    }
    if (!*got) break;
    if (record.blank()) continue;
    ++report.rows;
    const std::int64_t line = record.line();
    if (record.size() != header->size()) {
      const bool few = record.size() < header->size();
      problems.push_back(
          {line, few ? header->names()[record.size()] : "",
           fmt::format("This row has {} fields but the header has {} columns. {}", record.size(),
                       header->size(),
                       few ? "Add the missing fields (they may be empty), or check for a line "
                             "break that should be inside quotes."
                           : "Check for a comma that should be inside quotes.")});
      continue;
    }
    auto cell = [&](std::string_view name) -> std::string {
      const auto& i = at[index(name)];
      return i ? std::string(record[*i]) : std::string();
    };
    std::vector<ImportProblem> found;  // this row's problems
    casework::NewPerson p;
    p.given_name = cell("given_name");
    p.family_name = cell("family_name");
    p.date_of_birth = cell("date_of_birth");
    p.nhs_number = cell("nhs_number");
    p.address = cell("address");
    p.postcode = cell("postcode");
    p.phone = cell("phone");
    p.email = cell("email");
    p.gender = cell("gender");
    p.ethnicity = cell("ethnicity");
    p.primary_support_reason = cell("primary_support_reason");
    p.accommodation = cell("accommodation");
    p.employment = cell("employment");
    p.has_unpaid_carer = cell("has_unpaid_carer");
    for (const char* flag : {"communication.easy_read", "communication.large_print"}) {
      auto yes = YesNo(cell(flag));
      if (!yes) {
        found.push_back({line, flag, "Write yes or no, or leave it empty for no"});
      } else if (std::string_view(flag) == "communication.easy_read") {
        p.communication.easy_read = *yes;
      } else {
        p.communication.large_print = *yes;
      }
    }
    p.communication.interpreter_language = cell("communication.interpreter_language");
    p.communication.other = cell("communication.other");
    NewContact c;
    c.contact_date = Trim(cell("contact_date"));
    c.route_of_access = Trim(cell("route_of_access"));
    if (c.route_of_access.empty()) c.route_of_access = kDefaultRoute;
    c.asked_for = Trim(cell("asked_for"));
    c.outcome = Trim(cell("contact_outcome"));
    const std::string reference = Trim(cell("external_reference"));

    auto person = casework::ValidateNewPerson(p, today);
    auto contact = ValidateNewContact(c, today);
    std::vector<FieldError> errors;
    if (!person) errors = person.error().fields;
    if (!contact) {
      errors.insert(errors.end(), contact.error().fields.begin(), contact.error().fields.end());
    }
    for (const FieldError& e : errors) found.push_back({line, ColumnOf(e.field), e.message});
    if (reference.size() > kMaxExternalReference) {
      found.push_back(
          {line, "external_reference",
           fmt::format("The reference must be {} characters or fewer", kMaxExternalReference)});
    } else if (!reference.empty()) {
      auto [it, added] = reference_lines.emplace(reference, line);
      if (!added) {
        found.push_back(
            {line, "external_reference",
             fmt::format("The reference {} is also on line {}: each person must appear once",
                         reference, it->second)});
      }
    }
    // Even when another of the row's fields is wrong, so that every problem shows at once.
    if (auto nhs = casework::NormaliseNhsNumber(Trim(p.nhs_number)); nhs) {
      auto [it, added] = nhs_lines.emplace(*nhs, line);
      if (!added) {
        found.push_back({line, "nhs_number",
                         fmt::format("The NHS number {} is also on line {}: each person must "
                                     "appear once",
                                     ShowNhsNumber(*nhs), it->second)});
      }
    }
    if (!found.empty()) {
      // One line per problem, in the order of the columns in the file.
      std::stable_sort(found.begin(), found.end(),
                       [&](const ImportProblem& a, const ImportProblem& b) {
                         return header->IndexOf(a.column).value_or(header->size()) <
                                header->IndexOf(b.column).value_or(header->size());
                       });
      problems.insert(problems.end(), found.begin(), found.end());
      continue;
    }
    // Once a row is bad nothing will be imported, so only keep rows while all are good.
    if (problems.empty())
      rows.push_back({line, reference, std::move(*person), std::move(*contact)});
  }
  if (problems.empty() && report.rows == 0) {
    problems.push_back({0, "",
                        "The file has a header but no people. Add one line for each person "
                        "after the header."});
  }
  if (!problems.empty()) return report;

  // Checks NHS numbers against the council's records, inside the caller's transaction.
  auto against_records = [&](store::Transaction& tx) -> Status {
    for (const CheckedRow& row : rows) {
      if (row.person.nhs_number.empty()) continue;
      auto found = tx.Casework().FindPersonByNhsNumber(ctx.actor.council_id, row.person.nhs_number);
      if (!found) return tl::unexpected(found.error());
      if (*found) {
        problems.push_back(
            {row.line, "nhs_number",
             fmt::format("A person already on the council's records (id {}) has the NHS number "
                         "{}. Remove this row, or correct the number",
                         (*found)->str(), ShowNhsNumber(row.person.nhs_number))});
      }
    }
    return Ok();
  };

  auto list_people = [&](bool with_ids) {
    report.people.reserve(rows.size());
    for (const CheckedRow& row : rows) {
      report.people.push_back(
          {row.line, row.external_reference, with_ids ? row.person.id : PersonId()});
    }
  };

  if (options.dry_run) {
    auto s = store_.Read(against_records);
    if (!s) return tl::unexpected(s.error());
    if (problems.empty()) list_people(false);
    return report;
  }

  const Timestamp now = clock_.Now();
  for (CheckedRow& row : rows) {
    row.person.council = ctx.actor.council_id;
    row.person.id = PersonId(ids_.Next());
    row.person.created_at = now;
    row.person.created_by = ctx.actor.user_id;
    row.person.revision = 1;
    row.contact.council = ctx.actor.council_id;
    row.contact.id = ContactId(ids_.Next());
    row.contact.person = row.person.id;
    row.contact.recorded_at = now;
    row.contact.recorded_by = ctx.actor.user_id;
  }
  const std::string source = options.source_name.empty() ? "a file" : options.source_name;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (auto checked = against_records(tx); !checked) return checked;
    if (!problems.empty()) return Ok();  // nothing has been written
    const casework::CaseState state{};
    const auto total = static_cast<std::int64_t>(rows.size());
    std::int64_t done = 0;
    for (const CheckedRow& row : rows) {
      auto& cw = tx.Casework();
      if (auto created = cw.CreatePerson(row.person, state); !created) return created;
      if (auto added = cw.AddContact(row.contact); !added) return added;
      if (auto e = cw.AddCaseEvent({row.person.council, row.person.id, "contact",
                                    casework::StageName(state.stage), now, ctx.actor.user_id,
                                    row.contact.route_of_access});
          !e) {
        return e;
      }
      AuditEntry entry = MakeAuditEntry(
          ctx, row.person.council, now, "people.create", "person", row.person.id.str(),
          AuditOutcome::kAllowed,
          row.external_reference.empty()
              ? fmt::format("imported a person and their first contact from {}, line {}", source,
                            row.line)
              : fmt::format("imported a person and their first contact from {}, line {} "
                            "(reference {} in the old system)",
                            source, row.line, row.external_reference));
      entry.subject_person_id = row.person.id.str();
      if (auto a = tx.Audit().Append(entry); !a) return a;
      ++done;
      if (options.on_write && (done % 500 == 0 || done == total)) options.on_write(done, total);
    }
    AuditEntry entry = MakeAuditEntry(
        ctx, ctx.actor.council_id, now, "people.import", "council", ctx.actor.council_id.str(),
        AuditOutcome::kAllowed,
        fmt::format("imported {} {} from {}", total, total == 1 ? "person" : "people", source));
    return tx.Audit().Append(entry);
  });
  if (!s) return tl::unexpected(s.error());
  if (problems.empty()) list_people(true);
  return report;
}

}  // namespace selfdirect::app

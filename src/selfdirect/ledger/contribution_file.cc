#include "selfdirect/ledger/contribution_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace selfdirect::ledger {
namespace {

constexpr std::size_t kReferenceTail = 8;

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The first "SD" + 8 letters and digits standing as a word in `text`, in capitals.
std::optional<std::string> ReferenceIn(std::string_view text) {
  for (std::size_t i = 0; i + 2 + kReferenceTail <= text.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != 'S' ||
        std::toupper(static_cast<unsigned char>(text[i + 1])) != 'D') {
      continue;
    }
    if (i > 0 && IsWordChar(text[i - 1])) continue;
    std::size_t j = i + 2;
    if (j < text.size() && (text[j] == ' ' || text[j] == '-')) ++j;
    if (j + kReferenceTail > text.size()) continue;
    std::string out = "SD";
    bool word = true;
    for (std::size_t k = 0; k < kReferenceTail; ++k) {
      const char c = text[j + k];
      if (!IsWordChar(c)) {
        word = false;
        break;
      }
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (!word) continue;
    if (j + kReferenceTail < text.size() && IsWordChar(text[j + kReferenceTail])) continue;
    return out;
  }
  return std::nullopt;
}

// `text` on one line, at most kMaxPaymentReferenceLength bytes, not cut inside a character.
std::string OneLine(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  }
  if (out.size() > kMaxPaymentReferenceLength) {
    std::size_t cut = kMaxPaymentReferenceLength;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

std::string LineText(const StatementLine& line) {
  std::string out;
  for (const std::string* part : {&line.payee, &line.reference, &line.description}) {
    if (part->empty()) continue;
    if (!out.empty()) out += " · ";
    out += *part;
  }
  return out;
}

}  // namespace

std::string ContributionReference(const PersonId& person) {
  const std::string& id = person.str();
  return "SD" + id.substr(id.size() < kReferenceTail ? 0 : id.size() - kReferenceTail);
}

std::optional<std::string> FindContributionReference(const StatementLine& line) {
  for (const std::string* part : {&line.reference, &line.payee, &line.description}) {
    if (auto found = ReferenceIn(*part)) return found;
  }
  return std::nullopt;
}

const char* FileLineOutcomeName(FileLineOutcome outcome) {
  switch (outcome) {
    case FileLineOutcome::kRecord:
      return "record";
    case FileLineOutcome::kAlreadyRecorded:
      return "already_recorded";
    case FileLineOutcome::kMoneyOut:
      return "money_out";
    case FileLineOutcome::kNoReference:
      return "no_reference";
    case FileLineOutcome::kUnknownReference:
      return "unknown_reference";
    case FileLineOutcome::kNotAccepted:
      return "not_accepted";
  }
  return "no_reference";
}

std::string FileLinePaymentId(std::string_view file_sha256, std::int64_t row) {
  return fmt::format("bank-{}-{}", file_sha256.substr(0, 16), row);
}

std::vector<FileLine> MatchContributionFile(std::span<const StatementLine> lines,
                                            std::string_view file_sha256,
                                            const std::map<std::string, FilePayer>& payers,
                                            const std::set<std::string>& recorded_rows,
                                            Date today) {
  std::vector<FileLine> out;
  std::map<std::string, Pence> still_owed;  // by reference, after the file's lines so far
  for (const StatementLine& l : lines) {
    FileLine f;
    f.row = l.row;
    f.date = l.date;
    f.amount = l.amount;
    f.text = LineText(l);
    out.push_back(f);
    FileLine& line = out.back();
    if (l.amount.value() <= 0) {
      line.outcome = FileLineOutcome::kMoneyOut;
      line.sentence = l.amount.value() == 0 ? "No money came in on this line"
                                            : "Money out of the account: not a contribution";
      continue;
    }
    auto reference = FindContributionReference(l);
    if (reference) line.reference = *reference;
    if (const std::string id = FileLinePaymentId(file_sha256, l.row); recorded_rows.contains(id)) {
      line.payment_id = id;
      if (auto payer = payers.find(line.reference); reference && payer != payers.end()) {
        line.person = payer->second.person;
        line.person_name = payer->second.name;
      }
      line.outcome = FileLineOutcome::kAlreadyRecorded;
      line.sentence = "Recorded already, when this file was read before";
      continue;
    }
    if (!reference) {
      line.outcome = FileLineOutcome::kNoReference;
      line.sentence =
          "No contribution reference on this line: if you know whose payment it is, record it "
          "on their contribution payments page";
      continue;
    }
    auto payer = payers.find(*reference);
    if (payer == payers.end()) {
      line.outcome = FileLineOutcome::kUnknownReference;
      line.sentence = fmt::format(
          "No one who owes a contribution has the reference {}: check it against the person's "
          "letter, then record it by hand",
          *reference);
      continue;
    }
    const FilePayer& p = payer->second;
    line.person = p.person;
    line.person_name = p.name;
    line.payment_id = FileLinePaymentId(file_sha256, l.row);
    line.outcome = FileLineOutcome::kNotAccepted;
    line.payment_reference = OneLine(l.reference.empty() ? *reference : l.reference);
    ContributionPaymentRequest request{line.payment_id, l.amount.value(), FormatIsoDate(l.date),
                                       line.payment_reference};
    auto checked = ValidateContributionPayment(request, today);
    if (!checked) {
      const auto& fields = checked.error().fields;
      line.sentence = fields.empty() ? checked.error().message : fields.front().message;
      continue;
    }
    if (const RecordedPayment* alike = AlikePayment(*checked, p.recorded)) {
      line.sentence = fmt::format(
          "{} paid on {} is already recorded for them: if they really paid twice, record this "
          "one by hand",
          FormatPounds(alike->amount), FormatLongDate(alike->paid_on));
      continue;
    }
    auto [left, added] = still_owed.try_emplace(*reference);
    if (added) left->second = TotalOwed(p.receivables).value_or(Pence(0));
    if (left->second.value() == 0) {
      line.sentence = "They owe nothing now: refund it, or record it by hand once they owe it";
      continue;
    }
    if (left->second < l.amount) {
      line.sentence =
          fmt::format("More than the {} they owe: record what they owe by hand and refund the rest",
                      FormatPounds(left->second));
      continue;
    }
    left->second = Pence(left->second.value() - l.amount.value());
    line.outcome = FileLineOutcome::kRecord;
    line.sentence =
        fmt::format("{} from {} towards their contribution", FormatPounds(l.amount), p.name);
  }
  return out;
}

CheckedPayment FileLinePayment(const FileLine& line) {
  return {line.payment_id, line.amount, line.date, line.payment_reference, false};
}

}  // namespace selfdirect::ledger

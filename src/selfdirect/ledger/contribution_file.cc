#include "selfdirect/ledger/contribution_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "selfdirect/core/text.h"

namespace selfdirect::ledger {
namespace {

// Crockford's base 32: digits and capitals but I, L, O and U.
constexpr std::string_view kBase32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kHashChars = 8;
constexpr std::size_t kReferenceChars = kHashChars + 1;  // and the check character

int ValueOf(char c) {
  const auto at = kBase32.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// The check character of `chars`: the sum of each value times an odd weight (1, 3, 5, …), modulo
// 32. An odd weight has no common factor with 32, so any one character changed changes it.
char CheckOf(std::string_view chars) {
  int sum = 0;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    sum += ValueOf(chars[i]) * static_cast<int>(2 * i + 1);
  }
  return kBase32[static_cast<std::size_t>(sum % 32)];
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Every well-formed reference standing as a word in `text`, in capitals, added to `out` once.
void ReferencesIn(std::string_view text, std::vector<std::string>& out) {
  for (std::size_t i = 0; i + 2 + kReferenceChars <= text.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != 'S' ||
        std::toupper(static_cast<unsigned char>(text[i + 1])) != 'D') {
      continue;
    }
    if (i > 0 && IsWordChar(text[i - 1])) continue;
    std::size_t j = i + 2;
    if (j < text.size() && (text[j] == ' ' || text[j] == '-')) ++j;
    if (j + kReferenceChars > text.size()) continue;
    if (j + kReferenceChars < text.size() && IsWordChar(text[j + kReferenceChars])) continue;
    std::string candidate = "SD";
    for (std::size_t k = 0; k < kReferenceChars; ++k) {
      candidate += static_cast<char>(std::toupper(static_cast<unsigned char>(text[j + k])));
    }
    if (IsContributionReference(candidate) &&
        std::find(out.begin(), out.end(), candidate) == out.end()) {
      out.push_back(std::move(candidate));
    }
  }
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
  // The hash's low 40 bits as 8 base-32 characters.
  std::uint64_t h = Fnv1a(person.str());
  std::string chars(kHashChars, '0');
  for (std::size_t i = kHashChars; i-- > 0;) {
    chars[i] = kBase32[h % 32];
    h /= 32;
  }
  return "SD" + chars + CheckOf(chars);
}

bool IsContributionReference(std::string_view text) {
  if (text.size() != 2 + kReferenceChars || !text.starts_with("SD")) return false;
  const std::string_view chars = text.substr(2, kHashChars);
  if (std::any_of(chars.begin(), chars.end(), [](char c) { return ValueOf(c) < 0; })) {
    return false;
  }
  return text.back() == CheckOf(chars);
}

std::vector<std::string> ContributionReferencesIn(const StatementLine& line) {
  std::vector<std::string> out;
  for (const std::string* part : {&line.reference, &line.payee, &line.description}) {
    ReferencesIn(*part, out);
  }
  return out;
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
  return fmt::format("{}{}-{}", kBankFilePaymentPrefix, file_sha256.substr(0, 16), row);
}

Result<std::vector<FileLine>> MatchContributionFile(std::span<const StatementLine> lines,
                                                    const FileContext& context) {
  std::vector<FileLine> out;
  // By reference: what may still be paid after the file's lines so far, and whether a closed
  // receivable keeps it below what they owe.
  struct Payable {
    Pence left;
    bool closed_holds_some = false;
  };
  std::map<std::string, Payable> still_payable;
  for (const StatementLine& l : lines) {
    FileLine& line = out.emplace_back();
    line.row = l.row;
    line.date = l.date;
    line.amount = l.amount;
    line.text = LineText(l);
    if (l.amount.value() <= 0) {
      line.outcome = FileLineOutcome::kMoneyOut;
      line.sentence = l.amount.value() == 0 ? "No money came in on this line"
                                            : "Money out of the account: not a contribution";
      continue;
    }
    const std::vector<std::string> references = ContributionReferencesIn(l);
    // The people the line names: references of one person each, in the order quoted.
    std::vector<const FilePayer*> named;
    for (const std::string& r : references) {
      if (context.shared_references.contains(r)) continue;
      if (auto p = context.payers.find(r); p != context.payers.end()) named.push_back(&p->second);
    }
    if (!references.empty()) line.reference = references.front();
    if (named.size() == 1) {
      line.person = named.front()->person;
      line.person_name = named.front()->name;
      line.reference = ContributionReference(named.front()->person);
    }
    if (const std::string id = FileLinePaymentId(context.file_sha256, l.row);
        context.recorded_rows.contains(id)) {
      line.payment_id = id;
      line.outcome = FileLineOutcome::kAlreadyRecorded;
      line.sentence = "This file was read before, and this payment was recorded then";
      continue;
    }
    if (references.empty()) {
      line.outcome = FileLineOutcome::kNoReference;
      line.sentence =
          "No contribution reference on this line: if you know whose payment it is, record it "
          "on their contribution payments page";
      continue;
    }
    if (named.size() > 1) {
      line.outcome = FileLineOutcome::kNotAccepted;
      line.sentence = fmt::format(
          "It quotes the references of {} and {}: record it by hand for the one who paid",
          named[0]->name, named[1]->name);
      continue;
    }
    if (named.empty()) {
      line.outcome = FileLineOutcome::kUnknownReference;
      line.sentence = context.shared_references.contains(line.reference)
                          ? fmt::format(
                                "More than one person has the reference {}: record it by hand for "
                                "the one who paid",
                                line.reference)
                          : fmt::format(
                                "No one with a contribution has the reference {}: check it against "
                                "the person's letter, then record it by hand",
                                line.reference);
      continue;
    }
    const FilePayer& p = *named.front();
    line.payment_id = FileLinePaymentId(context.file_sha256, l.row);
    line.payment_reference = OneLine(l.reference.empty() ? line.reference : l.reference);
    line.outcome = FileLineOutcome::kNotAccepted;
    ContributionPaymentRequest request{line.payment_id, l.amount.value(), FormatIsoDate(l.date),
                                       line.payment_reference};
    auto checked = ValidateContributionPayment(request, context.today);
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
    auto [payable, added] = still_payable.try_emplace(line.reference);
    if (added) {
      auto now = PayableNow(p.receivables);
      if (!now) return tl::unexpected(now.error());
      auto owed = TotalOwed(p.receivables);
      if (!owed) return tl::unexpected(owed.error());
      payable->second = {*now, *now < *owed};
    }
    Pence& left = payable->second.left;
    if (left < l.amount) {
      if (left.value() == 0 && !payable->second.closed_holds_some) {
        line.sentence = "They owe nothing now: refund it, or record it by hand once they owe it";
      } else if (payable->second.closed_holds_some) {
        line.sentence = fmt::format(
            "Only {} of what they owe can be paid: the rest is owed on a closed account. Record "
            "it by hand",
            FormatPounds(left));
      } else {
        line.sentence = fmt::format(
            "More than the {} they owe: record what they owe by hand and refund the rest",
            FormatPounds(left));
      }
      continue;
    }
    left = Pence(left.value() - l.amount.value());
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

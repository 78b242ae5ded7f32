#include "selfdirect/ledger/contribution_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::ledger {
namespace {

using ::testing::HasSubstr;

Date D(const char* text) { return ParseIsoDate(text).value(); }
Timestamp At(const char* text) { return ParseTimestamp(text).value(); }

const PersonId kMaya("01JD000000000000007K3P9QX2");
const PersonId kBen("01JD0000000000000000BEN0X1");
const PersonId kCara("01JD000000000000000CARA001");
const std::string kSha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const LedgerAccountId kMayaOwes("01JA0000000000000000RECV01");
const LedgerAccountId kBenOwes("01JA0000000000000000RECV02");

StatementLine Line(std::int64_t row, std::int64_t pence, const std::string& reference,
                   const char* payee = "", const char* on = "2026-11-20") {
  StatementLine l;
  l.row = row;
  l.line = row + 1;
  l.date = D(on);
  l.amount = Pence(pence);
  l.reference = reference;
  l.payee = payee;
  return l;
}

FileContext Context() {
  FileContext c;
  c.file_sha256 = kSha;
  c.today = D("2026-11-22");
  c.payers[ContributionReference(kMaya)] = {kMaya, "Maya Okafor", {{kMayaOwes, Pence(4000)}}, {}};
  c.payers[ContributionReference(kBen)] = {
      kBen,
      "Ben Adeyemi",
      {{kBenOwes, Pence(2000)}},
      {{"form-1", D("2026-11-18"), Pence(1000), "BACS 7731", At("2026-11-18T10:00:00.000Z")}}};
  return c;
}

std::vector<FileLine> Match(const std::vector<StatementLine>& lines, const FileContext& c) {
  auto out = MatchContributionFile(lines, c);
  EXPECT_TRUE(out) << out.error().message;
  return out.value_or(std::vector<FileLine>{});
}

TEST(ContributionReference, IsSdEightCharactersFromAHashAndACheckCharacter) {
  const std::string maya = ContributionReference(kMaya);
  ASSERT_EQ(maya.size(), 11u);
  EXPECT_TRUE(maya.starts_with("SD"));
  EXPECT_TRUE(IsContributionReference(maya));
  EXPECT_EQ(maya, ContributionReference(kMaya));  // the same every time
  // People whose ids differ in the last character (made in one millisecond) are far apart.
  const std::string next = ContributionReference(PersonId("01JD000000000000007K3P9QX3"));
  int same = 0;
  for (std::size_t i = 2; i < 11; ++i) same += maya[i] == next[i] ? 1 : 0;
  EXPECT_LT(same, 6) << maya << " " << next;
  // Any one character mistyped fails the check, so it names no one.
  for (std::size_t i = 2; i < 11; ++i) {
    for (const char c : std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ")) {
      if (c == maya[i]) continue;
      std::string typo = maya;
      typo[i] = c;
      EXPECT_FALSE(IsContributionReference(typo)) << typo;
    }
  }
  // Letters Crockford's base 32 leaves out are not references.
  std::string with_i = maya;
  with_i[3] = 'I';
  EXPECT_FALSE(IsContributionReference(with_i));
}

TEST(ContributionReference, IsFoundAsAWordInAnyCaseAndEachOnce) {
  const std::string maya = ContributionReference(kMaya);
  std::string lower = "sd-" + maya.substr(2);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(ContributionReferencesIn(Line(1, 100, maya)), std::vector<std::string>{maya});
  EXPECT_EQ(ContributionReferencesIn(Line(1, 100, "contrib " + lower + " nov")),
            std::vector<std::string>{maya});
  EXPECT_EQ(ContributionReferencesIn(Line(1, 100, "", ("M OKAFOR SD " + maya.substr(2)).c_str())),
            std::vector<std::string>{maya});
  // Part of a longer word, a check character wrong, or "SD" followed by other words: none.
  EXPECT_TRUE(ContributionReferencesIn(Line(1, 100, "X" + maya)).empty());
  EXPECT_TRUE(ContributionReferencesIn(Line(1, 100, maya + "1")).empty());
  EXPECT_TRUE(ContributionReferencesIn(Line(1, 100, "SD PAYMENTS SD 12345678 INV")).empty());
  // A false start before the real one does not hide it; a reference quoted twice counts once.
  EXPECT_EQ(ContributionReferencesIn(Line(1, 100, "SD PAYMENTS " + maya, maya.c_str())),
            std::vector<std::string>{maya});
}

TEST(MatchContributionFile, EachLineSaysWhatBecomesOfIt) {
  const std::string maya = ContributionReference(kMaya);
  const std::string ben = ContributionReference(kBen);
  const std::string nobody = ContributionReference(kCara);
  const std::vector<StatementLine> lines = {
      Line(1, 1500, "BGC " + maya),          // recorded
      Line(2, -2500, "DD ELECTRIC"),         // money out
      Line(3, 1000, "GIFT"),                 // no reference
      Line(4, 1000, nobody),                 // no one with it
      Line(5, 3000, maya),                   // more than the £25.00 left
      Line(6, 2500, maya),                   // the rest of what she owes
      Line(7, 1000, ben, "", "2026-11-18"),  // like Ben's payment entered by hand
      Line(8, 500, ben, "", "2019-11-18"),   // too long ago
      Line(9, 500, ben),                     // recorded
      Line(10, 500, maya + " " + ben),       // two people's references
  };
  auto out = Match(lines, Context());
  ASSERT_EQ(out.size(), lines.size());
  std::vector<FileLineOutcome> outcomes;
  for (const FileLine& f : out) outcomes.push_back(f.outcome);
  EXPECT_EQ(outcomes, (std::vector<FileLineOutcome>{
                          FileLineOutcome::kRecord, FileLineOutcome::kMoneyOut,
                          FileLineOutcome::kNoReference, FileLineOutcome::kUnknownReference,
                          FileLineOutcome::kNotAccepted, FileLineOutcome::kRecord,
                          FileLineOutcome::kNotAccepted, FileLineOutcome::kNotAccepted,
                          FileLineOutcome::kRecord, FileLineOutcome::kNotAccepted}));
  EXPECT_EQ(out[0].person, kMaya);
  EXPECT_EQ(out[0].payment_id, "bank-0123456789abcdef-1");
  EXPECT_EQ(out[0].payment_reference, "BGC " + maya);
  EXPECT_EQ(out[0].sentence, "£15.00 from Maya Okafor towards their contribution");
  EXPECT_THAT(out[3].sentence, HasSubstr("No one with a contribution has the reference " + nobody));
  EXPECT_EQ(out[4].sentence,
            "More than the £25.00 they owe: record what they owe by hand and refund the rest");
  // Entered by hand with a receipt number, the file's line with the bank's reference is the
  // same payment all the same.
  EXPECT_THAT(out[6].sentence, HasSubstr("£10.00 paid on 18 November 2026 is already recorded"));
  EXPECT_EQ(out[7].sentence, "The day they paid must be in the last 6 years: check the year");
  EXPECT_EQ(out[9].sentence,
            "It quotes the references of Maya Okafor and Ben Adeyemi: record it by hand for the "
            "one who paid");

  const CheckedPayment p = FileLinePayment(out[5]);
  EXPECT_EQ(p.payment_id, "bank-0123456789abcdef-6");
  EXPECT_EQ(p.amount, Pence(2500));
  EXPECT_EQ(p.paid_on, D("2026-11-20"));
  EXPECT_EQ(p.reference, maya);
}

TEST(MatchContributionFile, SomeoneSquareInCreditOrOwingOnAClosedAccountIsAskedAbout) {
  FileContext c = Context();
  const std::string maya = ContributionReference(kMaya);
  c.payers[maya].receivables = {{kMayaOwes, Pence(-500)}};
  EXPECT_EQ(Match({Line(1, 1000, maya)}, c)[0].sentence,
            "They owe nothing now: refund it, or record it by hand once they owe it");
  c.payers[maya].receivables = {{kMayaOwes, Pence(4000), false},
                                {LedgerAccountId("01JA0000000000000000RECV03"), Pence(1000)}};
  auto closed = Match({Line(1, 1500, maya)}, c);
  EXPECT_EQ(closed[0].outcome, FileLineOutcome::kNotAccepted);
  EXPECT_EQ(closed[0].sentence,
            "Only £10.00 of what they owe can be paid: the rest is owed on a closed account. "
            "Record it by hand");
  EXPECT_EQ(Match({Line(1, 1000, maya)}, c)[0].outcome, FileLineOutcome::kRecord);
  // A reference two people share is nobody's.
  c.shared_references.insert(maya);
  EXPECT_THAT(Match({Line(1, 1000, maya)}, c)[0].sentence,
              HasSubstr("More than one person has the reference " + maya));
}

TEST(MatchContributionFile, ALineRecordedBeforeIsNotRecordedAgain) {
  FileContext c = Context();
  const std::string maya = ContributionReference(kMaya);
  c.payers[maya].recorded.push_back({FileLinePaymentId(kSha, 1), D("2026-11-20"), Pence(1500), maya,
                                     At("2026-11-21T10:00:00.000Z")});
  c.recorded_rows.insert(FileLinePaymentId(kSha, 1));
  const std::vector<StatementLine> lines = {Line(1, 1500, maya)};
  auto out = Match(lines, c);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].outcome, FileLineOutcome::kAlreadyRecorded);
  EXPECT_EQ(out[0].person_name, "Maya Okafor");
  // Another file with the same line is another payment, asked about as one like it.
  FileContext other = c;
  other.file_sha256 = std::string(64, 'f');
  other.recorded_rows.clear();
  auto again = Match(lines, other);
  EXPECT_EQ(again[0].outcome, FileLineOutcome::kNotAccepted);
  EXPECT_THAT(again[0].sentence, HasSubstr("already recorded for them"));
}

TEST(AlikePayment, ALineOfTheBankFileIsLikeAHandEntryWhateverTheReferences) {
  const std::vector<RecordedPayment> by_file = {
      {"bank-0123456789abcdef-4", D("2026-11-20"), Pence(1500), "SD7K3P9QX2M", Timestamp{}}};
  auto by_hand =
      ValidateContributionPayment({"form-9", 1500, "2026-11-20", "Receipt 12"}, D("2026-11-22"))
          .value();
  EXPECT_NE(AlikePayment(by_hand, by_file), nullptr);
}

}  // namespace
}  // namespace selfdirect::ledger

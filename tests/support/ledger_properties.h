// Property checks of the ledger over random operations, run against any implementation: the
// in-memory Book (src/selfdirect/ledger/book_test.cc) and the SQLite repository
// (src/selfdirect/store/sqlite_ledger_test.cc). Call CheckRandomOperations inside an
// RC_GTEST_PROP; it draws its operations from RapidCheck, so a failure shrinks to a short case.
//
// A `Books` adapter provides:
//   Status Open(const ledger::Account&);
//   Status Close(const LedgerAccountId&, Timestamp);
//   std::vector<ledger::TransferResult> Create(const std::vector<ledger::Transfer>&);
//   std::vector<ledger::Account> Accounts();
//   std::vector<ledger::Transfer> Transfers();
//   ledger::LedgerCheck Verify();
//
// The properties, checked after every batch, against a model the test keeps on its own:
//   - the sum of all debits equals the sum of all credits (posted and pending);
//   - every stored balance equals the sum of the transfers accepted so far (the model) and
//     Verify, which recomputes them from the stored transfers, agrees;
//   - replaying an accepted transfer returns the original and changes nothing; the same id with
//     other content is refused with kConflict;
//   - a pending transfer is posted or voided at most once;
//   - no account breaks its balance rule (a no-overdraft account never goes below zero);
//   - a closed account takes no transfer, and every refusal names a field.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "selfdirect/ledger/batch.h"

namespace selfdirect::testing {

inline LedgerAccountId PropertyAccountId(int i) {
  return LedgerAccountId("01JD0000000000000000ACCT0" + std::to_string(i));
}

template <typename Books>
void CheckRandomOperations(Books& books, const CouncilId& council, Timestamp now) {
  using ledger::Account;
  using ledger::Transfer;
  using ledger::TransferFlag;

  struct Expected {
    Int128 debits_posted = 0, credits_posted = 0, debits_pending = 0, credits_pending = 0;
  };
  std::map<std::string, Expected> expected;
  std::map<std::string, Account> opened;
  std::set<std::string> closed;
  std::map<std::string, Transfer> recorded;  // accepted, by id
  std::map<std::string, Transfer> requests;  // the request that was accepted, by id
  std::vector<std::string> pendings;         // accepted pending ids
  std::set<std::string> resolved;            // pending ids posted or voided

  const int account_count = *rc::gen::inRange(2, 6);
  for (int i = 0; i < account_count; ++i) {
    Account a;
    a.council = council;
    a.id = PropertyAccountId(i);
    a.type = ledger::AccountType::kDirectPaymentHolding;
    a.owner = {ledger::OwnerKind::kCouncil, council.str()};
    a.name = "Account " + std::to_string(i);
    const int rule = *rc::gen::inRange(0, 3);
    a.flags.debits_must_not_exceed_credits = rule == 1;
    a.flags.credits_must_not_exceed_debits = rule == 2;
    a.created_at = now;
    RC_ASSERT(books.Open(a).has_value());
    opened[a.id.str()] = a;
    expected[a.id.str()] = {};
  }

  auto pick_account = [&] { return PropertyAccountId(*rc::gen::inRange(0, account_count)); };
  auto pick_amount = [&]() -> std::int64_t {
    const int kind = *rc::gen::inRange(0, 20);
    if (kind == 0) return *rc::gen::inRange<std::int64_t>(-3, 1);             // refused: not > 0
    if (kind == 1) return INT64_MAX - *rc::gen::inRange<std::int64_t>(0, 3);  // overflows
    return *rc::gen::inRange<std::int64_t>(1, 5000);
  };
  int next_id = 0;

  const int steps = *rc::gen::inRange(1, 40);
  for (int step = 0; step < steps; ++step) {
    if (*rc::gen::inRange(0, 12) == 0) {
      // Close an account: allowed once, and only with nothing pending.
      const LedgerAccountId id = pick_account();
      const Expected& e = expected[id.str()];
      const bool may =
          !closed.contains(id.str()) && e.debits_pending == 0 && e.credits_pending == 0;
      RC_ASSERT(books.Close(id, now).has_value() == may);
      if (may) closed.insert(id.str());
      continue;
    }
    std::vector<Transfer> batch;
    const int size = *rc::gen::inRange(1, 5);
    for (int b = 0; b < size; ++b) {
      const int kind = *rc::gen::inRange(0, 8);
      Transfer t;
      t.council = council;
      t.created_at = now;
      t.code = ledger::TransferCode::kPayment;
      if ((kind == 5 || kind == 6) && !requests.empty()) {
        // A replay of an accepted request: exactly, or with other content.
        const int at = *rc::gen::inRange(0, static_cast<int>(requests.size()));
        t = std::next(requests.begin(), at)->second;
        if (kind == 6) t.reference += " (changed)";
        batch.push_back(t);
        continue;
      }
      t.id = TransferId("t" + std::to_string(next_id++));
      if ((kind == 3 || kind == 4) && !pendings.empty()) {
        t.flag = kind == 3 ? TransferFlag::kPostPending : TransferFlag::kVoidPending;
        t.pending_id =
            TransferId(pendings[*rc::gen::inRange(0, static_cast<int>(pendings.size()))]);
        const std::int64_t pending_amount = recorded.at(t.pending_id->str()).amount.value();
        if (kind == 3 && *rc::gen::inRange(0, 2) == 0) {
          t.amount = Pence(*rc::gen::inRange<std::int64_t>(1, pending_amount + 2));
        }
      } else {
        t.flag = kind == 2 ? TransferFlag::kPending : TransferFlag::kNone;
        t.debit_account = pick_account();
        t.credit_account = pick_account();
        t.amount = Pence(pick_amount());
      }
      batch.push_back(t);
    }

    const auto results = books.Create(batch);
    RC_ASSERT(results.size() == batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const Transfer& asked = batch[i];
      const auto& result = results[i];
      const std::string id = asked.id.str();
      if (!result) {
        RC_ASSERT(!result.error().fields.empty());
        if (recorded.contains(id)) {
          // Only other content under a recorded id is refused.
          RC_ASSERT(result.error().code == ErrorCode::kConflict);
          RC_ASSERT(asked.reference != requests.at(id).reference);
        }
        continue;
      }
      const Transfer& t = result->transfer;
      if (result->already_existed) {
        RC_ASSERT(recorded.contains(id));
        const Transfer& original = recorded.at(id);
        RC_ASSERT(t.amount == original.amount);
        RC_ASSERT(t.debit_account == original.debit_account);
        RC_ASSERT(t.credit_account == original.credit_account);
        RC_ASSERT(t.reference == original.reference);
        continue;
      }
      // A new transfer.
      RC_ASSERT(!recorded.contains(id));
      RC_ASSERT(t.amount.value() > 0);
      RC_ASSERT(t.debit_account != t.credit_account);
      RC_ASSERT(!closed.contains(t.debit_account.str()));
      RC_ASSERT(!closed.contains(t.credit_account.str()));
      Expected& d = expected[t.debit_account.str()];
      Expected& c = expected[t.credit_account.str()];
      const Int128 amount = t.amount.value();
      switch (t.flag) {
        case TransferFlag::kNone:
          d.debits_posted += amount;
          c.credits_posted += amount;
          break;
        case TransferFlag::kPending:
          d.debits_pending += amount;
          c.credits_pending += amount;
          pendings.push_back(id);
          break;
        case TransferFlag::kPostPending:
        case TransferFlag::kVoidPending: {
          const std::string pid = t.pending_id->str();
          RC_ASSERT(!resolved.contains(pid));  // at most once
          resolved.insert(pid);
          const Transfer& p = recorded.at(pid);
          RC_ASSERT(t.debit_account == p.debit_account);
          RC_ASSERT(t.credit_account == p.credit_account);
          RC_ASSERT(t.amount <= p.amount);
          d.debits_pending -= p.amount.value();
          c.credits_pending -= p.amount.value();
          if (t.flag == TransferFlag::kPostPending) {
            d.debits_posted += amount;
            c.credits_posted += amount;
          } else {
            RC_ASSERT(t.amount == p.amount);
          }
          break;
        }
      }
      recorded[id] = t;
      requests[id] = asked;
    }

    // The books against the model.
    Int128 debits = 0, credits = 0, debits_pending = 0, credits_pending = 0;
    const auto accounts = books.Accounts();
    RC_ASSERT(static_cast<int>(accounts.size()) == account_count);
    for (const Account& a : accounts) {
      const Expected& e = expected.at(a.id.str());
      const ledger::Balances& b = a.balances;
      RC_ASSERT(Int128{b.debits_posted.value()} == e.debits_posted);
      RC_ASSERT(Int128{b.credits_posted.value()} == e.credits_posted);
      RC_ASSERT(Int128{b.debits_pending.value()} == e.debits_pending);
      RC_ASSERT(Int128{b.credits_pending.value()} == e.credits_pending);
      if (a.flags.debits_must_not_exceed_credits) {
        RC_ASSERT(e.debits_posted + e.debits_pending <= e.credits_posted);  // never below zero
      }
      if (a.flags.credits_must_not_exceed_debits) {
        RC_ASSERT(e.credits_posted + e.credits_pending <= e.debits_posted);
      }
      RC_ASSERT(a.closed() == closed.contains(a.id.str()));
      debits += e.debits_posted;
      credits += e.credits_posted;
      debits_pending += e.debits_pending;
      credits_pending += e.credits_pending;
    }
    RC_ASSERT(debits == credits);
    RC_ASSERT(debits_pending == credits_pending);
    const ledger::LedgerCheck check = books.Verify();
    RC_ASSERT(check.clean());
    RC_ASSERT(check.transfers == static_cast<std::int64_t>(recorded.size()));

    // Exactly once in the stored transfers too.
    std::map<std::string, int> resolutions;
    for (const Transfer& t : books.Transfers()) {
      if (t.pending_id) RC_ASSERT(++resolutions[t.pending_id->str()] == 1);
    }
  }
}

}  // namespace selfdirect::testing

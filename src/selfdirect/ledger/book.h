// Book: a whole ledger in memory, for tests and simulations. It runs exactly the functions the
// database does (batch.h), so property tests over random operations on a Book check the rules
// themselves, and the same operations on the SQLite repository check the store.
//
//   Book book;
//   book.OpenAccount(fund);
//   book.OpenAccount(holding);
//   auto results = book.CreateTransfers(std::vector<Transfer>{payment});
//   LedgerCheck check = book.Verify(council);  // check.clean()
#pragma once

#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "selfdirect/ledger/batch.h"

namespace selfdirect::ledger {

class Book {
 public:
  // kConflict when the council already has an account with this id.
  Status OpenAccount(const Account& account);
  // CloseAccount (account.h) applied to the stored account; kNotFound when there is none.
  Status CloseAccount(const CouncilId& council, const LedgerAccountId& id, Timestamp at);
  const Account* FindAccount(const CouncilId& council, const LedgerAccountId& id) const;
  const Transfer* FindTransfer(const CouncilId& council, const TransferId& id) const;
  // See batch.h. Never fails as a whole: there is no I/O.
  std::vector<TransferResult> CreateTransfers(std::span<const Transfer> batch);

  std::vector<Account> Accounts(const CouncilId& council) const;
  // The council's transfers in the order they were recorded.
  std::vector<Transfer> Transfers(const CouncilId& council) const;
  // Recomputes every account's balances from the council's transfers (Reconciliation).
  LedgerCheck Verify(const CouncilId& council) const;

 private:
  using Key = std::pair<std::string, std::string>;  // council id, record id
  class Keeper;
  std::map<Key, Account> accounts_;
  std::map<Key, Transfer> transfers_;
  std::map<Key, TransferFlag> resolutions_;  // pending id → how it was resolved
  std::vector<Key> order_;                   // transfers in the order recorded
};

}  // namespace selfdirect::ledger

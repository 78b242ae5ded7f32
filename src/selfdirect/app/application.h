// Application: one function per use case. Each runs in one store transaction and returns a
// Result; adapters (HTTP, CLI) call these and never the store or domain rules directly.
//
// Every use case takes the request's Context and asks the one access policy first; writes are
// recorded in the audit log in the same transaction.
#pragma once

#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/council/council.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

struct Readiness {
  bool database_reachable = false;
  bool migrations_current = false;
  int schema_version = 0;
  int schema_latest = 0;
  std::string problem;  // empty when ready; otherwise what an operator should do

  bool ready() const { return database_reachable && migrations_current; }
};

class Application {
 public:
  Application(store::Store& store, const Clock& clock, UlidGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  // Registers a council (operators only). Fails with field errors, or kConflict when the code
  // is taken.
  Result<Council> CreateCouncil(const Context& ctx, const NewCouncil& request);
  // Every council (public: the sign-in page lists them).
  Result<std::vector<Council>> ListCouncils(const Context& ctx);
  Result<Council> GetCouncil(const Context& ctx, const CouncilId& id);  // kNotFound when absent
  // A council by its ONS code (public, like the list). kNotFound when there is none.
  Result<Council> GetCouncilByCode(const Context& ctx, const std::string& code);

  // Adds a scheme to a council, with its settings validated and defaults filled in.
  Result<Scheme> CreateScheme(const Context& ctx, const CouncilId& council,
                              const NewScheme& request);
  Result<std::vector<Scheme>> ListSchemes(const Context& ctx, const CouncilId& council);

  // Is the database reachable and its schema current? Never fails; says what is wrong.
  Readiness CheckReadiness();

  const Clock& clock() const { return clock_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
};

}  // namespace selfdirect::app

#include "selfdirect/casework/closure.h"

#include "selfdirect/casework/codes.h"

namespace selfdirect::casework {

Result<Closure> ValidateClosure(const ClosureRequest& request, Date date_of_birth, Date today) {
  std::vector<FieldError> errors;
  Closure out;
  if (FindCode(CodeList::kClosureReason, request.reason) == nullptr) {
    errors.push_back({"reason", "Choose why the case is closing"});
  }
  out.reason = request.reason;
  out.effective_on = today;
  if (!request.effective_on.empty()) {
    auto day = ParseIsoDate(request.effective_on);
    if (!day) {
      errors.push_back({"effective_on",
                        "Enter the date support ended as a real date, like "
                        "2026-11-20"});
    } else if (DaysBetween(today, *day) > 0) {
      errors.push_back({"effective_on", "The date support ended must be today or earlier"});
    } else if (DaysBetween(date_of_birth, *day) < 0) {
      errors.push_back({"effective_on",
                        "The date support ended is before the person's date of "
                        "birth; check it"});
    } else {
      out.effective_on = *day;
    }
  }
  if (request.words.size() > 4000) {
    errors.push_back({"words", "The note must be 4,000 characters or fewer"});
  }
  out.words = request.words;
  if (!errors.empty()) return FailFields(std::move(errors));
  return out;
}

}  // namespace selfdirect::casework

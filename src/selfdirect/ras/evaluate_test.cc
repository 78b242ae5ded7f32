#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model_loader.h"
#include "selfdirect/ras/program.h"
#include "selfdirect/ras/test_model.h"

namespace selfdirect::ras {
namespace {

TEST(Placeholder, Builds) { SUCCEED(); }

}  // namespace
}  // namespace selfdirect::ras

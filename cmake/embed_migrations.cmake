# Writes a C++ source holding every migrations/NNNN_name.sql file as a string, in order.
# Usage: cmake -DSRC_DIR=... -DOUT=... -P embed_migrations.cmake
file(GLOB files RELATIVE "${SRC_DIR}" "${SRC_DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  if(NOT f MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration ${f}: name it NNNN_words.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  file(READ "${SRC_DIR}/${f}" sql)
  string(FIND "${sql}" ")migration\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "migration ${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "    {${version}, \"${name}\", R\"migration(${sql})migration\"},\n")
endforeach()
set(content "// Generated from src/selfdirect/store/migrations/*.sql by cmake/embed_migrations.cmake.
#include \"selfdirect/store/migrations.h\"

namespace selfdirect::store {

const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration> kMigrations = {
${body}  };
  return kMigrations;
}

}  // namespace selfdirect::store
")
include("${CMAKE_CURRENT_LIST_DIR}/write_if_changed.cmake")
write_if_changed("${OUT}" "${content}")

# libFuzzer target over every JSON reader the app feeds untrusted text (catalog, feedback, calibration,
# settings, a kept playlist), for clang builds only (GCC has no libFuzzer). Use a separate
# build directory:
#   CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja
#   cmake --build build/fuzz --target catalog_fuzz
#   ctest --test-dir build/fuzz -R catalog_fuzz --output-on-failure
# On Debian the fuzzer runtime comes with clang's compiler-rt (libclang-rt-14-dev).
# The loader sources are compiled again into the fuzzer, with the sanitizers, rather than linked from
# the uninstrumented attune_core.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(STATUS "catalog_fuzz: skipped (needs clang; configure with CC=clang CXX=clang++)")
  return()
endif()

set(ATTUNE_FUZZ_SECONDS 20 CACHE STRING "how long the catalog_fuzz test fuzzes, in seconds")
set(ATTUNE_FUZZ_SANITIZERS -fsanitize=fuzzer,address,undefined)

add_executable(catalog_fuzz
  ${CMAKE_SOURCE_DIR}/tests/fuzz/catalog_fuzz.cpp
  ${CMAKE_SOURCE_DIR}/src/core/catalog.cpp
  ${CMAKE_SOURCE_DIR}/src/core/catalog_fast.cpp
  ${CMAKE_SOURCE_DIR}/src/core/exact_decimal.cpp
  ${CMAKE_SOURCE_DIR}/src/core/catalog_reader.cpp
  ${CMAKE_SOURCE_DIR}/src/core/feedback.cpp
  ${CMAKE_SOURCE_DIR}/src/core/calibration.cpp
  ${CMAKE_SOURCE_DIR}/src/core/label_shift.cpp
  ${CMAKE_SOURCE_DIR}/src/core/settings.cpp
  ${CMAKE_SOURCE_DIR}/src/core/listen_service.cpp
  ${CMAKE_SOURCE_DIR}/src/core/playlist.cpp
  ${CMAKE_SOURCE_DIR}/src/core/recommend.cpp
  ${CMAKE_SOURCE_DIR}/src/core/spatial_index.cpp
  ${CMAKE_SOURCE_DIR}/src/core/emotion.cpp)
target_include_directories(catalog_fuzz PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_include_directories(catalog_fuzz SYSTEM PRIVATE ${JSON_INCLUDE_DIR})
target_compile_options(catalog_fuzz PRIVATE ${ATTUNE_FUZZ_SANITIZERS} -fno-sanitize-recover=undefined -g -O1)
target_link_options(catalog_fuzz PRIVATE ${ATTUNE_FUZZ_SANITIZERS})

# libFuzzer adds what it finds to the first corpus directory: a scratch one in the build tree, so the
# committed seeds (malformed catalogs and one valid catalog) stay as they are.
set(ATTUNE_FUZZ_WORK_CORPUS ${CMAKE_BINARY_DIR}/fuzz/catalog_corpus)
file(MAKE_DIRECTORY ${ATTUNE_FUZZ_WORK_CORPUS})
add_test(NAME catalog_fuzz
  COMMAND catalog_fuzz
    -max_total_time=${ATTUNE_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
    ${ATTUNE_FUZZ_WORK_CORPUS}
    ${CMAKE_SOURCE_DIR}/tests/data/catalog_bad
    ${CMAKE_SOURCE_DIR}/tests/fuzz/seeds)
set_tests_properties(catalog_fuzz PROPERTIES TIMEOUT 300 LABELS fuzz)

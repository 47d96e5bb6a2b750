# Emscripten targets: the web app and the wasm core module for Node. Included from CMakeLists.txt.

# ---- Dear ImGui with the GLFW + OpenGL ES 3 (WebGL2) backends ------------------------------------
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp
  ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR})
target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS)

# ---- the web app ---------------------------------------------------------------------------------
file(GLOB ATTUNE_APP_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/src/app/*.cpp
  ${CMAKE_SOURCE_DIR}/src/ui/*.cpp
  ${CMAKE_SOURCE_DIR}/src/infer/*.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/web/*.cpp)
add_executable(attune ${ATTUNE_APP_SOURCES})
set_target_properties(attune PROPERTIES SUFFIX ".js")
target_link_libraries(attune PRIVATE attune_core imgui)
target_compile_options(attune PRIVATE -Wall -Wextra)
set(ATTUNE_JS_LIBRARIES
  ${CMAKE_SOURCE_DIR}/web/ort_bridge.js ${CMAKE_SOURCE_DIR}/web/media.js ${CMAKE_SOURCE_DIR}/web/page.js
  ${CMAKE_SOURCE_DIR}/web/storage.js ${CMAKE_SOURCE_DIR}/web/files.js ${CMAKE_SOURCE_DIR}/web/a11y.js
  ${CMAKE_SOURCE_DIR}/web/touch.js)
foreach(library IN LISTS ATTUNE_JS_LIBRARIES)
  target_link_options(attune PRIVATE "SHELL:--js-library ${library}")
endforeach()
set_property(TARGET attune APPEND PROPERTY LINK_DEPENDS ${ATTUNE_JS_LIBRARIES})
# No emscripten file system (issue #16, first-visit bytes): the app opens no file (ImGui's ini is off,
# settings and feedback live in localStorage, catalog and models come through fetch), and without it
# attune.js loses MEMFS/TTY/FS: 44.7 -> 31.7 KB gzip.
target_link_options(attune PRIVATE -sFILESYSTEM=0)
target_link_options(attune PRIVATE -sUSE_GLFW=3)
target_link_options(attune PRIVATE -sMIN_WEBGL_VERSION=2)
target_link_options(attune PRIVATE -sMAX_WEBGL_VERSION=2)
target_link_options(attune PRIVATE -sENVIRONMENT=web)
target_link_options(attune PRIVATE -sALLOW_MEMORY_GROWTH=1)
target_link_options(attune PRIVATE -sINITIAL_MEMORY=33554432)
target_link_options(attune PRIVATE -sEXPORTED_FUNCTIONS=_main,_malloc,_free)
target_link_options(attune PRIVATE -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8)

# ---- the wasm core module for Node tools and tests ------------------------------------------------
add_executable(attune_core_module ${CMAKE_SOURCE_DIR}/src/platform/node/core_module.cpp)
# CommonJS: emscripten 3.1.6 ES6 output for Node uses __dirname and require, which ES modules lack.
set_target_properties(attune_core_module PROPERTIES OUTPUT_NAME "attune_core" SUFFIX ".js")
target_link_libraries(attune_core_module PRIVATE attune_core)
target_include_directories(attune_core_module SYSTEM PRIVATE ${THIRD_PARTY_DIR}/stb)  # stb_image.h only
target_link_options(attune_core_module PRIVATE -sMODULARIZE=1)
target_link_options(attune_core_module PRIVATE -sEXPORT_NAME=createAttuneCore)
# web too: bench/pages/ loads it in Chromium (with the wasm bytes passed in as wasmBinary) to run our
# face pipeline beside another library on the same frames (bench/faceapi_compare.mjs).
target_link_options(attune_core_module PRIVATE -sENVIRONMENT=node,web)
# Node 20 + emscripten 3.1.6: asynchronous compilation tries fetch() on a file path.
target_link_options(attune_core_module PRIVATE -sWASM_ASYNC_COMPILATION=0)
target_link_options(attune_core_module PRIVATE -sALLOW_MEMORY_GROWTH=1)
target_link_options(attune_core_module PRIVATE -sEXPORTED_FUNCTIONS=_malloc,_free)
target_link_options(attune_core_module PRIVATE -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8)

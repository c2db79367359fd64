# Third-party libraries. Natively they come from Debian's -dev packages; for
# WebAssembly they are compiled from the Debian *source* packages that
# scripts/setup.sh unpacks into .deps/src (Emscripten ports would download).
# Either way the project sees the same target names:
#   qaward::json  qaward::sodium  qaward::zip  qaward::zlib  qaward::utf8proc  qaward::imgui
# (Dear ImGui always from its source package: in wasm with the GLFW and WebGL2
# backends, natively headless, for the UI smoke test only.)
# Dear ImGui is 1.92.x from Debian unstable (see scripts/setup.sh, step 2b):
# dynamic glyphs (ImGuiBackendFlags_RendererHasTextures). qaward_check_imgui
# stops the configure with a clear message when another version is unpacked.
# Natively SHA-256 comes from OpenSSL's libcrypto (it uses the CPU's SHA
# extensions); in WebAssembly from libsodium.

function(qaward_check_imgui dir)
  file(STRINGS "${dir}/imgui.h" _v REGEX "^#define IMGUI_VERSION_NUM ")
  string(REGEX MATCH "[0-9]+" _n "${_v}")
  set(_deb "?")
  if(EXISTS "${dir}/.debian-version")
    file(STRINGS "${dir}/.debian-version" _deb LIMIT_COUNT 1)
  endif()
  if(NOT _n OR _n LESS 19200 OR NOT _n LESS 19300)
    message(FATAL_ERROR "Dear ImGui in ${dir} is version ${_n} (Debian ${_deb}); the app needs 1.92.x "
                        "(dynamic glyphs). Delete ${dir} and run scripts/setup.sh: it fetches 1.92 from sid.")
  endif()
  message(STATUS "Dear ImGui ${_n} (Debian source package ${_deb})")
  # Given to every user of ImGui as a define: unpacked sources keep the
  # tarball's old times, so without it a build tree made with another version
  # would not recompile the app against the new headers.
  set(QAWARD_IMGUI_VERSION_NUM "${_n}" PARENT_SCOPE)
endfunction()

if(NOT EMSCRIPTEN)
  find_package(nlohmann_json 3.10 REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
  pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
  find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)
  find_package(ZLIB REQUIRED)
  find_package(GTest REQUIRED)
  add_library(qaward::json ALIAS nlohmann_json::nlohmann_json)
  add_library(qaward::sodium ALIAS PkgConfig::SODIUM)
  add_library(qaward::zip ALIAS PkgConfig::LIBZIP)
  add_library(qaward::utf8proc ALIAS PkgConfig::UTF8PROC)
  add_library(qaward::zlib ALIAS ZLIB::ZLIB)
  # Dear ImGui without any backend, for the headless UI smoke test
  # (tests/gui): the same Debian source package and defines as the browser
  # app, IM_ASSERT routed to a hook the test defines (an ImGui assertion fails
  # the test naming the screen and draft), and the test engine's item hooks.
  set(_i "${QAWARD_DEPS_SRC}/imgui")
  if(EXISTS "${_i}/.unpacked")
    qaward_check_imgui("${_i}")
    add_library(qaward_imgui STATIC EXCLUDE_FROM_ALL ${_i}/imgui.cpp ${_i}/imgui_draw.cpp ${_i}/imgui_tables.cpp
                ${_i}/imgui_widgets.cpp ${_i}/misc/cpp/imgui_stdlib.cpp)
    target_include_directories(qaward_imgui SYSTEM PUBLIC "${_i}" "${_i}/misc/cpp")
    target_compile_definitions(qaward_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_USE_WCHAR32
                               QAWARD_IMGUI_VERSION_NUM=${QAWARD_IMGUI_VERSION_NUM}
                               IMGUI_USER_CONFIG="${PROJECT_SOURCE_DIR}/tests/gui/imconfig_headless.h")
    target_compile_options(qaward_imgui PRIVATE -w)
    add_library(qaward::imgui ALIAS qaward_imgui)
  else()
    message(WARNING "Dear ImGui source not found in ${_i}: the UI smoke test is not built (run scripts/setup.sh).")
  endif()
  return()
endif()

foreach(pkg imgui libsodium zlib libzip utf8proc)
  if(NOT EXISTS "${QAWARD_DEPS_SRC}/${pkg}/.unpacked")
    message(FATAL_ERROR "Debian source package '${pkg}' not found in ${QAWARD_DEPS_SRC}. "
                        "Run scripts/setup.sh first (it runs apt-get source).")
  endif()
endforeach()

# --- nlohmann/json: header-only. Never -I/usr/include under em++ (it pulls in
# glibc headers), so expose only the nlohmann folder through a private link.
set(_json_inc "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${_json_inc}")
if(NOT EXISTS "${_json_inc}/nlohmann")
  file(CREATE_LINK /usr/include/nlohmann "${_json_inc}/nlohmann" SYMBOLIC)
endif()
add_library(qaward_json INTERFACE)
target_include_directories(qaward_json SYSTEM INTERFACE "${_json_inc}")
add_library(qaward::json ALIAS qaward_json)

# --- zlib: its CMakeLists refers to files Debian's dfsg tarball removed, so
# compile the top-level sources directly.
set(_z "${QAWARD_DEPS_SRC}/zlib")
add_library(qaward_zlib STATIC
  ${_z}/adler32.c ${_z}/compress.c ${_z}/crc32.c ${_z}/deflate.c ${_z}/gzclose.c
  ${_z}/gzlib.c ${_z}/gzread.c ${_z}/gzwrite.c ${_z}/infback.c ${_z}/inffast.c
  ${_z}/inflate.c ${_z}/inftrees.c ${_z}/trees.c ${_z}/uncompr.c ${_z}/zutil.c)
target_compile_definitions(qaward_zlib PRIVATE Z_HAVE_UNISTD_H)
target_include_directories(qaward_zlib SYSTEM PUBLIC "${_z}")

# --- libzip: its own CMake, with the type sizes that check_type_size misreads
# under emscripten pre-seeded, and every optional backend off.
set(HAVE_SIZEOF_OFF_T TRUE CACHE INTERNAL "")
set(SIZEOF_OFF_T 8 CACHE INTERNAL "")
set(HAVE_SIZEOF_SIZE_T TRUE CACHE INTERNAL "")
set(SIZEOF_SIZE_T 4 CACHE INTERNAL "")
foreach(opt ENABLE_COMMONCRYPTO ENABLE_GNUTLS ENABLE_MBEDTLS ENABLE_OPENSSL
            ENABLE_WINDOWS_CRYPTO ENABLE_BZIP2 ENABLE_LZMA ENABLE_ZSTD BUILD_TOOLS
            BUILD_REGRESS BUILD_EXAMPLES BUILD_DOC BUILD_SHARED_LIBS LIBZIP_DO_INSTALL)
  set(${opt} OFF CACHE INTERNAL "")
endforeach()
add_library(ZLIB::ZLIB ALIAS qaward_zlib)
add_library(qaward::zlib ALIAS qaward_zlib)
# libzip's CMakeLists exports its targets unconditionally; CMake then wants
# every dependency exported too.
export(TARGETS qaward_zlib FILE "${CMAKE_BINARY_DIR}/third_party/zlib-targets.cmake")
set(ZLIB_INCLUDE_DIR "${_z}" CACHE INTERNAL "")
set(ZLIB_LIBRARY qaward_zlib CACHE INTERNAL "")
add_subdirectory("${QAWARD_DEPS_SRC}/libzip" "${CMAKE_BINARY_DIR}/third_party/libzip" EXCLUDE_FROM_ALL SYSTEM)
add_library(qaward::zip ALIAS zip)

# --- libsodium: the source package has no generated autotools files; compile
# every source with the configuration the toolchain notes record.
set(_s "${QAWARD_DEPS_SRC}/libsodium/src/libsodium")
file(GLOB_RECURSE _sodium_sources CONFIGURE_DEPENDS "${_s}/*.c")
set(VERSION 1.0.18)
set(SODIUM_LIBRARY_VERSION_MAJOR 10)
set(SODIUM_LIBRARY_VERSION_MINOR 3)
set(SODIUM_LIBRARY_MINIMAL_DEF "")
configure_file("${_s}/include/sodium/version.h.in"
               "${CMAKE_BINARY_DIR}/third_party/sodium/include/sodium/version.h" @ONLY)
# version.h includes "export.h" from its own folder.
configure_file("${_s}/include/sodium/export.h"
               "${CMAKE_BINARY_DIR}/third_party/sodium/include/sodium/export.h" COPYONLY)
add_library(qaward_sodium STATIC ${_sodium_sources})
target_compile_definitions(qaward_sodium PRIVATE CONFIGURED=1 NATIVE_LITTLE_ENDIAN=1 HAVE_WEAK_SYMBOLS=0)
target_include_directories(qaward_sodium PRIVATE
  "${CMAKE_BINARY_DIR}/third_party/sodium/include/sodium" "${_s}/include/sodium")
target_include_directories(qaward_sodium SYSTEM PUBLIC
  "${CMAKE_BINARY_DIR}/third_party/sodium/include" "${_s}/include")
target_compile_options(qaward_sodium PRIVATE -w)
add_library(qaward::sodium ALIAS qaward_sodium)

# --- utf8proc: Unicode normalization (NFC names in packages).
add_library(qaward_utf8proc STATIC "${QAWARD_DEPS_SRC}/utf8proc/utf8proc.c")
target_compile_definitions(qaward_utf8proc PUBLIC UTF8PROC_STATIC)
target_include_directories(qaward_utf8proc SYSTEM PUBLIC "${QAWARD_DEPS_SRC}/utf8proc")
target_compile_options(qaward_utf8proc PRIVATE -w)
add_library(qaward::utf8proc ALIAS qaward_utf8proc)

# --- Dear ImGui 1.92 with the GLFW (emscripten's built-in emulation) and
# OpenGL ES 3 / WebGL2 backends (and ES 2 / WebGL1, app/gui/render_webgl1.cpp); the OpenGL3 backend creates and updates the
# glyph textures itself (ImGuiBackendFlags_RendererHasTextures).
set(_i "${QAWARD_DEPS_SRC}/imgui")
qaward_check_imgui("${_i}")
add_library(qaward_imgui STATIC
  ${_i}/imgui.cpp ${_i}/imgui_draw.cpp ${_i}/imgui_tables.cpp ${_i}/imgui_widgets.cpp
  ${_i}/backends/imgui_impl_glfw.cpp ${_i}/backends/imgui_impl_opengl3.cpp
  ${_i}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(qaward_imgui SYSTEM PUBLIC "${_i}" "${_i}/backends" "${_i}/misc/cpp")
# 32-bit ImWchar: characters outside the BMP (rare characters in names, such as
# 𠮷) are kept instead of becoming U+FFFD.
target_compile_definitions(qaward_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_USE_WCHAR32
                                                  QAWARD_IMGUI_VERSION_NUM=${QAWARD_IMGUI_VERSION_NUM})
# WebGL1 too: the same backend built again in its ES2 mode (app/gui/render_webgl1.cpp).
target_link_options(qaward_imgui PUBLIC -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=1 -sMAX_WEBGL_VERSION=2)
add_library(qaward::imgui ALIAS qaward_imgui)

# --- GoogleTest, compiled from Debian's sources for the wasm core tests.
add_library(qaward_gtest STATIC /usr/src/googletest/googletest/src/gtest-all.cc
                                /usr/src/googletest/googletest/src/gtest_main.cc)
target_include_directories(qaward_gtest SYSTEM PUBLIC /usr/src/googletest/googletest/include
                                         PRIVATE /usr/src/googletest/googletest)
add_library(GTest::gtest_main ALIAS qaward_gtest)
